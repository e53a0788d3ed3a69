// The webhook destination against a real HTTP server on 127.0.0.1.
#include "delivery/webhook.hpp"
#include "delivery/signature.hpp"
#include "loopback_server.hpp"
#include "outcome_printing.hpp"

#include <catch2/catch.hpp>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <atomic>
#include <set>
#include <thread>

using namespace edigate::delivery;
using edigate::test::LoopbackServer;
using edigate::test::ScriptedAnswer;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<WebhookDestination> hook(const std::string& url, std::chrono::seconds timeout = 10s,
                                         const std::string& secret = "") {
  WebhookSettings s;
  s.url = url;
  s.timeout = timeout;
  s.signing_secret = secret;
  auto made = WebhookDestination::create("erp", s);
  REQUIRE(made);
  return std::move(made).value();
}

Delivery sample(unsigned attempt = 1) {
  return Delivery{
      "m-3f2a9c", "corr-77", "acme-retail", "purchase_order", R"({"type":"purchase_order","po":"4500012345"})",
      attempt};
}

}  // namespace

TEST_CASE("webhook posts the body with idempotency key, signature, correlation and type headers",
          "[delivery][webhook]") {
  LoopbackServer server;
  server.script({{201, R"({"id":"erp-1"})", {}, 0ms}});
  auto d = sample();
  auto outcome = hook(server.url(), 10s, "topsecret")->deliver(d);
  CHECK(outcome.kind == DeliveryOutcome::delivered);
  CHECK(outcome.http_status == 201);
  CHECK(outcome.detail == R"(HTTP 201 Created: {"id":"erp-1"})");

  auto got = server.received();
  REQUIRE(got.size() == 1);
  const auto& r = got[0];
  CHECK(r.method == "POST");
  CHECK(r.uri == "/hooks/edi");
  CHECK(r.body == d.body);
  CHECK(r.headers.get("Content-Type", "") == "application/json");
  CHECK(r.headers.get("Idempotency-Key", "") == "m-3f2a9c");
  CHECK(r.headers.get("X-Correlation-Id", "") == "corr-77");
  CHECK(r.headers.get("X-Edigate-Message-Type", "") == "purchase_order");
  CHECK(r.headers.get("X-Edigate-Partner", "") == "acme-retail");
  CHECK(r.headers.get("User-Agent", "") == "edigate/" EDIGATE_VERSION);
  CHECK(r.headers.get("X-Edigate-Signature", "") == sign_body(d.body, "topsecret"));
  CHECK(signature_matches(r.headers.get("X-Edigate-Signature", ""), r.body, "topsecret"));
}

TEST_CASE("webhook without a signing secret sends no signature header", "[delivery][webhook]") {
  LoopbackServer server;
  CHECK(hook(server.url())->deliver(sample()).kind == DeliveryOutcome::delivered);
  REQUIRE(server.received().size() == 1);
  CHECK_FALSE(server.received()[0].headers.has("X-Edigate-Signature"));
}

TEST_CASE("webhook retries a 500 and the next 200 delivers the same message", "[delivery][webhook]") {
  LoopbackServer server;
  server.script({{500, "database down", {}, 0ms}, {200, "{}", {}, 0ms}});
  auto destination = hook(server.url());
  auto first = destination->deliver(sample(1));
  CHECK(first.kind == DeliveryOutcome::retry);
  CHECK(first.http_status == 500);
  CHECK(first.detail.find("database down") != std::string::npos);
  CHECK_FALSE(first.retry_after);
  auto second = destination->deliver(sample(2));
  CHECK(second.kind == DeliveryOutcome::delivered);
  auto got = server.received();
  REQUIRE(got.size() == 2);
  CHECK(got[0].headers.get("Idempotency-Key", "") == got[1].headers.get("Idempotency-Key", ""));
  CHECK(got[1].headers.get("X-Edigate-Attempt", "") == "2");
}

TEST_CASE("webhook honours a 429's Retry-After in seconds and as an HTTP-date", "[delivery][webhook]") {
  LoopbackServer server;
  SECTION("seconds") {
    server.script({{429, "slow down", {{"Retry-After", "42"}}, 0ms}});
    auto o = hook(server.url())->deliver(sample());
    CHECK(o.kind == DeliveryOutcome::retry);
    CHECK(o.http_status == 429);
    REQUIRE(o.retry_after);
    CHECK(*o.retry_after == 42s);
  }
  SECTION("HTTP-date") {
    const auto at = Poco::Timestamp() + Poco::Timespan(120, 0);
    server.script(
        {{429, "", {{"Retry-After", Poco::DateTimeFormatter::format(at, Poco::DateTimeFormat::HTTP_FORMAT)}}, 0ms}});
    auto o = hook(server.url())->deliver(sample());
    CHECK(o.kind == DeliveryOutcome::retry);
    REQUIRE(o.retry_after);
    CHECK(o.retry_after->count() >= 118);
    CHECK(o.retry_after->count() <= 121);
  }
}

TEST_CASE("webhook gives up on a hanging receiver after its timeout and retries", "[delivery][webhook]") {
  LoopbackServer server;
  server.script({{200, "{}", {}, 10s}});
  auto destination = hook(server.url(), 1s);
  const auto start = std::chrono::steady_clock::now();
  auto o = destination->deliver(sample());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(o.kind == DeliveryOutcome::retry);
  CHECK(o.http_status == 0);
  CHECK(o.detail.find("timed out") != std::string::npos);
  CHECK(elapsed >= 900ms);
  CHECK(elapsed < 5s);
}

TEST_CASE("webhook retries when the connection is refused", "[delivery][webhook]") {
  unsigned port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }  // closed: nothing listens there now
  auto o = hook("http://127.0.0.1:" + std::to_string(port) + "/x", 2s)->deliver(sample());
  CHECK(o.kind == DeliveryOutcome::retry);
  CHECK(o.http_status == 0);
  CHECK(o.detail.find("refused") != std::string::npos);
}

TEST_CASE("webhook treats a 400 as permanent with the status and the start of the answer", "[delivery][webhook]") {
  LoopbackServer server;
  const std::string answer = R"({"error":"unknown supplier 99"})" + std::string(400, ' ');
  server.script({{400, answer, {}, 0ms}});
  auto o = hook(server.url())->deliver(sample());
  CHECK(o.kind == DeliveryOutcome::permanent);
  CHECK(o.http_status == 400);
  CHECK(o.detail.find("HTTP 400") == 0);
  CHECK(o.detail.find("unknown supplier 99") != std::string::npos);
  CHECK(o.detail.size() <= std::string("HTTP 400 Bad Request: ").size() + 200);
}

TEST_CASE("webhook refuses a URL that is not http or https as configuration", "[delivery][webhook]") {
  for (const char* url : {"ftp://erp.example/x", "not a url", "http://"}) {
    INFO(url);
    WebhookSettings s;
    s.url = url;
    auto made = WebhookDestination::create("erp", s);
    REQUIRE_FALSE(made);
    CHECK(made.error().code == "delivery.webhook.url");
    CHECK(made.error().category == edigate::ErrorCategory::configuration);
  }
}

TEST_CASE("webhook describe names the URL without credentials or secrets", "[delivery][webhook]") {
  WebhookSettings s;
  s.url = "http://user:pa55@erp.example:8080/hooks";
  s.signing_secret = "topsecret";
  auto made = WebhookDestination::create("erp", s);
  REQUIRE(made);
  const std::string text = made.value()->describe();
  CHECK(text.find("erp.example:8080/hooks") != std::string::npos);
  CHECK(text.find("pa55") == std::string::npos);
  CHECK(text.find("topsecret") == std::string::npos);
}

TEST_CASE("webhook retries when the receiver drops the connection without answering", "[delivery][webhook]") {
  Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
  std::thread dropper([&] {
    Poco::Net::StreamSocket s = listener.acceptConnection();
    s.setLinger(true, 0);  // close with RST, as a crashing receiver would
    s.close();
  });
  auto o = hook("http://127.0.0.1:" + std::to_string(listener.address().port()) + "/x", 5s)->deliver(sample());
  dropper.join();
  INFO(o.detail);
  CHECK(o.kind == DeliveryOutcome::retry);
  CHECK(o.http_status == 0);
}

TEST_CASE("one webhook destination serves concurrent workers", "[delivery][webhook]") {
  LoopbackServer server;
  auto destination = hook(server.url());
  std::atomic<int> delivered{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      for (int i = 0; i < 5; ++i) {
        auto d = sample();
        d.message_id = "m-" + std::to_string(w) + "-" + std::to_string(i);
        if (destination->deliver(d).kind == DeliveryOutcome::delivered) ++delivered;
      }
    });
  for (auto& t : workers) t.join();
  CHECK(delivered == 20);
  std::set<std::string> keys;
  for (const auto& r : server.received()) keys.insert(r.headers.get("Idempotency-Key", ""));
  CHECK(keys.size() == 20);
}

TEST_CASE("webhook survives a receiver that closes the connection in the middle of a large body",
          "[delivery][webhook]") {
  // Writing to a socket the peer has reset raises SIGPIPE, whose default action ends the
  // process: the destination must turn it into an outcome like any other network fault.
  Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
  std::thread dropper([&] {
    Poco::Net::StreamSocket s = listener.acceptConnection();
    char head[1024];
    s.receiveBytes(head, sizeof head);  // the request has started
    s.setLinger(true, 0);
    s.close();
  });
  auto d = sample();
  d.body.assign(32 << 20, ' ');
  auto o = hook("http://127.0.0.1:" + std::to_string(listener.address().port()) + "/x", 5s)->deliver(d);
  dropper.join();
  INFO(o.detail);
  CHECK(o.kind == DeliveryOutcome::retry);
}
