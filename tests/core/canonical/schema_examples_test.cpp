// docs/canonical: every example validates against its JSON Schema, every negative example fails
// for its stated reason (valijson, canonical/json_schemas.hpp), and what the C++ envelope writes
// is valid too.
#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"
#include "canonical_test_support.hpp"

#include <Poco/JSON/Array.h>

#include <catch2/catch.hpp>

#include <unistd.h>
#include <set>

using namespace edigate;
using namespace edigate::canonical;
namespace fs = std::filesystem;

TEST_CASE("every canonical example validates against its schema", "[canonical][schema]") {
  const auto files = test::json_files(test::source_dir() / "docs/canonical/examples");
  std::set<std::string> types;
  for (const auto& f : files) types.insert(f.stem().string());
  CHECK(types == std::set<std::string>{"freight_invoice",    "functional_ack",        "invoice",
                                       "inventory_report",   "load_tender",           "load_tender_response",
                                       "planning_schedule",  "price_catalog",         "purchase_order",
                                       "purchase_order_ack", "purchase_order_change", "purchase_order_change_ack",
                                       "receiving_advice",   "remittance_advice",     "return_authorization",
                                       "sales_report",       "ship_notice",           "shipping_schedule",
                                       "tracking_event",     "warehouse_advice",      "warehouse_order"});
  const auto results = test::validate_with_jsonschema(files);
  for (const auto& f : files) {
    INFO(f.string());
    REQUIRE(results.count(f.string()) == 1);
    CHECK(results.at(f.string()) == "valid " + f.string());
  }
}

TEST_CASE("negative canonical examples fail validation for their reason", "[canonical][schema]") {
  // file -> a fragment of the error the validator (valijson, as `edigate canonical validate`)
  // must report: the JSON pointer of the bad value and the constraint it breaks
  const std::map<std::string, std::string> expected = {
      {"functional_ack_wrong_schema_version", "/schema: Failed to match expected value set by 'const'"},
      {"invoice_float_total_amount", "/totals/total_amount: Value type not permitted by 'type'"},
      {"invoice_line_misspelt_field",
       "/lines/0: Object contains a property that could not be validated using 'properties' or 'additionalProperties' "
       "constraints: 'quanity'"},
      {"purchase_order_ack_unknown_line_status", "/lines/0/status: Failed to match against any enum values"},
      {"purchase_order_float_unit_price", "/lines/0/unit_price: Value type not permitted by 'type'"},
      {"purchase_order_missing_po_number", "(message): Missing required property 'po_number'"},
      {"purchase_order_misspelt_field", "constraints: 'po_numbr'"},
      {"purchase_order_quantity_exponent",
       "/lines/0/quantity: Failed to match regex specified by 'pattern' constraint. found \"4.8e1\""},
      {"purchase_order_quantity_leading_zeros", "/lines/0/quantity: Failed to match regex"},
      {"ship_notice_missing_message_id", "(message): Missing required property 'message_id'"},
      {"ship_notice_sscc_17_digits", "/orders/0/packs/0/sscc: Failed to match regex"},
      {"tracking_event_timestamp_without_offset", "/timestamp: Failed to match regex"},
      {"tracking_event_unknown_status", "/status: Failed to match against any enum values. found \"arrived\""},
      {"warehouse_order_unknown_field_po_date", "constraints: 'po_date'"},
  };

  const auto files = test::json_files(test::source_dir() / "tests/core/canonical/invalid");
  REQUIRE(files.size() == expected.size());
  const auto results = test::validate_with_jsonschema(files);
  for (const auto& f : files) {
    INFO(f.string());
    REQUIRE(expected.count(f.stem().string()) == 1);
    REQUIRE(results.count(f.string()) == 1);
    const auto& line = results.at(f.string());
    CHECK(line.rfind("invalid ", 0) == 0);
    CHECK_THAT(line, Catch::Contains(expected.at(f.stem().string())));
  }
}

TEST_CASE("a message built with make_envelope validates against the schema", "[canonical][schema]") {
  Source source;
  source.standard = "x12";
  source.version = "004010";
  source.transaction_set = "214";
  source.interchange_control_number = "000004711";
  source.group_control_number = "4711";
  source.transaction_control_number = "0001";
  source.sender = {"02", "BLFR"};
  source.receiver = {"ZZ", "EDIGATEDEMO"};
  source.file = "in/214.edi";
  source.byte_offset = 0;
  Correlation correlation;
  correlation.tracking_numbers = {"PRO55512"};
  auto message = make_envelope("tracking_event", "bluefreight", Direction::inbound, source, correlation, 2);
  message->set("tracking_number", std::string("PRO55512"));
  message->set("status", std::string("delivered"));
  message->set("original_code", std::string("D1"));
  message->set("timestamp", std::string("2024-03-26T13:02:00-04:00"));
  auto weights = make_object();
  weights->set("value", std::string("182.4"));
  weights->set("unit", std::string("lb"));
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  list->add(weights);
  message->set("weights", list);
  auto line = to_json_line(message);
  REQUIRE(line.ok());

  const fs::path file = fs::temp_directory_path() / ("edigate_canonical_" + std::to_string(getpid()) + ".json");
  { std::ofstream(file) << line.value() << "\n"; }
  const auto results = test::validate_with_jsonschema({file});
  fs::remove(file);
  REQUIRE(results.count(file.string()) == 1);
  CHECK(results.at(file.string()) == "valid " + file.string());
}
