// The supplier API in a whole Gateway, in-process, as an operator configures it: gateway.xml's
// <transports><listener type="http"> starts it, a partner profile's <http api-key-sha256> lets
// the partner in. A supplier posts an interchange and reads its status until the 997 is there,
// and the purchase orders reach the ERP folder.
#include "http_fixture.hpp"
#include "temp_dir.hpp"

#include "io/sha256.hpp"
#include "pipeline/gateway.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>

using namespace edigate;
namespace fs = std::filesystem;

namespace {

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

std::size_t files_in(const fs::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (auto& e : fs::directory_iterator(dir, ec)) n += e.is_regular_file();
  return n;
}

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

  std::string xml = test::read_text(fs::path(EDIGATE_SOURCE_DIR) / "samples/gateway/gateway.xml");
  xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./partners\""), "\"" + partners.string() + "\"");
  xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./"), std::string("\"") + EDIGATE_SOURCE_DIR + "/");
  xml = std::regex_replace(xml, std::regex("127\\.0\\.0\\.1:8470"), "127.0.0.1:0");
  // The sample keeps profile endpoints off: the listener, and ACME's API endpoint switched on.
  xml = std::regex_replace(xml, std::regex("<transports profile-endpoints=\"false\"/>"),
                           "<transports profile-endpoints=\"false\"><listener type=\"http\"><option name=\"listen\" "
                           "value=\"127.0.0.1:0\"/><option name=\"rate\" value=\"50\"/></listener>"
                           "<endpoint partner=\"acme-retail\" name=\"api\"/></transports>");
  const fs::path config_file = dir.path / "gateway.xml";
  write_file(config_file, xml);

  ::setenv("EDIGATE_ADMIN_TOKEN", "test-token", 1);
  log::JsonLog log{2};
  gateway_config::Overrides overrides;
  overrides.data_dir = dir.path / "data";
  auto config = gateway_config::load_gateway_config(config_file, overrides);
  INFO((config ? "" : config.error().to_string()));
  REQUIRE(config.ok());
  auto opened = pipeline::Gateway::open(std::move(*config), log);
  INFO((opened ? "" : opened.error().to_string()));
  REQUIRE(opened.ok());
  auto gateway = std::move(*opened);
  auto started = gateway->start();
  INFO((started ? "" : started.error().to_string()));
  REQUIRE(started.ok());

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
