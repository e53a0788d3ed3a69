// The Gateway in-process on the example partners: intake to delivery, gateway.xml reloaded
// while serving, ERP submissions from the erp-outbox folder (accepted and refused).
#include "pipeline/gateway.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "gateway_process.hpp"
#include "sample_gateway.hpp"
#include "temp_dir.hpp"

using namespace edigate;
using test::files_in;
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

bool wait_until(const std::function<bool()>& done) { return test::wait_until(done, std::chrono::seconds(20)); }

/// The sample gateway.xml with fast intake; the route whose destination is erp (orders, acks,
/// invoices ...) goes to `purchase_order_destination`.
std::string gateway_xml(const std::string& purchase_order_destination) {
  test::SampleGatewayOptions o;
  o.fast_intake = true;
  return std::regex_replace(test::sample_gateway_xml(o), std::regex("destination=\"erp\""),
                            "destination=\"" + purchase_order_destination + "\"");
}

struct Running {
  test::TempDir dir{"gateway"};
  fs::path config_file = dir.path / "gateway.xml";
  fs::path data = dir.path / "data";
  std::unique_ptr<test::StartedGateway> gateway;

  Running() {
    write_file(config_file, gateway_xml("erp"));
    gateway = std::make_unique<test::StartedGateway>(config_file, data, /*watch=*/true);
  }
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
