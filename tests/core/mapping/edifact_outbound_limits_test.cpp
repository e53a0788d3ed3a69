// What the issue 12 EDIFACT outbound maps cannot write from a canonical message that lacks what the
// message needs, and how they say so (docs/maps.md): a DELFOR line without a delivery point, a
// SLSRPT line without a place of sale and a D01B INVRPT quantity without movement direction or
// inventory type. The first two are mapping.field.required naming the JSON path; the third
// leaves out D01B's mandatory INV, which the schema check of the rendered message catches.
#include "edifact_support.hpp"

#include "canonical/json_io.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

Result<TransactionData> render_with(const std::string& map_file, const std::string& json) {
  auto map = base_map(map_file);
  auto msg = canonical::parse_message(json);
  if (!msg) FAIL(msg.error().to_string());
  mapping::TranslateContext ctx;
  ctx.control_number = "LIM1";
  return mapping::render(*map, msg.value(), ctx);
}

}  // namespace

TEST_CASE("a DELFOR line without ship_to is refused: each line is written as its own delivery point group",
          "[mapping][edifact][maps][outbound]") {
  for (const char* version : {"D96A", "D01B"}) {
    INFO(version);
    auto t = render_with(std::string("edifact/") + version + "/DELFOR.outbound.xml",
                         R"({"schema":"edigate.canonical/v1","type":"planning_schedule","schedule_number":"830-77",)"
                         R"("issue_date":"2026-06-01","lines":[{"line_number":"1","items":{"gtin":"08712345678906"},)"
                         R"("schedule":[{"quantity":"10","forecast_code":"1","date":"2026-06-10"}]}]})");
    REQUIRE_FALSE(t.ok());
    INFO(t.error().to_string() << " expected=" << t.error().expected);
    CHECK(t.error().code == "mapping.field.required");
    CHECK(t.error().expected == "lines[1]/ship_to/ids[0]/value");  // JSON path, 1-based line
  }
}

TEST_CASE("a SLSRPT line without a place of sale is refused naming its location",
          "[mapping][edifact][maps][outbound]") {
  auto t = render_with("edifact/D96A/SLSRPT.outbound.xml",
                       R"({"schema":"edigate.canonical/v1","type":"sales_report","period_start":"2026-06-01",)"
                       R"("parties":[{"role":"seller","ids":[{"scheme":"gln","value":"5412345000013"}]}],)"
                       R"("lines":[{"line_number":"1","items":{"gtin":"8712345678906"},)"
                       R"("activities":[{"activity_code":"QS","quantity":"4"}]}]})");
  REQUIRE_FALSE(t.ok());
  INFO(t.error().to_string() << " expected=" << t.error().expected);
  CHECK(t.error().code == "mapping.field.required");
  CHECK(t.error().expected == "lines[1]/location/code");
}

TEST_CASE("a D01B INVRPT quantity without movement direction or inventory type fails the D01B schema check",
          "[mapping][edifact][maps][outbound]") {
  const std::string balance =
      R"({"schema":"edigate.canonical/v1","type":"inventory_report","report_number":"846-12",)"
      R"("report_date":"2026-06-01","lines":[{"line_number":"1","items":{"gtin":"8712345678906"},)"
      R"("quantities":[{"qualifier":"145","quantity":"40","uom":"PCE"}]}]})";
  auto d01b = render_with("edifact/D01B/INVRPT.outbound.xml", balance);
  if (!d01b) FAIL(d01b.error().to_string());
  std::size_t errors = 0;
  for_each_message(write_message(d01b.value()), "d01b.edi",
                   [&](const MessageView& m) { errors += schema_errors(m, "d01b.edi").size(); });
  CHECK(errors > 0);
  // The same balance is a valid D96A INVRPT, where INV is optional.
  auto d96a = render_with("edifact/D96A/INVRPT.outbound.xml", balance);
  if (!d96a) FAIL(d96a.error().to_string());
  for_each_message(write_message(d96a.value()), "d96a.edi", [&](const MessageView& m) {
    for (const auto& e : schema_errors(m, "d96a.edi")) FAIL_CHECK(e.to_string());
  });
}
