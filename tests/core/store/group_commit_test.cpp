// Group commit (store/sqlite/wal_sync.hpp): durable commits from many threads at once each
// return only after a flush of the WAL that began after them, none is lost when the process is
// killed right after, and a WAL that cannot be flushed is a transient error, not a success.
#include "store/sqlite/sqlite_store.hpp"
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

TEST_CASE("a claim returns its items only once the commits that made them ready are on disk", "[store]") {
  // A repeatable commit is visible at once but synced later; a worker acting on what it claims
  // (sending a 997, delivering a message) must not act on something a power cut could take back.
  test::TempDir dir("store");
  auto opened = open_sqlite_store(dir.path, StoreOptions{});
  REQUIRE(opened.ok());
  auto& store = dynamic_cast<sqlite::SqliteStore&>(**opened);
  REQUIRE(store
              .run(
                  [](Unit& unit) -> Result<void> {
                    EDIGATE_TRY_VOID(unit.enqueue(WorkKind::deliver, "msg-1", "erp", 0, 0));
                    return {};
                  },
                  Commit::repeatable)
              .ok());
  const std::uint64_t visible = store.wal_sync().latest();
  REQUIRE(visible > store.wal_sync().synced());  // committed, not yet flushed

  const WorkKind kinds[] = {WorkKind::deliver};
  auto claimed = store.claim_many(kinds, "worker-1", 60'000, 4);
  REQUIRE(claimed.ok());
  REQUIRE(claimed.value().size() == 1);
  CHECK(store.wal_sync().synced() >= visible);
}

TEST_CASE("a claim that finds nothing does not wait for a flush", "[store]") {
  test::TempDir dir("store");
  auto opened = open_sqlite_store(dir.path, StoreOptions{});
  REQUIRE(opened.ok());
  auto& store = dynamic_cast<sqlite::SqliteStore&>(**opened);
  REQUIRE(store.run([](Unit&) -> Result<void> { return {}; }, Commit::repeatable).ok());
  const std::uint64_t synced = store.wal_sync().synced();
  const WorkKind kinds[] = {WorkKind::send};
  auto claimed = store.claim_many(kinds, "worker-1", 60'000, 4);
  REQUIRE(claimed.ok());
  CHECK(claimed.value().empty());
  CHECK(store.wal_sync().synced() == synced);
}
