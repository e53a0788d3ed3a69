// SLSRPT periods sent as one DTM in format 718 (CCYYMMDD-CCYYMMDD): the report's heading period
// becomes period_start/period_end, a place of sale's period its activities' date and end_date
// (docs/maps.md, EDIFACT base maps, SLSRPT; convert="range_start"/"range_end").
#include "edifact_support.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cstdlib>

using namespace edigate;
using namespace edigate::test;

namespace {

const std::string kFixture = "tests/core/mapping/fixtures/edifact/D96A/SLSRPT.period";

struct Translated {
  Poco::JSON::Object::Ptr body;
  std::optional<Error> error;
};

Translated translate_one(const mapping::CompiledMap& map, const std::string& text, const std::string& file) {
  Translated out;
  std::size_t n = for_each_message(text, file, [&](const MessageView& m) {
    for (const auto& e : schema_errors(m, file)) FAIL_CHECK(e.to_string());
    auto schema = schema::load_schema(src("plugins/edifact/schemas/" + m.version + "/SLSRPT.xml"));
    REQUIRE(schema.ok());
    mapping::TranslateContext ctx;
    ctx.file = file;
    auto r = mapping::translate(map, *schema.value(), m.segments, *m.delimiters, ctx);
    if (r)
      out.body = r.value();
    else
      out.error = r.error();
  });
  REQUIRE(n == 1);
  return out;
}

std::string normalized(const std::string& json) {
  Poco::JSON::Parser parser;
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(parser.parse(json), out);
  return out.str();
}

}  // namespace

TEST_CASE(
    "an SLSRPT period in format 718 gives period_start/end and a place's period its activities' date and end_date",
    "[mapping][edifact][maps][slsrpt]") {
  auto map = base_map("edifact/D96A/SLSRPT.inbound.xml");
  auto got = translate_one(*map, read_text(src(kFixture + ".edi")), "SLSRPT.period.edi");
  if (got.error) FAIL(got.error->to_string());
  CHECK(got.body->getValue<std::string>("period_start") == "2026-06-08");
  CHECK(got.body->getValue<std::string>("period_end") == "2026-06-14");
  auto lines = got.body->getArray("lines");
  REQUIRE(lines->size() == 2);
  auto first = lines->getObject(0)->getArray("activities")->getObject(0);
  CHECK(first->getValue<std::string>("date_qualifier") == "356");
  CHECK(first->getValue<std::string>("date") == "2026-06-08");
  CHECK(first->getValue<std::string>("end_date") == "2026-06-14");
  auto second = lines->getObject(1)->getArray("activities")->getObject(0);
  CHECK(second->getValue<std::string>("date") == "2026-06-14");  // format 102: a day, no end
  CHECK_FALSE(second->has("end_date"));
  // The golden (EDIGATE_WRITE_EXPECTED=1 rewrites it) and the canonical schema.
  auto message = with_envelope(got.body, "sales_report", "edifact", "D96A", "SLSRPT", "SLSRPT.period.edi", {});
  const std::string line = json_line(message);
  if (std::getenv("EDIGATE_WRITE_EXPECTED")) std::ofstream(src(kFixture + ".expected.json")) << line << "\n";
  CHECK(normalized(line) == normalized(read_text(src(kFixture + ".expected.json"))));
  for (const auto& v : validate_canonical({message})) CHECK(v.rfind("valid ", 0) == 0);
}

TEST_CASE("SLSRPT periods round-trip: the heading period as DTM 90/91, a place's period as DTM 718",
          "[mapping][edifact][maps][slsrpt][roundtrip]") {
  auto a = translate_one(*base_map("edifact/D96A/SLSRPT.inbound.xml"), read_text(src(kFixture + ".edi")), "a.edi");
  if (a.error) FAIL(a.error->to_string());
  for (const char* version : {"D96A", "D01B"}) {
    INFO(version);
    const std::string base = std::string("edifact/") + version + "/SLSRPT";
    auto out = base_map(base + ".outbound.xml");
    mapping::TranslateContext ctx;
    ctx.control_number = "RT1";
    auto message = with_envelope(a.body, "sales_report", "edifact", version, "SLSRPT", "a.edi", {});
    auto rendered = mapping::render(*out, message, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    const std::string edi = write_message(rendered.value());
    INFO(edi);
    CHECK(edi.find("DTM+90:20260608:102'") != std::string::npos);
    CHECK(edi.find("DTM+91:20260614:102'") != std::string::npos);
    CHECK(edi.find("DTM+356:20260608-20260614:718'") != std::string::npos);
    CHECK(edi.find("DTM+356:20260614:102'") != std::string::npos);
    auto b = translate_one(*base_map(base + ".inbound.xml"), edi, "b.edi");  // schema-checked inside
    if (b.error) FAIL(b.error->to_string());
    CHECK(json_line(b.body) == json_line(a.body));
  }
}

TEST_CASE("a DTM in format 718 whose value is not two dates is a positioned error",
          "[mapping][edifact][maps][slsrpt]") {
  std::string text = read_text(src(kFixture + ".edi"));
  const std::string heading = "DTM+356:20260608-20260614:718'\nNAD";
  text.replace(text.find(heading), heading.size(), "DTM+356:20260608:718'\nNAD");
  auto got = translate_one(*base_map("edifact/D96A/SLSRPT.inbound.xml"), text, "bad.edi");
  REQUIRE(got.error);
  CHECK(got.error->code == "mapping.value.bad_date_time");
  CHECK(got.error->found == "20260608");
  CHECK(got.error->position.segment_tag == "DTM");
}
