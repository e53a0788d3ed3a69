// The whole gateway in-process with an AS2 partner: libas2 posts ACME's 850 to the gateway's AS2
// listener, gets a verified MDN, the order is stored, translated and delivered to the ERP folder,
// and the 997 the gateway queues goes back over AS2 to libas2's receiver (signed, encrypted,
// its signed MDN verified).
#include "libas2_peer.hpp"

#include "pipeline/gateway.hpp"

#include <regex>

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

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

}  // namespace

TEST_CASE("a PO posted over AS2 by libas2 is stored, delivered to the ERP, and its 997 goes back over AS2",
          "[as2][gateway][libas2]") {
  Libas2Peer peer;
  Pki& pki = Pki::get();
  peer.add("EDIGATEDEMO", pki.gateway, false);
  peer.add("ACMERETAIL-AS2", pki.partner, true);
  const int port = free_port();
  const fs::path received = peer.work.path / "received";
  Libas2Server partner(peer, port, "ACMERETAIL-AS2", received);

  // ACME's profile as shipped; this environment's gateway.xml points its AS2 endpoint at the
  // libas2 receiver with the test's certificates (an <endpoint> override, as the demo wires it).
  edigate::test::TempDir dir("as2-gateway");
  const fs::path data = dir.path / "data";
  ::setenv("EDIGATE_AS2_TEST_KEY", read_file(pki.gateway.key).c_str(), 1);
  ::setenv("EDIGATE_ADMIN_TOKEN", "test-token", 1);
  std::string xml = read_file(fs::path(EDIGATE_SOURCE_DIR) / "samples/gateway/gateway.xml");
  xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./"), std::string("\"") + EDIGATE_SOURCE_DIR + "/");
  xml = std::regex_replace(xml, std::regex("127\\.0\\.0\\.1:8470"), "127.0.0.1:0");
  const std::string transports =
      "<transports profile-endpoints=\"false\">"
      "<listener type=\"as2\"><option name=\"listen\" value=\"127.0.0.1:0\"/></listener>"
      "<endpoint partner=\"acme-retail\" name=\"as2\">"
      "<option name=\"url\" value=\"http://127.0.0.1:" +
      std::to_string(port) +
      "/as2\"/>"
      "<option name=\"partner-certificate\" value=\"" +
      pki.partner.crt.string() +
      "\"/>"
      "<option name=\"our-certificate\" value=\"" +
      pki.gateway.crt.string() +
      "\"/>"
      "<option name=\"our-private-key\" value=\"env:EDIGATE_AS2_TEST_KEY\"/>"
      "<option name=\"timeout-seconds\" value=\"30\"/>"
      "</endpoint></transports>";
  const std::size_t at = xml.find("<transports profile-endpoints=\"false\"/>");
  REQUIRE(at != std::string::npos);
  xml.replace(at, std::string("<transports profile-endpoints=\"false\"/>").size(), transports);
  const fs::path config_file = dir.path / "gateway.xml";
  write_file(config_file, xml);
  gateway_config::Overrides overrides;
  overrides.data_dir = data;
  auto config = gateway_config::load_gateway_config(config_file, overrides);
  INFO((config ? "" : config.error().to_string()));
  REQUIRE(config.ok());
  log::JsonLog log(2);
  auto opened = pipeline::Gateway::open(std::move(*config), log);
  INFO((opened ? "" : opened.error().to_string()));
  REQUIRE(opened.ok());
  std::unique_ptr<pipeline::Gateway> gateway = std::move(*opened);
  auto started = gateway->start();
  INFO((started ? "" : started.error().to_string()));
  REQUIRE(started.ok());
  struct Stop {
    pipeline::Gateway& g;
    ~Stop() { g.stop(); }
  } stop{*gateway};
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
  INFO(read_file(partner.log));
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
