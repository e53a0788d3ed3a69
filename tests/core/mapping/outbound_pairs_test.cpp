// <pairs> in outbound maps: product id qualifier/value pairs packed from the first slot
// (docs/maps.md, "Product id pairs"), and the X12 base maps that use it.
#include "temp_dir.hpp"
#include "x12_maps_support.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

std::string render_text(const mapping::CompiledMap& map, const std::string& json) {
  auto msg = canonical::parse_message(json);
  REQUIRE(msg.ok());
  mapping::TranslateContext ctx;
  ctx.control_number = "0001";
  auto t = mapping::render(map, msg.value(), ctx);
  if (!t) FAIL(t.error().to_string());
  return print(t.value());
}

const char* kLinMap = R"M(<map id="o" direction="outbound">
  <table name="gtin_qualifier" default="EN"><entry code="14" value="UK"/></table>
  <loop each="lines"><segment tag="LIN">
    <element pos="1" path="line_number"/>
    <pairs from="2" to="7">
      <pair qualifier="BP" path="items/buyer_part"/>
      <pair path="items/gtin" qualifier-convert="length" qualifier-table="gtin_qualifier"/>
      <pair qualifier="UP" path="items/upc"/>
    </pairs>
  </segment></loop></map>)M";

}  // namespace

TEST_CASE("pairs fill qualifier/value slots from the first one, skipping ids without a value",
          "[mapping][outbound][pairs]") {
  auto map = map_from_text(kLinMap, "o.xml");
  CHECK(render_text(*map,
                    R"({"schema":"edigate.canonical/v1","lines":[)"
                    R"({"line_number":"1","items":{"upc":"012345678905"}},)"
                    R"({"line_number":"2","items":{"buyer_part":"B1","gtin":"10012345678902"}},)"
                    R"({"line_number":"3","items":{"gtin":"4006381333931","upc":"012345678905"}},)"
                    R"({"line_number":"4","items":{}}]})") ==
        "LIN*1*UP*012345678905~\n"          // not LIN*1*****UP*..: LIN02/LIN03 are mandatory
        "LIN*2*BP*B1*UK*10012345678902~\n"  // GTIN-14: UK
        "LIN*3*EN*4006381333931*UP*012345678905~\n"
        "LIN*4~\n");
}

TEST_CASE("an id with no pair slot left is an error naming the slots and the JSON path", "[mapping][outbound][pairs]") {
  auto map = map_from_text(R"M(<map id="o" direction="outbound"><loop each="lines"><segment tag="W12">
      <element pos="1" const="CC"/>
      <pairs at="7 17"><pair qualifier="VN" path="v"/><pair qualifier="BP" path="b"/><pair qualifier="SK" path="s"/></pairs>
    </segment></loop></map>)M",
                           "w.xml");
  auto msg = canonical::parse_message(
      R"({"schema":"edigate.canonical/v1","lines":[{"v":"1","s":"3"},{"v":"1","b":"2","s":"3"}]})");
  REQUIRE(msg.ok());
  mapping::TranslateContext ctx;
  auto t = mapping::render(*map, msg.value(), ctx);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().code == "mapping.pairs.overflow");
  CHECK(t.error().message.find("w.xml") != std::string::npos);
  CHECK(t.error().message.find("W12 holds 2 id pairs (W1207..W1218); no room for SK 3") != std::string::npos);
  CHECK(t.error().expected == "lines[2]/s");
  CHECK(t.error().found == "3");
  // the first line fits (VN in W1207, SK in W1217)
  auto ok = map_from_text(R"M(<map id="o" direction="outbound"><loop each="lines"><segment tag="W12">
      <pairs at="7 17"><pair qualifier="VN" path="v"/><pair qualifier="SK" path="s"/></pairs>
    </segment></loop></map>)M");
  CHECK(render_text(*ok, R"({"schema":"edigate.canonical/v1","lines":[{"v":"1","s":"3"}]})") ==
        "W12*******VN*1*********SK*3~\n");
}

TEST_CASE("pairs positions and qualifiers are checked when the map loads", "[mapping][load][pairs]") {
  auto load = [](const std::string& pairs) {
    return mapping::load_map_from_memory(
        "<map id=\"o\" direction=\"outbound\"><segment tag=\"LIN\">\n" + pairs + "</segment></map>", "p.xml",
        std::filesystem::path(), engine_only_checks());
  };
  auto even = load(R"(<pairs from="2" to="6"><pair qualifier="BP" path="a"/></pairs>)");
  REQUIRE_FALSE(even.ok());
  CHECK(even.error().code == "mapping.pairs.positions");
  CHECK(even.error().position.file == "p.xml");
  CHECK(even.error().position.line == 2);
  auto both = load(R"(<pairs at="2" from="2" to="3"><pair qualifier="BP" path="a"/></pairs>)");
  REQUIRE_FALSE(both.ok());
  CHECK(both.error().code == "mapping.pairs.positions");
  auto overlap = load(R"(<pairs at="2 3"><pair qualifier="BP" path="a"/></pairs>)");
  REQUIRE_FALSE(overlap.ok());
  CHECK(overlap.error().code == "mapping.pairs.positions");
  auto none = load(R"(<pairs><pair qualifier="BP" path="a"/></pairs>)");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code == "mapping.pairs.positions");
  auto no_qualifier = load(R"(<pairs from="2" to="3"><pair path="a"/></pairs>)");
  REQUIRE_FALSE(no_qualifier.ok());
  CHECK(no_qualifier.error().code == "mapping.pairs.qualifier");
  CHECK(no_qualifier.error().position.line == 2);
  auto unknown_table =
      load(R"(<pairs from="2" to="3"><pair path="a" qualifier-convert="length" qualifier-table="nope"/></pairs>)");
  REQUIRE_FALSE(unknown_table.ok());
  CHECK(unknown_table.error().code == "mapping.table.unknown");
  auto not_xsd = load(R"(<pairs from="2" to="3"><pair path="a" qualifier="BP" bogus="1"/></pairs>)");
  REQUIRE_FALSE(not_xsd.ok());
  CHECK(not_xsd.error().code == "mapping.file.invalid");
}

TEST_CASE("a partner map adds or removes one id of a base map's pairs", "[mapping][extends][pairs]") {
  TempDir dir("pairs");
  write_text(dir.path / "base.xml", kLinMap);
  write_text(dir.path / "partner.xml", R"M(<map id="p" extends="base.xml" direction="outbound">
    <loop each="lines" merge="true"><segment tag="LIN" merge="true"><pairs from="2" merge="true">
      <remove name="BP"/><pair qualifier="SK" path="items/sku"/>
    </pairs></segment></loop></map>)M");
  auto map = mapping::load_map(dir.path / "partner.xml", dir.path, engine_only_checks());
  if (!map) FAIL(map.error().to_string());
  CHECK(render_text(*map.value(),
                    R"({"schema":"edigate.canonical/v1","lines":[)"
                    R"({"line_number":"1","items":{"buyer_part":"B1","upc":"012345678905","sku":"S9"}}]})") ==
        "LIN*1*UP*012345678905*SK*S9~\n");
}

TEST_CASE("X12 outbound base maps pack product ids and qualify GTIN-14 as UK", "[mapping][x12][base][pairs]") {
  const std::string lines =
      R"("lines":[{"line_number":"1","items":{"upc":"012345678905"},"quantity":"24","uom":"EA","unit_price":"3.15"},)"
      R"({"line_number":"2","items":{"vendor_part":"WB-1001","gtin":"10614141999993","sku":"S-2"},"quantity":"1","uom":"CA","unit_price":"9"}])";
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto po =
        render_text(*base_map(version, "850", "outbound"),
                    R"({"schema":"edigate.canonical/v1","type":"purchase_order","purpose":"original","po_number":"P1",)"
                    R"("po_date":"2026-03-10",)" +
                        lines + "}");
    CHECK(po.find("PO1*1*24*EA*3.15**UP*012345678905~\n") != std::string::npos);
    CHECK(po.find("PO1*2*1*CA*9**VP*WB-1001*UK*10614141999993*SK*S-2~\n") != std::string::npos);
    auto inv = render_text(
        *base_map(version, "810", "outbound"),
        R"({"schema":"edigate.canonical/v1","type":"invoice","invoice_number":"I1","invoice_date":"2026-03-10",)"
        R"("totals":{"total_amount":"1"},)" +
            lines + "}");
    CHECK(inv.find("IT1*1*24*EA*3.15**UP*012345678905~\n") != std::string::npos);
    auto wo =
        render_text(*base_map(version, "940", "outbound"),
                    R"({"schema":"edigate.canonical/v1","type":"warehouse_order","order_number":"O1",)"
                    R"("lines":[{"items":{"buyer_part":"B7","gtin":"4006381333931"},"quantity":"2","uom":"EA"}]})");
    CHECK(wo.find("W01*2*EA**BP*B7*EN*4006381333931~\n") != std::string::npos);  // BP moves up to W0104/05
  }
}
