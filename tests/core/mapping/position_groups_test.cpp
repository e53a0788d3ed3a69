// Arrays over position groups (<array each="RCD" groups="5" stride="3" when="RCD06">, docs/maps.md):
// the 861 RCD carries up to five quantities in question (RCD06-08 ... RCD18-20), each a quantity,
// a unit and a receiving condition code. The inbound map read only the first before.
#include "x12_maps_support.hpp"

#include "schema/registry.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

std::string receipt(const std::string& rcd) {
  return "ST*861*0001~BRA*R1*20260320*00*1~DTM*050*20260319~" + rcd + "~LIN**VN*WID-1~CTT*1~SE*7*0001~";
}

Result<Poco::JSON::Object::Ptr> translate_861(const std::string& version, const std::string& rcd) {
  auto map = base_map(version, "861", "inbound");
  auto schema = x12_schema(version, "861");
  EdiFixture edi(receipt(rcd), kFixtureX12);
  mapping::TranslateContext ctx;
  ctx.file = "t.edi";
  return mapping::translate(*map, *schema, edi.transaction(0), kFixtureX12, ctx);
}

Error map_error(const std::string& array_attrs, const std::string& source = "") {
  auto m = mapping::load_map_from_memory(
      "<map id=\"g\" direction=\"inbound\" standard=\"X12\" version=\"004010\" set=\"861\" "
      "type=\"receiving_advice\"" +
          source + ">\n  <field name=\"receipt_number\" path=\"BRA01\"/>\n  <array name=\"lines\" each=\"RCD\" " +
          array_attrs + ">\n    <field name=\"line_number\" path=\"RCD01\"/>\n  </array>\n</map>",
      "g.xml", src("maps"));
  REQUIRE_FALSE(m.ok());
  return m.error();
}

}  // namespace

TEST_CASE("861 inbound reads every quantity in question of an RCD, in order, skipping empty groups",
          "[mapping][x12][861][groups]") {
  for (const char* version : {"004010", "005010"}) {
    auto r = translate_861(version, "RCD*1*40*CA*3*CA*6*CA*01*2*CA*02****5*CA*03*1*EA*07");
    INFO(version);
    REQUIRE(r.ok());
    auto line = r.value()->getArray("lines")->getObject(0);
    CHECK(line->getValue<std::string>("received_quantity") == "40");
    CHECK(line->getValue<std::string>("returned_quantity") == "3");
    auto q = line->getArray("quantities");
    REQUIRE(q->size() == 4);
    const char* const want[][3] = {{"01", "6", "CA"}, {"02", "2", "CA"}, {"03", "5", "CA"}, {"07", "1", "EA"}};
    for (std::size_t i = 0; i < 4; ++i) {
      auto o = q->getObject(static_cast<unsigned>(i));
      CHECK(o->getValue<std::string>("qualifier") == want[i][0]);
      CHECK(o->getValue<std::string>("quantity") == want[i][1]);
      CHECK(o->getValue<std::string>("uom") == want[i][2]);
    }
  }
}

TEST_CASE("an RCD without quantities in question gives a line without quantities", "[mapping][x12][861][groups]") {
  auto r = translate_861("004010", "RCD*1*118*EA");
  REQUIRE(r.ok());
  CHECK_FALSE(r.value()->getArray("lines")->getObject(0)->has("quantities"));
}

TEST_CASE("a later quantity in question without its condition code is refused at the RCD",
          "[mapping][x12][861][groups]") {
  auto r = translate_861("004010", "RCD*1*40*CA***6*CA*01*2*CA");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "mapping.field.required");
  CHECK(r.error().position.segment_tag == "RCD");
  CHECK_THAT(r.error().message, Catch::Contains("qualifier"));
}

TEST_CASE("groups= needs stride= and each=, and when= on an array needs groups=", "[mapping][groups]") {
  CHECK(map_error("groups=\"5\"").code == "mapping.array.groups");
  CHECK(map_error("when=\"RCD06\"").code == "mapping.array.groups");
  CHECK(map_error("groups=\"40\" stride=\"3\"").code == "mapping.array.groups");  // past element 99
  Error json = map_error("groups=\"2\" stride=\"3\"", " source=\"json\"");
  CHECK(json.code == "mapping.array.groups");
}

TEST_CASE("a position group past the segment's last element is a load error", "[mapping][groups][check]") {
  static schema::Registry registry({std::filesystem::path(EDIGATE_BUILD_DIR) / "share/edigate/schemas"});
  mapping::MapChecks checks;
  checks.standards = &registry;
  auto load = [&](const std::string& groups) {
    return mapping::load_map_from_memory(
        "<map id=\"g\" direction=\"inbound\" standard=\"X12\" version=\"004010\" set=\"861\" "
        "type=\"receiving_advice\">\n  <field name=\"receipt_number\" path=\"BRA01\"/>\n"
        "  <array name=\"lines\" each=\"RCD\">\n    <object name=\"items\"><field name=\"sku\" "
        "path=\"RCD01\"/></object>\n"
        "    <array name=\"quantities\" each=\"RCD\" groups=\"" +
            groups +
            "\" stride=\"3\" when=\"RCD06\">\n"
            "      <field name=\"qualifier\" path=\"RCD08\"/>\n      <field name=\"quantity\" path=\"RCD06\" "
            "convert=\"decimal\"/>\n"
            "    </array>\n  </array>\n</map>",
        "g.xml", src("maps"), checks);
  };
  CHECK(load("5").ok());  // RCD18-20: within RCD's 21 elements
  auto past = load("6");  // RCD21-23
  REQUIRE_FALSE(past.ok());
  CHECK(past.error().code == "mapping.source.element");
  CHECK(past.error().found == "23");
}
