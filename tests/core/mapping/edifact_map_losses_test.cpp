// Losses the EDIFACT base maps had, each closed and checked on its own: a PRICAT's currency
// (heading SG6 CUX) was dropped, so a catalog read in and sent on lost which currency its prices
// were in; a RECADV's order date (DTM 171 in the RFF ON group) was dropped.
#include "edifact_support.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

Poco::JSON::Object::Ptr translate_fixture(const std::string& version, const std::string& set) {
  auto map = base_map("edifact/" + version + "/" + set + ".inbound.xml");
  const std::string file = "tests/core/mapping/fixtures/edifact/" + version + "/" + set + ".edi";
  Poco::JSON::Object::Ptr body;
  std::size_t n = for_each_message(read_text(src(file)), file, [&](const MessageView& m) {
    auto schema = schema::load_schema(src("plugins/edifact/schemas/" + m.version + "/" + set + ".xml"));
    REQUIRE(schema.ok());
    mapping::TranslateContext ctx;
    ctx.file = file;
    auto r = mapping::translate(*map, *schema.value(), m.segments, *m.delimiters, ctx);
    if (!r) FAIL(r.error().to_string());
    body = r.value();
  });
  REQUIRE(n == 1);
  return body;
}

}  // namespace

TEST_CASE("a PRICAT's CUX currency is the price catalog's currency and is written back",
          "[mapping][edifact][maps][pricat]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto body = translate_fixture(version, "PRICAT");
    REQUIRE(body);
    CHECK(body->getValue<std::string>("currency") == "EUR");
    auto out = base_map("edifact/" + version + "/PRICAT.outbound.xml");
    mapping::TranslateContext ctx;
    ctx.control_number = "RT1";
    auto rendered = mapping::render(*out, body, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    const std::string edi = write_message(rendered.value());
    INFO(edi);
    CHECK(edi.find("CUX+2:EUR:8'") != std::string::npos);
    // SG6 comes after the parties (SG2) and before the product groups.
    CHECK(edi.find("NAD+") < edi.find("CUX+"));
    CHECK(edi.find("CUX+") < edi.find("PGI+"));
    for_each_message(edi, "rendered.edi", [&](const MessageView& m) {
      for (const auto& e : schema_errors(m, "rendered.edi")) FAIL_CHECK(e.to_string());
    });
  }
}

TEST_CASE("a RECADV's order date (DTM 171 of the RFF ON group) is the receipt's po_date and is written back",
          "[mapping][edifact][maps][recadv]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto body = translate_fixture(version, "RECADV");
    REQUIRE(body);
    const std::string date = version == "D96A" ? "2026-05-22" : "2026-05-28";
    CHECK(body->getValue<std::string>("po_date") == date);
    auto out = base_map("edifact/" + version + "/RECADV.outbound.xml");
    mapping::TranslateContext ctx;
    ctx.control_number = "RT1";
    auto rendered = mapping::render(*out, body, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    const std::string edi = write_message(rendered.value());
    INFO(edi);
    const std::string rff = "RFF+ON:" + body->getValue<std::string>("po_number") + "'";
    const std::string dtm = "DTM+171:" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + ":102'";
    REQUIRE(edi.find(rff) != std::string::npos);
    CHECK(edi.find(rff) + rff.size() == edi.find(dtm));  // in the RFF ON group, right after it
  }
}
