// The SFTP plugin's send as the gateway's send stage calls it: one attempt per call, answered
// delivered, retry or permanent; uploads appear in the partner's outbox only when complete.
#include "plugin_fixture.hpp"

#include <atomic>
#include <thread>

namespace fs = std::filesystem;
using namespace edigate;
using edigate::test::names_in;
using edigate::test::SftpPluginRig;
using edigate::test::SshdServer;
using edigate::test::write_text;

namespace {

OutboundDocument document(const std::string& name, std::string body) {
  OutboundDocument d;
  d.id = 1;
  d.partner = "acme-retail";
  d.type = "997";
  d.file_name = name;
  d.body = std::move(body);
  return d;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("SFTP send uploads into the partner's outbox, and a repeated attempt of the same document is delivered once",
          "[sftp][plugin][send]") {
  SshdServer server;
  SftpPluginRig rig;
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  auto sent = endpoint.send(document("997-1.edi", "ISA*ack"));
  INFO(sent.detail);
  REQUIRE(sent.kind == SendResult::Kind::delivered);
  CHECK(sent.remote_id == "outbox/997-1.edi");
  CHECK(test::slurp(server.files() / "outbox" / "997-1.edi") == "ISA*ack");

  // The answer to an earlier attempt was lost: the same bytes are there already, so delivered.
  auto again = endpoint.send(document("997-1.edi", "ISA*ack"));
  CHECK(again.kind == SendResult::Kind::delivered);
  CHECK_THAT(again.detail, Catch::Contains("earlier attempt"));
  // Someone else's file under that name is not replaced.
  auto other = endpoint.send(document("997-1.edi", "ISA*different"));
  CHECK(other.kind == SendResult::Kind::permanent);
  CHECK(test::slurp(server.files() / "outbox" / "997-1.edi") == "ISA*ack");
  CHECK(names_in(server.files() / "outbox") == std::vector<std::string>{"997-1.edi"});  // no temporary left
}

TEST_CASE("SFTP send to a missing outbox folder or with an unsafe name is permanent", "[sftp][plugin][send]") {
  SshdServer server;
  SftpPluginRig rig;
  auto attributes = test::sftp_attributes(server);
  attributes["outbox"] = "no-such-folder";
  TransportEndpoint& endpoint = rig.open(attributes);
  auto sent = endpoint.send(document("997.edi", "ISA*ack"));
  INFO(sent.detail);
  CHECK(sent.kind == SendResult::Kind::permanent);
  auto unsafe = endpoint.send(document("../escape.edi", "ISA*ack"));
  CHECK(unsafe.kind == SendResult::Kind::permanent);
  CHECK_THAT(unsafe.detail, Catch::Contains("sftp.remote_name.refused"));
}

TEST_CASE("SFTP permission denied on the outbox is permanent", "[sftp][plugin][send]") {
  SshdServer server("-R");  // read-only: the server refuses every write with "permission denied"
  SftpPluginRig rig;
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  auto sent = endpoint.send(document("997.edi", "ISA*ack"));
  INFO(sent.detail);
  CHECK(sent.kind == SendResult::Kind::permanent);
  CHECK_THAT(sent.detail, Catch::Contains("permission denied"));
  CHECK(names_in(server.files() / "outbox").empty());
}

TEST_CASE("SFTP send and poll against a server that is down: retry, then delivered once it is back",
          "[sftp][plugin][send]") {
  SshdServer server;
  SftpPluginRig rig;
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  REQUIRE(endpoint.send(document("first.edi", "ISA*1")).kind == SendResult::Kind::delivered);  // a pooled session

  server.kill_all();  // the pooled connection dies with it
  auto down = endpoint.send(document("997.edi", "ISA*ack"));
  INFO(down.detail);
  CHECK(down.kind == SendResult::Kind::retry);
  write_text(server.files() / "inbox" / "po.edi", "ISA*po");
  auto polled = endpoint.poll(rig.host());
  REQUIRE_FALSE(polled.ok());
  CHECK(polled.error().category == ErrorCategory::transient);
  CHECK_FALSE(endpoint.health().ok);
  CHECK(rig.inputs().empty());

  server.start();
  auto back = endpoint.send(document("997.edi", "ISA*ack"));
  INFO(back.detail);
  CHECK(back.kind == SendResult::Kind::delivered);
  auto taken = endpoint.poll(rig.host());
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  CHECK(endpoint.health().ok);
  CHECK(names_in(server.files() / "outbox") == std::vector<std::string>{"997.edi", "first.edi"});
  CHECK(rig.inputs().size() == 1);
}

TEST_CASE("SFTP wrong host key: refused before login, naming the expected and offered fingerprints",
          "[sftp][plugin][hostkey]") {
  SshdServer server;
  SftpPluginRig rig;
  auto attributes = test::sftp_attributes(server);
  const std::string wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  attributes["host-key"] = wrong;
  write_text(server.files() / "inbox" / "po.edi", "ISA*po");
  TransportEndpoint& endpoint = rig.open(attributes);

  auto polled = endpoint.poll(rig.host());
  REQUIRE_FALSE(polled.ok());
  CHECK(polled.error().code == "sftp.host_key.mismatch");
  CHECK_THAT(polled.error().to_string(), Catch::Contains(wrong) && Catch::Contains(server.host_fingerprint()));
  auto sent = endpoint.send(document("997.edi", "ISA*ack"));
  CHECK(sent.kind == SendResult::Kind::permanent);  // fails the same way until the pin is fixed
  CHECK_THAT(sent.detail, Catch::Contains(server.host_fingerprint()));
  CHECK(names_in(server.files() / "inbox") == std::vector<std::string>{"po.edi"});
  CHECK(names_in(server.files() / "outbox").empty());
  CHECK_THAT(server.read_log(), !Catch::Contains("Accepted"));  // no credential was offered
}

TEST_CASE("SFTP max-sessions bounds the connections of concurrent sends, which reuse them", "[sftp][plugin][send]") {
  SshdServer server;
  SftpPluginRig rig;
  auto attributes = test::sftp_attributes(server);
  attributes["max-sessions"] = "2";
  TransportEndpoint& endpoint = rig.open(attributes);
  std::atomic<int> delivered{0};
  std::atomic<double> most_open{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < 6; ++t)
    senders.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto r = endpoint.send(document("d-" + std::to_string(t) + "-" + std::to_string(i) + ".edi", "ISA*x"));
        if (r.kind == SendResult::Kind::delivered) ++delivered;
        for (const auto& g : endpoint.health().gauges)
          if (g.name == "sftp_sessions_open" && g.value > most_open) most_open = g.value;
      }
    });
  for (auto& t : senders) t.join();
  CHECK(delivered == 30);
  CHECK(names_in(server.files() / "outbox").size() == 30);
  CHECK(most_open.load() <= 2);
  CHECK(count(server.read_log(), "Accepted publickey") <= 2);  // 30 uploads over at most 2 logins
}

TEST_CASE("SFTP: a pooled connection the server dropped while idle is replaced without failing the next call",
          "[sftp][plugin][send]") {
  SshdServer server;
  SftpPluginRig rig;
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  REQUIRE(endpoint.send(document("first.edi", "ISA*1")).kind == SendResult::Kind::delivered);
  server.kill_all();  // the idle pooled connection dies ...
  server.start();     // ... and the server is back before the next call
  auto sent = endpoint.send(document("second.edi", "ISA*2"));
  INFO(sent.detail);
  CHECK(sent.kind == SendResult::Kind::delivered);
  server.kill_all();
  server.start();
  write_text(server.files() / "inbox" / "po.edi", "ISA*po");
  auto taken = endpoint.poll(rig.host());
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
}
