// The whole gateway in-process with an AS2 partner: libas2 posts ACME's 850 to the gateway's AS2
// listener, gets a verified MDN, the order is stored, translated and delivered to the ERP folder,
// and the 997 the gateway queues goes back over AS2 to libas2's receiver (signed, encrypted,
// its signed MDN verified).
#include "as2_gateway.hpp"

using namespace edigate;
using namespace edigate::as2::test;

namespace {

std::size_t files_in(const fs::path& dir, const std::string& must_contain = "") {
  std::error_code ec;
  std::size_t n = 0;
  for (auto& e : fs::directory_iterator(dir, ec))
    n += e.is_regular_file() && e.path().filename().string().find(must_contain) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("a PO posted over AS2 by libas2 is stored, delivered to the ERP, and its 997 goes back over AS2",
          "[as2][gateway][libas2]") {
  AcmePeer acme;
  Libas2Peer& peer = acme.peer;
  const fs::path& received = acme.received;

  // ACME's profile as shipped; this environment's gateway.xml points its AS2 endpoint at the
  // libas2 receiver with the test's certificates.
  As2Gateway g(
      "<transports profile-endpoints=\"false\">"
      "<listener type=\"as2\"><option name=\"listen\" value=\"127.0.0.1:0\"/></listener>" +
      acme_as2_endpoint(acme.port) + "</transports>");
  pipeline::Gateway* gateway = g.gateway;
  const fs::path data = g.data;
  auto listeners = gateway->transports().listeners();
  REQUIRE(listeners.size() == 1);
  const std::string url = "http://" + listeners.front()->listener->address() + "/as2";

  const fs::path po = peer.work.path / "acme_850.edi";
  fs::copy_file(fs::path(EDIGATE_SOURCE_DIR) / "samples/inbound/acme_850_4010.edi", po);
  const fs::path send_log = peer.work.path / "send.log";
  const bool sent = sh(peer.node("send.js") + " " + url + " '" + po.string() +
                           "' --from ACMERETAIL-AS2 --to EDIGATEDEMO --certs '" + peer.certs.string() + "'",
                       send_log);
  INFO(read_file(send_log));
  REQUIRE(sent);  // libas2 verified our signed MDN: processed, its MIC
  // The canonical PO at the ERP, and the 997 stored by libas2 (payload file + its .as2.json).
  REQUIRE(wait_until([&] { return files_in(data / "delivered/erp") >= 1; }));
  INFO(read_file(acme.server->log));
  REQUIRE(wait_until([&] { return files_in(received, ".as2.json") >= 1; }));
  std::string ack;
  for (auto& e : fs::directory_iterator(received)) {
    const std::string name = e.path().filename().string();
    if (name.find(".as2.") == std::string::npos && name.find(".part") == std::string::npos) ack = read_file(e.path());
  }
  CHECK(ack.find("ST*997*") != std::string::npos);
  CHECK(ack.find("AK1*PO*") != std::string::npos);
  CHECK(files_in(received, ".as2.json") == 1);
  CHECK(files_in(data / "outbox/acme-retail") == 0);  // went over AS2, not into the folder outbox
}

TEST_CASE("a gateway with no AS2 listener still times out an async MDN the partner never sends",
          "[as2][gateway][libas2][mdn]") {
  AcmePeer acme(" --no-async-mdn");
  // The MDN URL names another node's listener; this gateway has none.
  As2Gateway g("<transports profile-endpoints=\"false\">" +
               acme_as2_endpoint(acme.port, {{"mdn", "async"},
                                             {"mdn-url", "http://127.0.0.1:9/as2"},
                                             {"mdn-timeout-seconds", "1"},
                                             {"mdn-attempts", "1"}}) +
               "</transports>");
  REQUIRE(g.gateway->transports().listeners().empty());
  bool polled = false;
  for (const auto& e : g.gateway->transports().endpoints())
    if (e->config.partner == "acme-retail" && e->type == "as2") polled = e->polls;
  CHECK(polled);  // the host's poll scheduler runs it: that is where the timeout is checked

  edigate::test::write_text(g.data / "inbox/acme-retail/po.edi",
                            read_file(fs::path(EDIGATE_SOURCE_DIR) / "samples/inbound/acme_850_4010.edi"));
  REQUIRE(wait_until([&] { return g.last_outbound() && g.last_outbound()->state == "awaiting"; }));
  // The 997 reached the partner, which never answers.
  CHECK(wait_until([&] { return files_in(acme.received, ".as2.json") == 1; }, std::chrono::seconds(10)));
  // One poll pass as the scheduler makes it each minute, once mdn-timeout-seconds passed.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  g.gateway->take_inbox();
  REQUIRE(wait_until([&] { return g.last_outbound()->state == "failed"; }, std::chrono::seconds(10)));
  bool dead = false;
  const auto events = g.gateway->store().events("outbound:" + std::to_string(g.last_outbound()->id)).value();
  for (const auto& e : events)
    dead = dead || (e.stage == "sent" && e.outcome == "dead" && e.detail.find("no MDN for") != std::string::npos);
  CHECK(dead);
}
