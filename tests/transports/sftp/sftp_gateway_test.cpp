// The whole gateway in-process with an SFTP partner: a purchase order the partner puts on its
// server is taken, stored, processed, and the 997 for it is uploaded to the partner's outbox on
// the same server. The profile is written by the test; gateway.xml's <endpoint> supplies the
// port of this run's sshd (the environment-specific part), as an operator would.
#include "pipeline/gateway.hpp"
#include "plugin_fixture.hpp"

#include <regex>
#include <thread>

namespace fs = std::filesystem;
using namespace edigate;
using edigate::test::names_in;
using edigate::test::slurp;
using edigate::test::SshdServer;
using edigate::test::write_text;

namespace {

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

std::string gateway_xml(const fs::path& partners, std::uint16_t port) {
  std::string xml = slurp(fs::path(EDIGATE_SOURCE_DIR) / "samples/gateway/gateway.xml");
  xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./partners\""), "\"" + partners.string() + "\"");
  xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./"), std::string("\"") + EDIGATE_SOURCE_DIR + "/");
  xml = std::regex_replace(xml, std::regex("127\\.0\\.0\\.1:8470"), "127.0.0.1:0");
  xml = std::regex_replace(xml, std::regex("poll-ms=\"500\" stable-ms=\"1000\""), "poll-ms=\"50\" stable-ms=\"0\"");
  // The sample keeps profile endpoints off; this environment switches the partner's on.
  const std::string transports =
      "<transports profile-endpoints=\"false\">\n"
      "    <endpoint partner=\"acme-retail\" name=\"sftp\">\n"
      "      <option name=\"port\" value=\"" +
      std::to_string(port) +
      "\"/>\n"
      "    </endpoint>\n"
      "  </transports>";
  const std::regex element("<transports profile-endpoints=\"false\"/>");
  REQUIRE(std::regex_search(xml, element));
  return std::regex_replace(xml, element, transports);
}

}  // namespace

TEST_CASE(
    "gateway with an SFTP partner: a PO on the partner's server is stored, processed and answered by a 997 "
    "uploaded to its outbox",
    "[sftp][plugin][gateway]") {
  SshdServer server;
  test::TempDir dir("sftp-gateway");
  // ACME's example partner with an <sftp> transport instead of AS2; port 1 in the profile,
  // this run's port from gateway.xml.
  const fs::path partners = dir.path / "partners";
  fs::create_directories(partners);
  fs::copy(fs::path(EDIGATE_SOURCE_DIR) / "partners/acme-retail", partners / "acme-retail",
           fs::copy_options::recursive);
  auto attributes = test::sftp_attributes(server);
  attributes["port"] = "1";
  attributes["poll-seconds"] = "1";
  write_text(partners / "acme-retail" / "partner.xml", test::profile_with_sftp(attributes));
  const fs::path config_file = dir.path / "gateway.xml";
  write_text(config_file, gateway_xml(partners, server.port()));

  ::setenv("EDIGATE_ADMIN_TOKEN", "test-token", 1);
  gateway_config::Overrides overrides;
  overrides.data_dir = dir.path / "data";
  auto config = gateway_config::load_gateway_config(config_file, overrides);
  INFO((config ? "" : config.error().to_string()));
  REQUIRE(config.ok());
  log::JsonLog log(2);
  auto opened = pipeline::Gateway::open(std::move(*config), log);
  INFO((opened ? "" : opened.error().to_string()));
  REQUIRE(opened.ok());
  auto& gateway = **opened;
  auto started = gateway.start();
  INFO((started ? "" : started.error().to_string()));
  REQUIRE(started.ok());

  write_text(server.files() / "inbox" / "po-4010.edi",
             slurp(fs::path(EDIGATE_SOURCE_DIR) / "samples/inbound/acme_850_4010.edi"));
  const fs::path erp = dir.path / "data" / "delivered" / "erp";
  const bool answered =
      wait_until([&] { return names_in(server.files() / "outbox").size() == 1 && !names_in(erp).empty(); });
  const auto delivered = names_in(erp);
  gateway.stop();
  INFO(server.read_log());
  REQUIRE(answered);
  CHECK(names_in(server.files() / "inbox").empty());  // taken, and removed once stored
  CHECK_FALSE(delivered.empty());                     // the canonical PO reached the ERP folder
  const auto outbox = names_in(server.files() / "outbox");
  const std::string ack = slurp(server.files() / "outbox" / outbox.front());
  CHECK_THAT(ack, Catch::StartsWith("ISA") && Catch::Contains("ST*997"));
  CHECK(names_in(dir.path / "data" / "outbox" / "acme-retail").empty());  // not the local folder
}
