// The gateway with transport plugins: a partner's documents leave through its own transport and
// every answer a transport can give (delivered, retry with a delay, permanent, pending settled
// later) ends as the store records it; the gateway's own folders stay live for everyone else.
// The scripted transport (tests/core/plugin_host_fixtures/scripted_transport.cpp) answers sends
// as its profile says.
#include "pipeline/gateway.hpp"
#include "pipeline/replay.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "gateway_process.hpp"
#include "temp_dir.hpp"

using namespace edigate;
namespace fs = std::filesystem;

namespace {

using test::read_file;

bool wait_until(const std::function<bool()>& done) { return test::wait_until(done, std::chrono::seconds(20)); }

/// acme-retail (from partners/) whose transports are replaced by `transports`, and widgetworks
/// unchanged; a gateway over them with the folder and scripted transport plugins.
struct Running {
  test::TempDir dir{"transports"};
  log::JsonLog log{2};
  std::unique_ptr<pipeline::Gateway> gateway;
  fs::path data = dir.path / "data";

  explicit Running(const std::string& transports, const std::string& gateway_transports = "") {
    const fs::path source = fs::path(EDIGATE_SOURCE_DIR) / "partners";
    fs::create_directories(dir.path / "partners");
    fs::copy(source / "acme-retail", dir.path / "partners/acme-retail", fs::copy_options::recursive);
    fs::copy(source / "widgetworks", dir.path / "partners/widgetworks", fs::copy_options::recursive);
    const fs::path profile = dir.path / "partners/acme-retail/partner.xml";
    const std::regex block("<transports>[\\s\\S]*?</transports>");
    test::write_text(profile,
                     std::regex_replace(read_file(profile), block, "<transports>" + transports + "</transports>"));
    // widgetworks' profile names /srv folders of a fictional production: no transport of its own here.
    const fs::path other = dir.path / "partners/widgetworks/partner.xml";
    test::write_text(other, std::regex_replace(read_file(other), block, ""));
    const std::string xml =
        "<gateway xmlns=\"urn:edigate:gateway:1\"><data dir=\"data\"/><partners dir=\"partners\"/>"
        "<maps dir=\"" EDIGATE_SOURCE_DIR
        "/maps\"/><admin listen=\"127.0.0.1:0\"/>"
        "<intake poll-ms=\"50\" stable-ms=\"0\"/>" +
        gateway_transports +
        "<destinations><folder name=\"erp\" path=\"delivered/erp\"/></destinations>"
        "<routes><route partner=\"*\" destination=\"erp\"/></routes></gateway>";
    test::write_text(dir.path / "gateway.xml", xml);
    ::setenv("EDIGATE_ADMIN_TOKEN", "test-token", 1);
    ::setenv("EDIGATE_PLUGIN_PATH", EDIGATE_BUILD_DIR "/plugins:" EDIGATE_BUILD_DIR "/test-transports", 1);
    auto config = gateway_config::load_gateway_config(dir.path / "gateway.xml");
    INFO((config ? "" : config.error().to_string()));
    REQUIRE(config.ok());
    auto opened = pipeline::Gateway::open(std::move(*config), log);
    ::unsetenv("EDIGATE_PLUGIN_PATH");
    INFO((opened ? "" : opened.error().to_string()));
    REQUIRE(opened.ok());
    gateway = std::move(*opened);
    auto started = gateway->start();
    INFO((started ? "" : started.error().to_string()));
    REQUIRE(started.ok());
  }
  ~Running() { gateway->stop(); }

  void drop(const std::string& partner, const std::string& name, const std::string& sample) {
    test::write_text(data / "inbox" / partner / name,
                     read_file(fs::path(EDIGATE_SOURCE_DIR) / "samples/inbound" / sample));
  }
  std::vector<store::EventRecord> events_of_first_outbound(const std::string& partner) {
    auto list = gateway->store().outbound_list(partner, 10);
    if (!list || list->empty()) return {};
    return gateway->store().events("outbound:" + std::to_string(list->back().id)).value();
  }
  std::string first_outbound_state(const std::string& partner) {
    auto list = gateway->store().outbound_list(partner, 10);
    return list && !list->empty() ? list->back().state : "";
  }
};

std::string scripted(const std::string& script, const std::string& name = "van",
                     const std::string& role = "everything") {
  return "<transport type=\"scripted\" name=\"" + name + "\"><option name=\"script\" value=\"" + script +
         "\"/><option name=\"token\" value=\"env:EDIGATE_TEST_SCRIPTED_TOKEN\"/><option name=\"role\" value=\"" + role +
         "\"/></transport>";
}

}  // namespace

TEST_CASE("a partner's ack leaves through its own transport, with its secret resolved, and others use the outbox",
          "[transport_host][gateway]") {
  ::setenv("EDIGATE_TEST_SCRIPTED_TOKEN", "abcdef", 1);
  Running g(scripted("delivered"));
  g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
  REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "sent"; }));
  CHECK_FALSE(fs::exists(g.data / "outbox/acme-retail"));  // not the folder: the partner's transport
  const auto events = g.events_of_first_outbound("acme-retail");
  REQUIRE_FALSE(events.empty());
  CHECK(events.back().detail.find("scripted:van") != std::string::npos);

  bool found = false;
  for (const auto& e : g.gateway->transports().endpoints()) {
    if (e->config.partner != "acme-retail") continue;
    found = true;
    CHECK(e->endpoint->health().detail == "sends=1 token-length=6");
  }
  CHECK(found);

  // widgetworks has no transport of its own: its 997 goes to the gateway's outbox.
  g.drop("widgetworks", "asn.edi", "widgetworks_856_4010.edi");
  REQUIRE(wait_until([&] { return g.first_outbound_state("widgetworks") == "sent"; }));
  CHECK(fs::exists(g.data / "outbox/widgetworks"));
}

TEST_CASE("a send the partner asks to retry later waits at least that long, then is delivered once",
          "[transport_host][gateway]") {
  ::setenv("EDIGATE_TEST_SCRIPTED_TOKEN", "t", 1);
  Running g(scripted("retry-after-2,delivered"));
  g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
  REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "sent"; }));
  const auto events = g.events_of_first_outbound("acme-retail");
  store::Millis retried = 0, sent = 0;
  int ok = 0;
  for (const auto& e : events) {
    if (e.stage == "sent" && e.outcome == "retry") retried = e.at;
    if (e.stage == "sent" && e.outcome == "ok") {
      sent = e.at;
      ++ok;
    }
  }
  REQUIRE(retried > 0);
  CHECK(ok == 1);
  CHECK(sent - retried >= 1900);  // the partner's 2 s, not the 1 s first backoff
}

TEST_CASE("a permanent refusal dead-letters the send, and a pending one is settled by the transport later",
          "[transport_host][gateway]") {
  ::setenv("EDIGATE_TEST_SCRIPTED_TOKEN", "t", 1);
  SECTION("permanent") {
    Running g(scripted("permanent"));
    g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
    REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "failed"; }));
    const auto id = g.gateway->store().outbound_list("acme-retail", 10).value().back().id;
    const auto work = g.gateway->store().work_for(std::to_string(id)).value();
    bool dead = false;
    for (const auto& w : work) dead = dead || (w.kind == store::WorkKind::send && w.state == "dead");
    CHECK(dead);  // replayable like any dead letter
  }
  SECTION("pending, then settled") {
    Running g(scripted("pending"));
    g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
    REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "awaiting"; }));
    const auto id = g.gateway->store().outbound_list("acme-retail", 10).value().back().id;
    // What an AS2 transport does when the asynchronous MDN arrives.
    transport_host::GatewayTransportHost host(g.gateway->store(), nullptr, nullptr, 1000, {});
    REQUIRE(host.settle(id, SendResult::delivered("mdn-1", "MDN processed")).ok());
    CHECK(g.first_outbound_state("acme-retail") == "sent");
  }
  SECTION("pending, timed out and queued again, then the late MDN: recorded once, never sent twice") {
    Running g(scripted("pending"));
    g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
    REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "awaiting"; }));
    const auto id = g.gateway->store().outbound_list("acme-retail", 10).value().back().id;
    transport_host::GatewayTransportHost host(g.gateway->store(), nullptr, nullptr, 1000, {});
    // What the AS2 listener does when mdn-timeout-seconds pass: send again, here in 3 s.
    REQUIRE(host.settle(id, SendResult::retry("no MDN within 1 s", std::chrono::seconds(3))).ok());
    CHECK(g.first_outbound_state("acme-retail") == "queued");
    // The MDN comes late, before the new send ran: delivered.
    REQUIRE(host.settle(id, SendResult::delivered("mdn-1", "late MDN: processed")).ok());
    CHECK(g.first_outbound_state("acme-retail") == "sent");
    // The queued send runs and is skipped; a second late MDN is recorded without a state change.
    const auto skipped = [&] {
      for (const auto& e : g.events_of_first_outbound("acme-retail"))
        if (e.stage == "sent" && e.outcome == "skipped") return true;
      return false;
    };
    REQUIRE(wait_until(skipped));
    REQUIRE(host.settle(id, SendResult::delivered("mdn-2", "late MDN for the second send")).ok());
    int ok = 0, late = 0;
    for (const auto& e : g.events_of_first_outbound("acme-retail")) {
      ok += e.stage == "sent" && e.outcome == "ok";
      late += e.stage == "sent" && e.outcome == "late";
    }
    CHECK(ok == 1);
    CHECK(late == 1);
    CHECK(g.first_outbound_state("acme-retail") == "sent");
    for (const auto& e : g.gateway->transports().endpoints())
      if (e->config.partner == "acme-retail") CHECK(e->endpoint->health().detail == "sends=1 token-length=1");
  }
}

TEST_CASE("a send a transport settles as failed for good is a dead letter an operator can replay",
          "[transport_host][gateway]") {
  ::setenv("EDIGATE_TEST_SCRIPTED_TOKEN", "t", 1);
  Running g(scripted("pending"));
  g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
  REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "awaiting"; }));
  auto& store = g.gateway->store();
  const auto id = store.outbound_list("acme-retail", 10).value().back().id;
  const auto dead_sends = [&] {
    int n = 0;
    for (const auto& w : store.work_for(std::to_string(id)).value())
      n += w.kind == store::WorkKind::send && w.state == "dead";
    return n;
  };
  // What the AS2 endpoint does when the last of mdn-attempts times out.
  transport_host::GatewayTransportHost host(store, nullptr, nullptr, 1000, {});
  REQUIRE(pipeline::replay_outbound(store, id).error().code == "pipeline.replay.conflict");  // still awaiting
  REQUIRE(host.settle(id, SendResult::permanent("no MDN after 3 sends")).ok());
  CHECK(g.first_outbound_state("acme-retail") == "failed");
  CHECK(dead_sends() == 1);

  auto replayed = pipeline::replay_outbound(store, id);
  REQUIRE(replayed.ok());
  REQUIRE(replayed->items.size() == 1);
  CHECK(replayed->items.front().was_dead);
  CHECK(replayed->items.front().note == "no MDN after 3 sends");
  // The gateway sends it again (the scripted transport answers pending once more), under a new
  // attempt number although the replayed item's attempts were reset: an AS2 Message-ID is not reused.
  REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "awaiting" && dead_sends() == 0; }));
  std::vector<std::string> pendings;
  for (const auto& e : g.events_of_first_outbound("acme-retail"))
    if (e.stage == "sent" && e.outcome == "pending") pendings.push_back(e.detail);
  REQUIRE(pendings.size() == 2);
  CHECK_THAT(pendings[0], Catch::EndsWith("attempt 0"));
  CHECK_THAT(pendings[1], !Catch::EndsWith("attempt 0"));

  // A late failure or retry of a document a positive MDN already delivered changes nothing.
  REQUIRE(host.settle(id, SendResult::delivered("mdn-1", "processed")).ok());
  REQUIRE(host.settle(id, SendResult::retry("timeout picked up before the MDN", std::chrono::seconds(1))).ok());
  REQUIRE(host.settle(id, SendResult::permanent("no MDN after 3 sends")).ok());
  CHECK(g.first_outbound_state("acme-retail") == "sent");
  CHECK(dead_sends() == 0);
  int queued = 0;
  for (const auto& w : store.work_for(std::to_string(id)).value())
    queued += w.kind == store::WorkKind::send && (w.state == "ready" || w.state == "leased");
  CHECK(queued == 0);
}

TEST_CASE("a profile endpoint of a type no plugin provides is reported and the partner falls back to the outbox",
          "[transport_host][gateway]") {
  Running g("<transport type=\"carrier-pigeon\" name=\"coo\"><option name=\"loft\" value=\"x\"/></transport>");
  g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
  REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "sent"; }));
  CHECK(fs::exists(g.data / "outbox/acme-retail"));
}

TEST_CASE("profile endpoints stay closed where gateway.xml says so, unless an override opens one",
          "[transport_host][gateway]") {
  ::setenv("EDIGATE_TEST_SCRIPTED_TOKEN", "t", 1);
  {
    Running off(scripted("delivered"), "<transports profile-endpoints=\"false\"/>");
    for (const auto& e : off.gateway->transports().endpoints()) CHECK(e->config.partner != "acme-retail");
  }
  Running on(scripted("permanent"),
             "<transports profile-endpoints=\"false\"><endpoint partner=\"acme-retail\" "
             "name=\"van\"><option name=\"script\" value=\"delivered\"/></endpoint></transports>");
  on.drop("acme-retail", "po.edi", "acme_850_4010.edi");
  REQUIRE(wait_until([&] { return on.first_outbound_state("acme-retail") == "sent"; }));  // the override's script
  CHECK_FALSE(fs::exists(on.data / "outbox/acme-retail"));
}

TEST_CASE("a partner's document goes to its first endpoint whose role covers it, never to one that only polls",
          "[transport_host][gateway]") {
  ::setenv("EDIGATE_TEST_SCRIPTED_TOKEN", "t", 1);
  Running g(scripted("permanent", "pull", "polls") + scripted("delivered", "acks", "acknowledgements") +
            scripted("delivered", "docs"));
  const auto& set = g.gateway->transports();
  auto named = [](const std::shared_ptr<transport_host::OpenEndpoint>& e) { return e ? e->config.name : "(none)"; };
  CHECK(named(set.sender_for("acme-retail", "", "997")) == "acks");
  CHECK(named(set.sender_for("acme-retail", "", "CONTRL")) == "acks");
  CHECK(named(set.sender_for("acme-retail", "", "856")) == "docs");
  CHECK(named(set.sender_for("acme-retail", "acks", "856")) == "(none)");  // named, but it does not send that
  CHECK(named(set.sender_for("acme-retail", "pull", "997")) == "(none)");
  for (const auto& e : set.endpoints()) {
    if (e->config.partner != "acme-retail") continue;
    CHECK(e->polls == (e->config.name != "acks"));  // "docs" does everything the type can
  }

  // The 997 for a PO leaves through "acks" although "pull" is declared first.
  g.drop("acme-retail", "po.edi", "acme_850_4010.edi");
  REQUIRE(wait_until([&] { return g.first_outbound_state("acme-retail") == "sent"; }));
  const auto events = g.events_of_first_outbound("acme-retail");
  REQUIRE_FALSE(events.empty());
  CHECK_THAT(events.back().detail, Catch::Contains("scripted:acks"));
}
