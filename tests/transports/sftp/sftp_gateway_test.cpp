// The whole gateway in-process with an SFTP partner: a purchase order the partner puts on its
// server is taken, stored, processed, and the 997 for it is uploaded to the partner's outbox on
// the same server. The profile is written by the test; gateway.xml's <endpoint> supplies the
// port of this run's sshd (the environment-specific part), as an operator would.
#include "gateway_process.hpp"
#include "plugin_fixture.hpp"
#include "sample_gateway.hpp"

#include <regex>
#include <thread>

namespace fs = std::filesystem;
using namespace edigate;
using edigate::test::names_in;
using edigate::test::slurp;
using edigate::test::SshdServer;
using edigate::test::write_text;

namespace {

bool wait_until(const std::function<bool()>& done) { return edigate::test::wait_until(done, std::chrono::seconds(30)); }

/// The sample keeps profile endpoints off; this environment switches the partner's on.
std::string gateway_xml(const fs::path& partners, std::uint16_t port) {
  test::SampleGatewayOptions o;
  o.partners = partners;
  o.fast_intake = true;
  o.transports =
      "<transports profile-endpoints=\"false\">\n"
      "    <endpoint partner=\"acme-retail\" name=\"sftp\">\n"
      "      <option name=\"port\" value=\"" +
      std::to_string(port) +
      "\"/>\n"
      "    </endpoint>\n"
      "  </transports>";
  return test::sample_gateway_xml(o);
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

  test::StartedGateway started(config_file, dir.path / "data");
  auto& gateway = *started.gateway;

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
