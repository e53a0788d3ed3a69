// Commit::repeatable (a delivery's outcome recorded without its own fsync): still a real,
// atomic commit that a killed process keeps, and rolled back like any other when the stage fails.
#include "store/store.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <csignal>

#include "open_store.hpp"
#include "temp_dir.hpp"

using namespace edigate;
using namespace edigate::store;
using edigate::test::open_store;

namespace {
const WorkKind kProcess[] = {WorkKind::process};

int work_state_count(Store& store, const std::string& state) {
  auto items = store.work(state, kProcess, 100);
  REQUIRE(items.ok());
  return static_cast<int>(items.value().size());
}

}  // namespace

TEST_CASE("a repeatable commit is kept when the process is killed right after it", "[store][crash]") {
  test::TempDir dir("store");
  {
    auto store = open_store(dir.path);
    REQUIRE(store->receive({"folder", "po.edi", "acme-retail", "po.edi", "ISA*..."}).ok());
  }
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto opened = open_sqlite_store(dir.path, StoreOptions{});
    if (!opened.ok()) ::_exit(10);
    auto store = std::move(opened).value();
    auto claimed = store->claim(kProcess, "test", 60000);
    if (!claimed.ok() || !claimed.value()) ::_exit(11);
    const WorkItem item = *claimed.value();
    auto done = store->run(
        [&](Unit& unit) -> Result<void> {
          EDIGATE_TRY_VOID(unit.event("input:" + item.subject, "delivered", "ok", "recorded without an fsync"));
          return unit.finish(item, {WorkOutcome::Kind::done, 0, "done"});
        },
        Commit::repeatable);
    if (!done.ok()) ::_exit(12);
    ::raise(SIGKILL);  // no destructor, no checkpoint, no close
    ::_exit(13);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  auto store = open_store(dir.path);
  CHECK(work_state_count(*store, "done") == 1);
  CHECK(work_state_count(*store, "ready") == 0);
  auto events = store->events("input:1");
  REQUIRE(events.ok());
  CHECK(events.value().back().stage == "delivered");
  CHECK(store->check().value().problems.empty());
}

TEST_CASE("a repeatable unit whose stage fails leaves nothing behind", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  REQUIRE(store->receive({"folder", "po.edi", "acme-retail", "po.edi", "ISA*..."}).ok());
  auto claimed = store->claim(kProcess, "test", 60000);
  REQUIRE(claimed.ok());
  REQUIRE(claimed.value().has_value());
  const WorkItem item = *claimed.value();
  auto failed = store->run(
      [&](Unit& unit) -> Result<void> {
        EDIGATE_TRY_VOID(unit.finish(item, {WorkOutcome::Kind::done, 0, "done"}));
        return Error("test.failed", "the stage failed after writing");
      },
      Commit::repeatable);
  CHECK_FALSE(failed.ok());
  CHECK(work_state_count(*store, "leased") == 1);
  CHECK(work_state_count(*store, "done") == 0);
}
