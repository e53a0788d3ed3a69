// `edigate trace` and `edigate report` over a store the real pipeline filled with one order's
// whole life: an 850 in, an 855 and an 856 out, the carrier's 214 in, an 810 out.
#include "cli/commands.hpp"
#include "gateway_harness.hpp"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <thread>

using namespace edigate;
using test::GatewayHarness;
using test::run_cli;

namespace {

const std::filesystem::path kAcme = test::source_dir() / "partners" / "acme-retail" / "samples";
const std::filesystem::path kTracking =
    test::source_dir() / "partners" / "bluegrass-freight" / "samples" / "bluegrass_214_PRO40871125.edi";

/// Each step a millisecond apart at least, so the chain's order is the order of the steps.
void step() { std::this_thread::sleep_for(std::chrono::milliseconds(3)); }

/// PO 4500012360's life (and PO 4500012361, which nothing answers).
void order_life(GatewayHarness& h, bool with_tracking = true) {
  h.receive(kAcme / "acme_850_20261124.edi");
  h.drain();
  step();
  h.submit(kAcme / "acme_855_SO-2026-11873.jsonl");
  h.drain();
  step();
  h.submit(kAcme / "acme_856_ASN-2026-30871.jsonl");
  h.drain();
  step();
  if (with_tracking) {
    h.receive(kTracking);
    h.drain();
    step();
  }
  h.submit(kAcme / "acme_810_INV-2026-30871.jsonl");
  h.drain();
  step();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// The TYPE column of trace's table, in order, a run of one type (the carrier's five status
/// messages in one 214) counted once.
std::vector<std::string> types_in(const std::string& table, std::size_t* rows = nullptr) {
  std::vector<std::string> types;
  std::size_t count = 0;
  for (const auto& line : lines_of(table)) {
    std::istringstream words(line);
    std::string time, type;
    words >> time >> type;
    if (time.size() != 24 || time[10] != 'T') continue;
    ++count;
    if (types.empty() || types.back() != type) types.push_back(type);
  }
  if (rows) *rows = count;
  return types;
}

const std::vector<std::string> kChain{"purchase_order", "purchase_order_ack", "ship_notice", "tracking_event",
                                      "invoice"};

}  // namespace

TEST_CASE("trace follows a PO through its ack, ship notice, tracking and invoice", "[cli][trace]") {
  GatewayHarness h;
  order_life(h);
  const std::string data = h.data.string();

  auto by_po = run_cli(cli::cmd_trace, {"4500012360", "--data", data});
  INFO(by_po.out << by_po.err);
  REQUIRE(by_po.code == 0);
  std::size_t rows = 0;
  CHECK(types_in(by_po.out, &rows) == kChain);
  // The 214 carries five shipment status messages: five tracking events.
  CHECK(rows == 9);
  CHECK_THAT(by_po.out, Catch::Contains("trace 4500012360: 9 message(s) linked by "));
  CHECK_THAT(by_po.out, Catch::Contains("po_number 4500012360"));
  CHECK_THAT(by_po.out, Catch::Contains("shipment_id ASN-2026-30871"));
  CHECK_THAT(by_po.out, Catch::Contains("bluegrass-freight"));
  // The rendered 856 waits for acme's 997 (<acks expect-within-minutes="1440">).
  CHECK_THAT(by_po.out, Catch::Contains("rendered; ack awaited"));
  CHECK_THAT(by_po.out, Catch::Contains("routed ok, delivered ok"));
  CHECK_THAT(by_po.out, !Catch::Contains("4500012361"));

  // The same chain from the shipment, or from any message of it.
  auto by_shipment = run_cli(cli::cmd_trace, {"ASN-2026-30871", "--data", data});
  CHECK(types_in(by_shipment.out) == kChain);
  auto json = run_cli(cli::cmd_trace, {"4500012360", "--json", "--data", data});
  REQUIRE(json.code == 0);
  Poco::JSON::Parser parser;
  auto root = parser.parse(json.out).extract<Poco::JSON::Object::Ptr>();
  auto messages = root->getArray("messages");
  REQUIRE(messages->size() == 9);
  const std::string invoice_id = messages->getObject(8)->getValue<std::string>("message_id");
  CHECK(messages->getObject(8)->getValue<std::string>("type") == "invoice");
  CHECK(messages->getObject(3)->getValue<std::string>("partner") == "bluegrass-freight");
  for (std::size_t i = 0; i < messages->size(); ++i) CHECK(messages->getObject(i)->getArray("events")->size() > 0);
  CHECK(messages->getObject(2)->getArray("documents")->size() == 2);  // submission and rendered 856
  auto by_message = run_cli(cli::cmd_trace, {invoice_id, "--data", data});
  CHECK(types_in(by_message.out) == kChain);

  auto nothing = run_cli(cli::cmd_trace, {"NO-SUCH-PO", "--data", data});
  CHECK(nothing.code == cli::kExitInvalid);
  CHECK_THAT(nothing.err, Catch::Contains("trace.not_found"));
}

TEST_CASE("report lists POs with no ship notice, untracked shipments, overdue acks and dead letters", "[cli][report]") {
  GatewayHarness h([](std::string& xml) {
    // Deliveries to "wms" die at once: DATA/blocked is a file.
    xml.replace(xml.find("max-attempts=\"10\""), 17, "max-attempts=\"1\"");
    xml.replace(xml.find("path=\"delivered/wms\""), 20, "path=\"blocked/wms\"");
  });
  test::write_text(h.data / "blocked", "not a folder");
  order_life(h, false);
  const std::string data = h.data.string();

  auto fresh = run_cli(cli::cmd_report, {"--data", data});
  INFO(fresh.out << fresh.err);
  REQUIRE(fresh.code == 0);
  // Nothing is three days old yet.
  CHECK_THAT(fresh.out, Catch::Contains("purchase orders with no ship notice: 0"));
  CHECK_THAT(fresh.out, Catch::Contains("ship notices with no tracking: 0"));
  CHECK_THAT(fresh.out, Catch::Contains("outbound documents with no functional ack (overdue): 0"));

  // Time passes for acme's documents: their acks were due yesterday (the store keeps the due
  // time; moving it is the only way to age a real database without waiting a day).
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((h.data / "edigate.db").string().c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "UPDATE outbound SET ack_due_at = ack_due_at - 2 * 86400000 WHERE ack_due_at > 0", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  // A ship notice from the supplier whose delivery to the WMS dies.
  h.receive(test::source_dir() / "samples" / "inbound" / "widgetworks_856_4010.edi");
  h.drain();
  step();

  auto aged = run_cli(cli::cmd_report, {"--days", "0", "--data", data});
  INFO(aged.out << aged.err);
  REQUIRE(aged.code == 0);
  // 4500012360 has its ship notice; 4500012361 has none.
  CHECK_THAT(aged.out, Catch::Contains("purchase orders with no ship notice: 1"));
  CHECK_THAT(aged.out, Catch::Contains("po_number 4500012361"));
  // No 214 came for either shipment.
  CHECK_THAT(aged.out, Catch::Contains("ship notices with no tracking: 2"));
  CHECK_THAT(aged.out, Catch::Contains("shipment_id ASN-2026-30871"));
  CHECK_THAT(aged.out, Catch::Contains("shipment_id SH0098765"));
  // The 855, 856 and 810 all wait for acme's 997.
  CHECK_THAT(aged.out, Catch::Contains("outbound documents with no functional ack (overdue): 3"));
  CHECK_THAT(aged.out, Catch::Contains("acme-retail-ship_notice-"));
  CHECK_THAT(aged.out, Catch::Contains("dead letters: 1"));
  bool wms_line = false;
  for (const auto& line : lines_of(aged.out))
    wms_line = wms_line || (line.rfind("deliver", 0) == 0 && line.find(" wms ") != std::string::npos);
  CHECK(wms_line);

  // The same lists for a monitoring job.
  auto json = run_cli(cli::cmd_report, {"--days", "0", "--json", "--data", data});
  REQUIRE(json.code == 0);
  Poco::JSON::Parser parser;
  auto root = parser.parse(json.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(root->getValue<int>("days") == 0);
  auto sections = root->getObject("sections");
  auto pos = sections->getObject("purchase_orders_without_ship_notice");
  CHECK(pos->getValue<int>("count") == 1);
  CHECK_FALSE(pos->getValue<bool>("bounded"));
  REQUIRE(pos->getArray("items")->size() == 1);
  CHECK(pos->getArray("items")->getObject(0)->getValue<std::string>("key") == "po_number 4500012361");
  CHECK(pos->getArray("items")->getObject(0)->getValue<int>("age_days") == 0);
  CHECK(sections->getObject("ship_notices_without_tracking")->getValue<int>("count") == 2);
  auto acks = sections->getObject("overdue_functional_acks");
  CHECK(acks->getValue<int>("count") == 3);
  CHECK(acks->getArray("items")->getObject(0)->getValue<std::string>("partner") == "acme-retail");
  auto dead = sections->getObject("dead_letters");
  CHECK(dead->getValue<int>("count") == 1);
  CHECK(dead->getArray("items")->getObject(0)->getValue<std::string>("destination") == "wms");
  CHECK(dead->getArray("items")->getObject(0)->getValue<int>("count") == 1);

  // The carrier's 214 answers the acme shipment.
  h.receive(kTracking);
  h.drain();
  auto tracked = run_cli(cli::cmd_report, {"--days", "0", "--data", data});
  CHECK_THAT(tracked.out, Catch::Contains("ship notices with no tracking: 1"));
  CHECK(run_cli(cli::cmd_report, {"--days", "soon", "--data", data}).code == cli::kExitUsage);
}
