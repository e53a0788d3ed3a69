// The work queue's batches on a real SQLite file: several items claimed in one transaction, in
// the queue's order, and a subject's open work counted inside the unit that ends it.
#include "store/store.hpp"

#include <catch2/catch.hpp>

#include "open_store.hpp"
#include "temp_dir.hpp"

using namespace edigate;
using namespace edigate::store;
using edigate::test::open_store;

namespace {
const WorkKind kDeliver[] = {WorkKind::deliver};

void enqueue(Store& store, const std::string& subject, const std::string& target, int priority) {
  REQUIRE(store
              .run([&](Unit& u) -> Result<void> {
                auto id = u.enqueue(WorkKind::deliver, subject, target, priority, 0);
                if (!id) return std::move(id).error();
                return {};
              })
              .ok());
}

}  // namespace

TEST_CASE("claim_many leases up to its limit in priority order and leaves the rest ready", "[store][work]") {
  test::TempDir dir("store-batch");
  auto store = open_store(dir.path);
  enqueue(*store, "m-invoice", "erp", 20);
  enqueue(*store, "m-asn", "wms", 10);
  enqueue(*store, "m-po", "erp", 10);

  auto first = store->claim_many(kDeliver, "w1", 30000, 2);
  REQUIRE(first.ok());
  REQUIRE(first.value().size() == 2);
  CHECK(first.value()[0].subject == "m-asn");  // priority 10, older
  CHECK(first.value()[1].subject == "m-po");
  for (const auto& item : first.value()) CHECK(item.state == "leased");
  CHECK(store->queue_counts(WorkKind::deliver).value().leased == 2);

  auto rest = store->claim_many(kDeliver, "w2", 30000, 16);
  REQUIRE(rest.ok());
  REQUIRE(rest.value().size() == 1);
  CHECK(rest.value()[0].subject == "m-invoice");
  CHECK(store->claim_many(kDeliver, "w3", 30000, 16).value().empty());
}

TEST_CASE("open_work counts a subject's ready and leased items as the unit sees them", "[store][work]") {
  test::TempDir dir("store-open");
  auto store = open_store(dir.path);
  enqueue(*store, "m-po", "erp", 10);
  enqueue(*store, "m-po", "archive", 10);
  enqueue(*store, "m-other", "erp", 10);
  auto claimed = store->claim_many(kDeliver, "w1", 30000, 16).value();
  REQUIRE(claimed.size() == 3);

  std::vector<std::int64_t> open;
  REQUIRE(store
              ->run([&](Unit& u) -> Result<void> {
                for (const auto& item : claimed) {
                  if (item.subject != "m-po") continue;
                  EDIGATE_TRY_VOID(u.finish(item, {WorkOutcome::Kind::done, 0, ""}));
                  EDIGATE_TRY(auto n, u.open_work(WorkKind::deliver, "m-po"));
                  open.push_back(n);
                }
                return {};
              })
              .ok());
  CHECK(open == std::vector<std::int64_t>{1, 0});  // the second finish closes the subject's last
  CHECK(store
            ->run([](Unit& u) -> Result<void> {
              EDIGATE_TRY(auto n, u.open_work(WorkKind::deliver, "m-other"));
              if (n != 1) return Error("test", "m-other should still have its leased delivery open");
              return {};
            })
            .ok());
}

TEST_CASE("claim_many takes one kind per batch, the most urgent item's", "[store][work]") {
  test::TempDir dir("store-kinds");
  auto store = open_store(dir.path);
  REQUIRE(store
              ->run([](Unit& u) -> Result<void> {
                EDIGATE_TRY(auto ack, u.enqueue(WorkKind::send, "7", "", 5, 0));
                EDIGATE_TRY(auto erp, u.enqueue(WorkKind::deliver, "m-po", "erp", 10, 0));
                EDIGATE_TRY(auto archive, u.enqueue(WorkKind::deliver, "m-po", "archive", 10, 0));
                (void)ack, (void)erp, (void)archive;
                return {};
              })
              .ok());
  const WorkKind outbound[] = {WorkKind::send, WorkKind::deliver};
  auto first = store->claim_many(outbound, "w1", 30000, 16).value();
  REQUIRE(first.size() == 1);
  CHECK(first[0].kind == WorkKind::send);
  auto second = store->claim_many(outbound, "w2", 30000, 16).value();
  REQUIRE(second.size() == 2);
  for (const auto& item : second) CHECK(item.kind == WorkKind::deliver);
}

TEST_CASE("messages_by_id reads a batch's messages in order and marks an unknown id", "[store][work]") {
  test::TempDir dir("store-messages");
  auto store = open_store(dir.path);
  REQUIRE(store
              ->run([](Unit& u) -> Result<void> {
                for (const char* id : {"m-a", "m-b"}) {
                  MessageRecord m;
                  m.id = id;
                  m.partner = "acme-retail";
                  m.type = "purchase_order";
                  m.direction = "inbound";
                  m.status = "routed";
                  m.body = std::string("{\"id\":\"") + id + "\"}";
                  EDIGATE_TRY(bool fresh, u.put_message(m, {}));
                  (void)fresh;
                }
                return {};
              })
              .ok());
  const std::string ids[] = {"m-b", "m-missing", "m-a"};
  auto found = store->messages_by_id(ids);
  REQUIRE(found.ok());
  REQUIRE(found.value().size() == 3);
  REQUIRE(found.value()[0].has_value());
  CHECK(found.value()[0]->body == R"({"id":"m-b"})");
  CHECK_FALSE(found.value()[1].has_value());
  REQUIRE(found.value()[2].has_value());
  CHECK(found.value()[2]->id == "m-a");
}
