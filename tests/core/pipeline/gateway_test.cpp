// The Gateway in-process on the example partners: intake to delivery, gateway.xml reloaded
// while serving, ERP submissions from the erp-outbox folder (accepted and refused).
#include "pipeline/gateway.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "temp_dir.hpp"

using namespace edigate;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  const fs::path temp = p.parent_path() / ("." + p.filename().string() + ".tmp");
  std::ofstream(temp, std::ios::binary) << text;
  fs::rename(temp, p);
}

std::size_t files_in(const fs::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (auto& e : fs::directory_iterator(dir, ec)) n += e.is_regular_file();
  return n;
}

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

/// The sample gateway.xml with absolute partners/maps folders, a free admin port and fast intake.
std::string gateway_xml(const std::string& purchase_order_destination) {
  std::string xml = read_file(fs::path(EDIGATE_SOURCE_DIR) / "samples/gateway/gateway.xml");
  xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./"), std::string("\"") + EDIGATE_SOURCE_DIR + "/");
  xml = std::regex_replace(xml, std::regex("127\\.0\\.0\\.1:8470"), "127.0.0.1:0");
  xml = std::regex_replace(xml, std::regex("poll-ms=\"500\" stable-ms=\"1000\""), "poll-ms=\"50\" stable-ms=\"0\"");
  // The route whose destination is erp (orders, acks, invoices ...) goes to `purchase_order_destination`.
  xml =
      std::regex_replace(xml, std::regex("destination=\"erp\""), "destination=\"" + purchase_order_destination + "\"");
  return xml;
}

struct Running {
  test::TempDir dir{"gateway"};
  log::JsonLog log{open_log()};
  std::unique_ptr<pipeline::Gateway> gateway;
  fs::path config_file = dir.path / "gateway.xml";
  fs::path data = dir.path / "data";

  int open_log() { return 2; }

  Running() {
    ::setenv("EDIGATE_ADMIN_TOKEN", "test-token", 1);
    write_file(config_file, gateway_xml("erp"));
    gateway_config::Overrides overrides;
    overrides.data_dir = data;
    auto config = gateway_config::load_gateway_config(config_file, overrides);
    INFO((config ? "" : config.error().to_string()));
    REQUIRE(config.ok());
    auto opened = pipeline::Gateway::open(std::move(*config), log);
    INFO((opened ? "" : opened.error().to_string()));
    REQUIRE(opened.ok());
    gateway = std::move(*opened);
    auto source = gateway_config::ConfigSource::open(config_file, overrides);
    REQUIRE(source.ok());
    gateway->watch(std::move(*source));
    auto started = gateway->start();
    INFO((started ? "" : started.error().to_string()));
    REQUIRE(started.ok());
  }
  ~Running() { gateway->stop(); }
};

std::string acme_850(const std::string& control) {
  std::string edi = read_file(fs::path(EDIGATE_SOURCE_DIR) / "samples/inbound/acme_850_4010.edi");
  edi = std::regex_replace(edi, std::regex("\\*000000101\\*"), "*" + control + "*");
  edi = std::regex_replace(edi, std::regex("IEA\\*1\\*000000101"), "IEA*1*" + control);
  return edi;
}

}  // namespace

TEST_CASE("the gateway takes an inbox file to deliveries and an ack, and follows an edited gateway.xml",
          "[pipeline][gateway]") {
  Running g;
  write_file(g.data / "inbox/acme-retail/po1.edi", acme_850("000000101"));
  REQUIRE(wait_until(
      [&] { return files_in(g.data / "delivered/erp") == 2 && files_in(g.data / "outbox/acme-retail") == 1; }));
  CHECK_FALSE(fs::exists(g.data / "inbox/acme-retail/po1.edi"));  // removed once stored

  // The gateway's purchase-order route now goes to the WMS folder: the next orders follow the
  // edited file (and still reach erp too: ACME's own profile routes its orders to its erp role).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a new mtime for the reload
  write_file(g.config_file, gateway_xml("wms"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // housekeeping reloads within ~1 s
  write_file(g.data / "inbox/acme-retail/po2.edi", acme_850("000000102"));
  REQUIRE(
      wait_until([&] { return files_in(g.data / "delivered/wms") == 2 && files_in(g.data / "delivered/erp") == 4; }));
}

TEST_CASE("ERP submissions dropped as JSON Lines are rendered, a refused file waits in .failed with its errors",
          "[pipeline][gateway]") {
  Running g;
  const std::string asn =
      read_file(fs::path(EDIGATE_SOURCE_DIR) / "partners/acme-retail/samples/acme_856_ASN-2026-30871.jsonl");
  write_file(g.data / "erp-outbox/asn.jsonl", asn);
  REQUIRE(wait_until([&] { return files_in(g.data / "outbox/acme-retail") == 1; }));
  CHECK_FALSE(fs::exists(g.data / "erp-outbox/asn.jsonl"));

  write_file(g.data / "erp-outbox/bad.jsonl", "{\"type\":\"ship_notice\",\"partner_id\":\"acme-retail\"}\n");
  REQUIRE(wait_until([&] { return fs::exists(g.data / "erp-outbox/.failed/bad.jsonl.errors"); }));
  CHECK_THAT(read_file(g.data / "erp-outbox/.failed/bad.jsonl.errors"), Catch::Contains("bad.jsonl:1"));
  CHECK(files_in(g.data / "outbox/acme-retail") == 1);
}
