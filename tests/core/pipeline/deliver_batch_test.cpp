// The deliver stage's batches with a real store and the folder destination: every message of
// the batch delivered and recorded, and a message 'delivered' only once none of its deliveries
// is still open.
#include "delivery/retry_policy.hpp"
#include "pipeline/deliver_stage.hpp"
#include "stage_harness.hpp"

#include <catch2/catch.hpp>

using namespace edigate;

namespace {

struct Harness : test::StageHarness {
  pipeline::DestinationSet destinations{test::erp_for_everything(dir.path / "data"), *runtime,
                                        delivery::BreakerOptions{5, std::chrono::milliseconds(1000)}};
  delivery::RetryPolicy retry{delivery::RetryOptions{}};

  /// A stored message with `copies` deliveries queued to the folder destination "erp".
  void message(const std::string& id, int copies = 1) {
    REQUIRE(store
                ->run([&](store::Unit& u) -> Result<void> {
                  store::MessageRecord m;
                  m.id = id;
                  m.partner = "acme-retail";
                  m.type = "purchase_order";
                  m.direction = "inbound";
                  m.status = "routed";
                  m.body = R"({"message_id":")" + id + R"(","type":"purchase_order"})";
                  EDIGATE_TRY(bool fresh, u.put_message(m, {}));
                  (void)fresh;
                  for (int i = 0; i < copies; ++i) {
                    EDIGATE_TRY(auto w, u.enqueue(store::WorkKind::deliver, id, "erp", 10, 0));
                    (void)w;
                  }
                  return {};
                })
                .ok());
  }
  std::vector<store::WorkItem> claim(int max) {
    const store::WorkKind kinds[] = {store::WorkKind::deliver};
    auto items = store->claim_many(kinds, "test", 60000, max);
    REQUIRE(items.ok());
    return std::move(items).value();
  }
};

}  // namespace

TEST_CASE("a batch of deliveries puts every message in its folder and records each as delivered",
          "[pipeline][deliver]") {
  Harness h;
  for (int i = 0; i < 4; ++i) h.message("m-batch-" + std::to_string(i));
  const auto items = h.claim(16);
  REQUIRE(items.size() == 4);
  REQUIRE(pipeline::deliver_messages(*h.ctx, h.destinations, h.retry, items).ok());
  for (int i = 0; i < 4; ++i) {
    const std::string id = "m-batch-" + std::to_string(i);
    CHECK(std::filesystem::exists(h.dir.path / "data" / "delivered" / "erp" / (id + ".json")));
    CHECK(h.store->message(id).value().status == "delivered");
    auto events = h.store->events("message:" + id).value();
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().stage == "delivered");
  }
  auto counts = h.store->queue_counts(store::WorkKind::deliver).value();
  CHECK(counts.ready == 0);
  CHECK(counts.leased == 0);
}

TEST_CASE("a message stays partially delivered while another of its deliveries is open", "[pipeline][deliver]") {
  Harness h;
  h.message("m-two", 2);
  const auto first = h.claim(1);
  REQUIRE(first.size() == 1);
  REQUIRE(pipeline::deliver_messages(*h.ctx, h.destinations, h.retry, first).ok());
  CHECK(h.store->message("m-two").value().status == "partially_delivered");
  const auto second = h.claim(16);
  REQUIRE(second.size() == 1);
  REQUIRE(pipeline::deliver_messages(*h.ctx, h.destinations, h.retry, second).ok());
  CHECK(h.store->message("m-two").value().status == "delivered");
}

TEST_CASE("a batch holding both deliveries of a message leaves it delivered", "[pipeline][deliver]") {
  Harness h;
  h.message("m-both", 2);
  const auto items = h.claim(16);
  REQUIRE(items.size() == 2);
  REQUIRE(pipeline::deliver_messages(*h.ctx, h.destinations, h.retry, items).ok());
  CHECK(h.store->message("m-both").value().status == "delivered");
}
