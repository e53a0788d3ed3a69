// The supplier API in a whole Gateway, in-process, as an operator configures it: gateway.xml's
// <transports><listener type="http"> starts it, a partner profile's <http api-key-sha256> lets
// the partner in. A supplier posts an interchange and reads its status until the 997 is there,
// and the purchase orders reach the ERP folder.
#include "http_fixture.hpp"
#include "temp_dir.hpp"

#include "gateway_process.hpp"
#include "io/sha256.hpp"
#include "sample_gateway.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>

using namespace edigate;
using test::files_in;
namespace fs = std::filesystem;

namespace {

bool wait_until(const std::function<bool()>& done) { return test::wait_until(done, std::chrono::seconds(30)); }

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

constexpr const char* kKey = "acme-supplier-api-key-7f3a9c";

}  // namespace

TEST_CASE("a Gateway serves the supplier API from gateway.xml: posted EDI is processed and its 997 is in the status",
          "[http][gateway]") {
  test::TempDir dir("http-gateway");
  const fs::path partners = dir.path / "partners";
  fs::copy(fs::path(EDIGATE_SOURCE_DIR) / "partners", partners, fs::copy_options::recursive);
  // acme-retail may use the API: the hash of its key in a file beside its profile.
  const fs::path acme = partners / "acme-retail" / "partner.xml";
  std::string profile = test::read_text(acme);
  profile = std::regex_replace(profile, std::regex("</transports>"),
                               "  <http name=\"api\" api-key-sha256=\"file:api-key.sha256\"/>\n  </transports>");
  write_file(acme, profile);
  write_file(partners / "acme-retail" / "api-key.sha256", io::sha256_hex(kKey) + "\n");

  // The sample keeps profile endpoints off: the listener, and ACME's API endpoint switched on.
  test::SampleGatewayOptions o;
  o.partners = partners;
  o.transports =
      "<transports profile-endpoints=\"false\"><listener type=\"http\"><option name=\"listen\" "
      "value=\"127.0.0.1:0\"/><option name=\"rate\" value=\"50\"/></listener>"
      "<endpoint partner=\"acme-retail\" name=\"api\"/></transports>";
  const fs::path config_file = dir.path / "gateway.xml";
  write_file(config_file, test::sample_gateway_xml(o));
  test::StartedGateway gateway(config_file, dir.path / "data");

  std::string address;
  for (const auto& l : gateway->transports().listeners())
    if (l->type == "http") address = l->listener->address();
  REQUIRE_FALSE(address.empty());

  const std::map<std::string, std::string> auth = {{"Authorization", std::string("Bearer ") + kKey}};
  auto posted = test::http_call(address, {"POST", "/api/v1/partners/acme-retail/documents", test::acme_850(), auth});
  INFO(posted.body);
  REQUIRE(posted.status == 202);
  const std::string location = posted.header("Location");
  REQUIRE_FALSE(location.empty());

  Poco::JSON::Object::Ptr status;
  const bool acknowledged = wait_until([&] {
    auto a = test::http_call(address, {"GET", location, "", auth});
    if (a.status != 200) return false;
    status = a.json();
    return status->getValue<std::string>("state") == "processed" && status->getObject("acknowledgement");
  });
  INFO((status ? test::http_call(address, {"GET", location, "", auth}).body : std::string("no status")));
  REQUIRE(acknowledged);
  CHECK(status->getObject("acknowledgement")->getValue<std::string>("type") == "997");
  CHECK(status->getArray("message_ids")->size() == 2);
  CHECK(wait_until([&] { return files_in(dir.path / "data" / "delivered" / "erp") == 2; }));

  // Without the key: refused, as is a partner whose profile has no API endpoint.
  CHECK(test::http_call(address, {"GET", location, "", {}}).status == 401);
  CHECK(test::http_call(address, {"POST", "/api/v1/partners/bluegrass-freight/documents", "x", auth}).status == 401);
  gateway->stop();
}
