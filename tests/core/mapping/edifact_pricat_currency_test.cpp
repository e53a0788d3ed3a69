// The currency of a PRICAT's prices (heading SG6 CUX) is the price catalog's currency: it used
// to be dropped, so a catalog read in and sent on lost which currency its prices were in.
#include "edifact_support.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

Poco::JSON::Object::Ptr translate_pricat(const std::string& version) {
  auto map = base_map("edifact/" + version + "/PRICAT.inbound.xml");
  const std::string file = "tests/core/mapping/fixtures/edifact/" + version + "/PRICAT.edi";
  Poco::JSON::Object::Ptr body;
  std::size_t n = for_each_message(read_text(src(file)), file, [&](const MessageView& m) {
    auto schema = schema::load_schema(src("plugins/edifact/schemas/" + m.version + "/PRICAT.xml"));
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
    auto body = translate_pricat(version);
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
