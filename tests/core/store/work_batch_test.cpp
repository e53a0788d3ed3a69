// The work queue's batches on a real SQLite file: several items claimed in one transaction, in
// the queue's order, and a subject's open work counted inside the unit that ends it.
#include "store/store.hpp"

#include <catch2/catch.hpp>

#include "temp_dir.hpp"

using namespace edigate;
using namespace edigate::store;

namespace {

std::unique_ptr<Store> open_store(const std::filesystem::path& dir) {
  auto opened = open_sqlite_store(dir, {});
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

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
