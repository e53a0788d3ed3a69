// The embedded store on real SQLite files: durability order, dedupe, the work queue, counters,
// replay, migrations, and the failures an operator meets (corrupt file, locked database, full
// disk).
#include "store/store.hpp"

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>

#include "open_store.hpp"
#include "temp_dir.hpp"

using namespace edigate;
using namespace edigate::store;
using edigate::test::open_store;

namespace {
NewInput input(const std::string& name, std::string bytes) {
  return NewInput{"folder", name, "acme-retail", name, std::move(bytes)};
}

const WorkKind kAll[] = {WorkKind::process, WorkKind::deliver, WorkKind::send, WorkKind::render};

}  // namespace

TEST_CASE("receive commits the bytes and queues their processing in one step", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  auto receipt = store->receive(input("po1.edi", "ISA*00*...~"));
  REQUIRE(receipt.ok());
  CHECK_FALSE(receipt.value().duplicate);
  const auto id = receipt.value().input_id;

  auto bytes = store->input_bytes(id);
  REQUIRE(bytes.ok());
  CHECK(bytes.value() == "ISA*00*...~");
  auto record = store->input(id);
  REQUIRE(record.ok());
  CHECK(record.value().state == "received");
  CHECK(record.value().sha256.size() == 64);
  CHECK(record.value().partner_hint == "acme-retail");

  auto queued = store->work_for(std::to_string(id));
  REQUIRE(queued.ok());
  REQUIRE(queued.value().size() == 1);
  CHECK(queued.value()[0].kind == WorkKind::process);
  auto events = store->events("input:" + std::to_string(id));
  REQUIRE(events.ok());
  REQUIRE(events.value().size() == 1);
  CHECK(events.value()[0].stage == "received");

  // Survives closing and reopening: it was committed, not buffered.
  store.reset();
  auto reopened = open_store(dir.path);
  CHECK(reopened->input_bytes(id).value() == "ISA*00*...~");
}

TEST_CASE("a large input is kept as a content-addressed file beside the database", "[store]") {
  test::TempDir dir("store");
  StoreOptions options;
  options.inline_limit = 16;
  auto store = open_store(dir.path, options);
  const std::string big(1000, 'x');
  auto receipt = store->receive(input("big.edi", big));
  REQUIRE(receipt.ok());
  CHECK(store->input_bytes(receipt.value().input_id).value() == big);
  const auto sha = store->input(receipt.value().input_id).value().sha256;
  CHECK(std::filesystem::exists(dir.path / "blobs" / sha.substr(0, 2) / sha));
  CHECK(store->check().value().problems.empty());

  std::filesystem::remove(dir.path / "blobs" / sha.substr(0, 2) / sha);
  auto report = store->check();
  REQUIRE(report.ok());
  REQUIRE(report.value().problems.size() == 1);
  CHECK_THAT(report.value().problems[0], Catch::Contains("is missing"));
  auto lost = store->input_bytes(receipt.value().input_id);
  REQUIRE_FALSE(lost.ok());
  CHECK(lost.error().code == "store.blob.missing");
}

TEST_CASE("the same file name and content within the window is a recorded duplicate, not new work", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  auto first = store->receive(input("po1.edi", "same bytes"));
  auto again = store->receive(input("po1.edi", "same bytes"));
  auto changed = store->receive(input("po1.edi", "other bytes"));
  REQUIRE((first.ok() && again.ok() && changed.ok()));
  CHECK(again.value().duplicate);
  CHECK(again.value().duplicate_of == first.value().input_id);
  CHECK_FALSE(changed.value().duplicate);
  CHECK(store->work_for(std::to_string(again.value().input_id)).value().empty());
  CHECK(store->input(again.value().input_id).value().state == "duplicate");
  // The repeat's bytes are the original's.
  CHECK(store->input_bytes(again.value().input_id).value() == "same bytes");
  auto events = store->events("input:" + std::to_string(again.value().input_id)).value();
  REQUIRE(events.size() == 1);
  CHECK(events[0].outcome == "duplicate");

  StoreOptions no_window;
  no_window.duplicate_window = -1;  // received_at >= now + 1: nothing is in the window
  test::TempDir other("store");
  auto windowless = open_store(other.path, no_window);
  REQUIRE(windowless->receive(input("a.edi", "x")).ok());
  CHECK_FALSE(windowless->receive(input("a.edi", "x")).value().duplicate);
}

TEST_CASE("work is claimed by priority, leased, retried later and dead-lettered", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  REQUIRE(store
              ->run([](Unit& u) -> Result<void> {
                EDIGATE_TRY_VOID(u.enqueue(WorkKind::deliver, "m-invoice", "erp", 20, 0).ok()
                                     ? Result<void>()
                                     : Error("test", "enqueue"));
                EDIGATE_TRY_VOID(u.enqueue(WorkKind::deliver, "m-asn", "wms", 10, 0).ok() ? Result<void>()
                                                                                          : Error("test", "enqueue"));
                return {};
              })
              .ok());
  const WorkKind deliver[] = {WorkKind::deliver};
  auto first = store->claim(deliver, "w1", 30000);
  REQUIRE(first.ok());
  REQUIRE(first.value().has_value());
  CHECK(first.value()->subject == "m-asn");  // priority 10 before 20
  auto second = store->claim(deliver, "w2", 30000);
  REQUIRE(second.value().has_value());
  CHECK(second.value()->subject == "m-invoice");
  CHECK_FALSE(store->claim(deliver, "w3", 30000).value().has_value());  // both leased

  // Retry: back to ready, but not before its time.
  const Millis later = now_millis() + 60000;
  REQUIRE(store->run([&](Unit& u) {
                 return u.finish(*first.value(), {WorkOutcome::Kind::retry, later, "HTTP 503"});
               })
              .ok());
  CHECK_FALSE(store->claim(deliver, "w3", 30000).value().has_value());
  auto counts = store->queue_counts(WorkKind::deliver).value();
  CHECK(counts.waiting == 1);
  CHECK(counts.leased == 1);

  // Dead, then replayed: ready again with attempts reset and a `replayed` event.
  REQUIRE(store->run([&](Unit& u) {
                 return u.finish(*second.value(), {WorkOutcome::Kind::dead, 0, "HTTP 400"});
               })
              .ok());
  CHECK(store->queue_counts(WorkKind::deliver).value().dead == 1);
  auto dead = store->work("dead", deliver, 10).value();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].last_error == "HTTP 400");
  CHECK(dead[0].attempts == 1);
  CHECK(store->replay_dead(WorkKind::deliver, "", "erp").value() == 1);
  auto replayed = store->claim(deliver, "w4", 30000).value();
  REQUIRE(replayed.has_value());
  CHECK(replayed->subject == "m-invoice");
  CHECK(replayed->attempts == 0);
  auto events = store->events("message:m-invoice").value();
  REQUIRE_FALSE(events.empty());
  CHECK(events.back().stage == "replayed");
}

TEST_CASE("a lease left by a crashed run is released at start, and an expired lease is claimable", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  REQUIRE(store->receive(input("a.edi", "a")).ok());
  const WorkKind process[] = {WorkKind::process};
  REQUIRE(store->claim(process, "crashed", 60000).value().has_value());
  CHECK_FALSE(store->claim(process, "other", 60000).value().has_value());
  CHECK(store->release_leases().value() == 1);
  auto again = store->claim(process, "restarted", 1);  // 1 ms lease
  REQUIRE(again.value().has_value());
  ::usleep(5000);
  CHECK(store->claim(process, "another", 60000).value().has_value());
}

TEST_CASE("a failing stage leaves nothing behind", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  auto failed = store->run([](Unit& u) -> Result<void> {
    EDIGATE_TRY(std::int64_t id, u.enqueue(WorkKind::deliver, "m-1", "erp", 0, 0));
    (void)id;
    EDIGATE_TRY_VOID(u.event("message:m-1", "routed", "ok", ""));
    return Error("pipeline.test", "the stage failed after writing");
  });
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == "pipeline.test");
  CHECK(store->work_for("m-1").value().empty());
  CHECK(store->events("message:m-1").value().empty());
}

TEST_CASE("control numbers start where the profile says, never repeat, and survive a reopen", "[store]") {
  test::TempDir dir("store");
  std::vector<std::uint64_t> seen;
  for (int run = 0; run < 2; ++run) {
    auto store = open_store(dir.path);
    for (int i = 0; i < 3; ++i) {
      REQUIRE(store
                  ->run([&](Unit& u) -> Result<void> {
                    EDIGATE_TRY(auto n, u.next_control("acme-retail", "interchange", 5001));
                    seen.push_back(n);
                    return {};
                  })
                  .ok());
    }
    // A rolled-back allocation is not consumed (it was never used by anything stored).
    (void)store->run([&](Unit& u) -> Result<void> {
      EDIGATE_TRY(auto n, u.next_control("acme-retail", "interchange", 5001));
      (void)n;
      return Error("test", "rolled back");
    });
  }
  CHECK(seen == std::vector<std::uint64_t>{5001, 5002, 5003, 5004, 5005, 5006});
}

TEST_CASE("an interchange key is claimed once within the window", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  auto a = store->receive(input("a.edi", "a")).value().input_id;
  auto b = store->receive(input("b.edi", "b")).value().input_id;
  std::vector<InterchangeClaim> claims;
  REQUIRE(store
              ->run([&](Unit& u) -> Result<void> {
                for (auto [key, id] : {std::pair{"ZZ:A|ZZ:B|000000001", a}, std::pair{"ZZ:A|ZZ:B|000000001", a},
                                       std::pair{"ZZ:A|ZZ:B|000000001", b}, std::pair{"ZZ:A|ZZ:B|000000002", b}}) {
                  EDIGATE_TRY(InterchangeClaim claimed, u.claim_interchange(key, id));
                  claims.push_back(claimed);
                }
                return {};
              })
              .ok());
  // The same input may claim again (reprocessing); another input may not.
  using C = InterchangeClaim;
  CHECK(claims == std::vector<C>{C::fresh, C::again, C::duplicate, C::fresh});
}

TEST_CASE("messages are stored once by id, updated on reprocessing, and found by correlation", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  MessageRecord po{"m-po", 0, "acme-retail", "purchase_order", "inbound", "translated", "c-1", 0, 0, "{\"v\":1}"};
  MessageRecord asn{"m-asn", 0, "acme-retail", "ship_notice", "outbound", "translated", "c-1", 0, 0, "{}"};
  std::vector<bool> fresh;
  REQUIRE(store
              ->run([&](Unit& u) -> Result<void> {
                EDIGATE_TRY(bool a, u.put_message(po, {{"po_number", "PO-1"}}));
                EDIGATE_TRY(bool b, u.put_message(asn, {{"po_number", "PO-1"}, {"shipment_id", "SH-9"}}));
                po.body = "{\"v\":2}";
                EDIGATE_TRY(bool c, u.put_message(po, {{"po_number", "PO-1"}}));
                fresh = {a, b, c};
                return {};
              })
              .ok());
  CHECK(fresh == std::vector<bool>{true, true, false});
  CHECK(store->message("m-po").value().body == "{\"v\":2}");
  auto chain = store->correlated("PO-1").value();
  REQUIRE(chain.size() == 2);
  CHECK(store->correlated("SH-9").value().size() == 1);
  CHECK(store->correlation_keys("m-asn").value().size() == 2);
  auto unknown = store->message("m-nope");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "store.message.unknown");

  MessageFilter filter;
  filter.type = "purchase_order";
  CHECK(store->messages(filter).value().size() == 1);
  MessageFilter page;
  page.limit = 1;
  auto first = store->messages(page).value();
  REQUIRE(first.size() == 1);
  page.after_id = first[0].id;
  page.after_created = first[0].created_at;
  auto second = store->messages(page).value();
  REQUIRE(second.size() == 1);
  CHECK(second[0].id != first[0].id);
}

TEST_CASE("outbound documents wait for their functional ack and are reconciled by interchange key", "[store]") {
  test::TempDir dir("store");
  auto store = open_store(dir.path);
  OutboundRecord doc;
  doc.partner = "acme-retail";
  doc.kind = "document";
  doc.type = "856";
  doc.file_name = "856-5001.edi";
  doc.body = "ISA...";
  doc.interchange_key = "ZZ:EDIGATEDEMO|ZZ:ACMERETAIL|000005001";
  doc.state = "queued";
  doc.ack_due_at = now_millis() - 1;
  REQUIRE(store
              ->run([&](Unit& u) -> Result<void> {
                EDIGATE_TRY(auto id, u.put_outbound(doc));
                (void)id;
                return {};
              })
              .ok());
  CHECK(store->overdue_acks(now_millis()).value().size() == 1);
  bool matched = false;
  REQUIRE(store
              ->run([&](Unit& u) -> Result<void> {
                EDIGATE_TRY(matched, u.reconcile_ack(doc.interchange_key, "accepted"));
                return {};
              })
              .ok());
  CHECK(matched);
  CHECK(store->overdue_acks(now_millis()).value().empty());
  CHECK(store->outbound_list("acme-retail", 10).value().at(0).ack_status == "accepted");
}

TEST_CASE("a database from a newer edigate is refused, an old one migrated on request", "[store]") {
  test::TempDir dir("store");
  { auto store = open_store(dir.path); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir.path / "edigate.db").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (99, 0)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto refused = open_sqlite_store(dir.path, {});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "store.version.newer");
  CHECK(refused.error().category == ErrorCategory::configuration);

  test::TempDir fresh("store");
  auto unmigrated = open_sqlite_store(fresh.path, {}, /*migrate=*/false);
  REQUIRE_FALSE(unmigrated.ok());
  CHECK(unmigrated.error().code == "store.version.old");
  CHECK_THAT(unmigrated.error().message, Catch::Contains("edigate db migrate"));
}

TEST_CASE("a file that is not a database is refused with its path", "[store]") {
  test::TempDir dir("store");
  std::ofstream(dir.path / "edigate.db") << std::string(4096, 'Z');
  auto opened = open_sqlite_store(dir.path, {});
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == "store.corrupt");
  CHECK_THAT(opened.error().message, Catch::Contains("edigate.db"));
}

TEST_CASE("a database locked by another process is a transient error and loses nothing", "[store]") {
  test::TempDir dir("store");
  StoreOptions options;
  options.busy_timeout_ms = 100;
  auto store = open_store(dir.path, options);
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open((dir.path / "edigate.db").c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto refused = store->receive(input("a.edi", "a"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "store.busy");
  CHECK(refused.error().category == ErrorCategory::transient);
  REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  auto accepted = store->receive(input("a.edi", "a"));
  REQUIRE(accepted.ok());
  CHECK_FALSE(accepted.value().duplicate);  // the refused attempt left no row behind
}

TEST_CASE("a full disk fails the write as transient and leaves the database intact", "[store]") {
  test::TempDir dir("store");
  {
    auto store = open_store(dir.path);
    REQUIRE(store->receive(input("before.edi", "kept")).ok());
  }
  // The child may write only a little more than the files hold now: RLIMIT_FSIZE makes write()
  // fail past that size (EFBIG, the signal ignored), as a full file system would.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    StoreOptions options;
    options.inline_limit = 64u << 20;
    auto opened = open_sqlite_store(dir.path, options);
    if (!opened.ok()) ::_exit(10);
    auto store = std::move(opened).value();
    const auto size =
        std::filesystem::file_size(dir.path / "edigate.db") + std::filesystem::file_size(dir.path / "edigate.db-wal");
    rlimit limit{static_cast<rlim_t>(size + 4096), static_cast<rlim_t>(size + 4096)};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    auto r = store->receive(input("big.edi", std::string(1 << 20, 'x')));
    if (r.ok()) ::_exit(11);
    if (r.error().category != ErrorCategory::transient) ::_exit(12);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  auto store = open_store(dir.path);
  auto report = store->check().value();
  CHECK(report.problems.empty());
  CHECK(report.inputs == 1);
  CHECK(store->input_bytes(1).value() == "kept");
}

TEST_CASE("backup writes a consistent copy that opens as a store", "[store]") {
  test::TempDir dir("store");
  StoreOptions options;
  options.inline_limit = 8;
  auto store = open_store(dir.path, options);
  auto id = store->receive(input("big.edi", std::string(100, 'b'))).value().input_id;
  REQUIRE(store->backup(dir.path / "backup").ok());
  auto again = store->backup(dir.path / "backup");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "store.backup.exists");
  auto copy = open_store(dir.path / "backup", options);
  CHECK(copy->input_bytes(id).value() == std::string(100, 'b'));
  CHECK(copy->check().value().problems.empty());
}

TEST_CASE("retention removes finished history and keeps what dead work still needs", "[store]") {
  test::TempDir dir("store");
  StoreOptions options;
  options.inline_limit = 8;
  auto store = open_store(dir.path, options);
  const auto done_input = store->receive(input("done.edi", std::string(100, 'd'))).value().input_id;
  const auto dead_input = store->receive(input("dead.edi", std::string(100, 'x'))).value().input_id;
  const WorkKind process[] = {WorkKind::process};
  for (int i = 0; i < 2; ++i) {
    auto item = store->claim(process, "w", 60000).value();
    REQUIRE(item.has_value());
    const bool dead = item->subject == std::to_string(dead_input);
    REQUIRE(store
                ->run([&](Unit& u) {
                  return u.finish(*item, {dead ? WorkOutcome::Kind::dead : WorkOutcome::Kind::done, 0, "x"});
                })
                .ok());
  }
  const auto dead_sha = store->input(dead_input).value().sha256;
  const auto done_sha = store->input(done_input).value().sha256;
  // Nothing is older than a cutoff in the past.
  CHECK(store->purge(now_millis() - 60000).value() == 0);
  const auto removed = store->purge(now_millis() + 1);
  REQUIRE(removed.ok());
  CHECK(removed.value() > 0);
  CHECK_FALSE(store->input(done_input).ok());
  CHECK_FALSE(std::filesystem::exists(dir.path / "blobs" / done_sha.substr(0, 2) / done_sha));
  // The dead-lettered input and its bytes stay for the operator.
  CHECK(store->input_bytes(dead_input).value() == std::string(100, 'x'));
  CHECK(std::filesystem::exists(dir.path / "blobs" / dead_sha.substr(0, 2) / dead_sha));
  CHECK(store->work("dead", process, 10).value().size() == 1);
  CHECK_FALSE(store->events("input:" + std::to_string(dead_input)).value().empty());
  CHECK(store->events("input:" + std::to_string(done_input)).value().empty());
  CHECK(store->check().value().problems.empty());
}
