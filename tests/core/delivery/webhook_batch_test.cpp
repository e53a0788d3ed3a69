// A webhook destination's batch (Destination::deliver_all) against a real HTTP server on
// 127.0.0.1: one connection for the batch, a new one when the receiver closes it, and nothing
// attempted after a failure.
#include "delivery/webhook.hpp"
#include "loopback_server.hpp"
#include "outcome_printing.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace edigate::delivery;
using edigate::test::LoopbackServer;
using edigate::test::ScriptedAnswer;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<WebhookDestination> hook(const std::string& url) {
  WebhookSettings s;
  s.url = url;
  s.timeout = 10s;
  auto made = WebhookDestination::create("erp", s);
  REQUIRE(made);
  return std::move(made).value();
}

std::vector<Delivery> batch(int n) {
  std::vector<Delivery> out;
  for (int i = 0; i < n; ++i)
    out.push_back({"m-" + std::to_string(i), "corr-" + std::to_string(i), "acme-retail", "purchase_order",
                   R"({"type":"purchase_order","po":")" + std::to_string(4500000 + i) + "\"}", 1});
  return out;
}

std::set<std::string> peers(const LoopbackServer& server) {
  std::set<std::string> out;
  for (const auto& r : server.received()) out.insert(r.peer);
  return out;
}

}  // namespace

TEST_CASE("a webhook batch delivers every message over one connection", "[delivery][webhook]") {
  LoopbackServer server;
  const auto deliveries = batch(5);
  const auto outcomes = hook(server.url())->deliver_all(deliveries);
  REQUIRE(outcomes.size() == 5);
  for (const auto& o : outcomes) CHECK(o.kind == DeliveryOutcome::delivered);
  const auto got = server.received();
  REQUIRE(got.size() == 5);
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].headers.get("Idempotency-Key", "") == deliveries[i].message_id);
    CHECK(got[i].body == deliveries[i].body);
  }
  CHECK(peers(server).size() == 1);
}

TEST_CASE("a webhook batch opens a new connection when the receiver closes the kept one", "[delivery][webhook]") {
  LoopbackServer server;
  server.script({{200, "{}", {{"Connection", "close"}}, 0ms}});
  const auto outcomes = hook(server.url())->deliver_all(batch(3));
  REQUIRE(outcomes.size() == 3);
  for (const auto& o : outcomes) CHECK(o.kind == DeliveryOutcome::delivered);
  REQUIRE(server.received().size() == 3);
  CHECK(peers(server).size() == 2);  // the first request's connection, then one for the other two
}

TEST_CASE("a webhook batch attempts nothing after a refusal", "[delivery][webhook]") {
  LoopbackServer server;
  server.script({{200, "{}", {}, 0ms}, {400, "bad po", {}, 0ms}});
  const auto outcomes = hook(server.url())->deliver_all(batch(4));
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].kind == DeliveryOutcome::delivered);
  CHECK(outcomes[1].kind == DeliveryOutcome::permanent);
  CHECK(server.received().size() == 2);
}

TEST_CASE("a webhook batch to a receiver that refuses connections stops at the first attempt", "[delivery][webhook]") {
  Poco::Net::ServerSocket closed(Poco::Net::SocketAddress("127.0.0.1", 0));
  const auto port = closed.address().port();
  closed.close();
  const auto outcomes = hook("http://127.0.0.1:" + std::to_string(port) + "/x")->deliver_all(batch(3));
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].kind == DeliveryOutcome::retry);
}
