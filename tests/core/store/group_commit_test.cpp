// Group commit (store/sqlite/wal_sync.hpp): durable commits from many threads at once each
// return only after a flush of the WAL that began after them, none is lost when the process is
// killed right after, and a WAL that cannot be flushed is a transient error, not a success.
#include "store/sqlite/wal_sync.hpp"
#include "store/store.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <thread>
#include <vector>

#include "temp_dir.hpp"

using namespace edigate;
using namespace edigate::store;

namespace {

constexpr int kThreads = 6;
constexpr int kPerThread = 40;

/// kThreads threads each receiving kPerThread inputs; true when every receive succeeded.
bool receive_concurrently(Store& store) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string name = "t" + std::to_string(t) + "-" + std::to_string(i) + ".edi";
        if (!store.receive({"folder", name, "acme-retail", name, "ISA*" + name}).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  return failures == 0;
}

}  // namespace

TEST_CASE("durable commits from many threads at once all succeed and all are kept after SIGKILL", "[store][crash]") {
  test::TempDir dir("store");
  { REQUIRE(open_sqlite_store(dir.path, StoreOptions{}).ok()); }  // created and migrated
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto opened = open_sqlite_store(dir.path, StoreOptions{});
    if (!opened.ok()) ::_exit(10);
    if (!receive_concurrently(**opened)) ::_exit(11);
    ::raise(SIGKILL);  // every receive returned: all of them must be there
    ::_exit(12);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));

  auto store = open_sqlite_store(dir.path, StoreOptions{});
  REQUIRE(store.ok());
  auto report = (*store)->check();
  REQUIRE(report.ok());
  CHECK(report.value().problems.empty());
  CHECK(report.value().inputs == kThreads * kPerThread);
  auto queued = (*store)->queue_counts(WorkKind::process);
  REQUIRE(queued.ok());
  CHECK(queued.value().ready + queued.value().waiting == kThreads * kPerThread);
}

TEST_CASE("a write-ahead log that cannot be flushed fails the commit's wait as transient", "[store]") {
  test::TempDir dir("store");
  sqlite::WalSync sync(dir.path / "no-such-folder" / "edigate.db-wal");
  auto waited = sync.wait(sync.committed());
  REQUIRE_FALSE(waited.ok());
  CHECK(waited.error().code == "store.sync");
  CHECK(waited.error().category == ErrorCategory::transient);
}
