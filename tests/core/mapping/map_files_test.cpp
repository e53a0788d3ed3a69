#include "mapping_fixture.hpp"
#include "temp_dir.hpp"

#include "canonical/json_io.hpp"

#include <filesystem>

using namespace edigate;
using namespace edigate::test;

namespace {

Error load_error(const std::string& xml, const std::string& name = "bad.xml") {
  auto m = mapping::load_map_from_memory(xml, name);
  REQUIRE_FALSE(m.ok());
  return m.error();
}

}  // namespace

TEST_CASE("a map that breaks the XSD is refused at file:line:col", "[mapping][load]") {
  Error e =
      load_error("<map id=\"x\" direction=\"inbound\">\n  <field name=\"a\" path=\"B01\" colour=\"red\"/>\n</map>");
  CHECK(e.code == "mapping.file.invalid");
  CHECK(e.position.file == "bad.xml");
  CHECK(e.position.line == 2);
  CHECK(e.position.column > 0);
  CHECK(e.to_string().rfind("bad.xml:2:", 0) == 0);
}

TEST_CASE("an unknown table is refused at the element that uses it", "[mapping][load]") {
  Error e =
      load_error("<map id=\"x\" direction=\"inbound\">\n\n  <field name=\"a\" path=\"BEG01\" table=\"nope\"/>\n</map>");
  CHECK(e.code == "mapping.table.unknown");
  CHECK(e.position.line == 3);
  CHECK(e.position.column == 3);
}

TEST_CASE("bad path syntax is refused with the reason", "[mapping][load]") {
  Error e =
      load_error("<map id=\"x\" direction=\"inbound\">\n  <field name=\"a\" path=\"N1[N101='ST'/N104\"/>\n</map>");
  CHECK(e.code == "mapping.path.syntax");
  CHECK(e.position.line == 2);
  Error e2 = load_error("<map id=\"x\" direction=\"inbound\"><field name=\"a\" path=\"N1/NAME\"/></map>");
  CHECK(e2.code == "mapping.path.syntax");
  CHECK(e2.message.find("must end with an element") != std::string::npos);
  Error e3 = load_error("<map id=\"x\" direction=\"inbound\"><field name=\"a\" path=\"PO1/pair(PO106)\"/></map>");
  CHECK(e3.code == "mapping.path.syntax");
}

TEST_CASE("segment items are refused in inbound maps and fields in outbound maps", "[mapping][load]") {
  CHECK(load_error("<map id=\"x\" direction=\"inbound\"><segment tag=\"ST\"/></map>").code == "mapping.item.direction");
  CHECK(load_error("<map id=\"x\" direction=\"outbound\"><field name=\"a\" const=\"1\"/></map>").code ==
        "mapping.item.direction");
}

TEST_CASE("an extends cycle is refused", "[mapping][extends]") {
  test::TempDir dir("maps");
  test::write_text(dir.path / "a.xml",
                   "<map id=\"a\" direction=\"inbound\" extends=\"b.xml\"><field name=\"x\" const=\"1\"/></map>");
  test::write_text(dir.path / "b.xml",
                   "<map id=\"b\" direction=\"inbound\" extends=\"a.xml\"><field name=\"y\" const=\"1\"/></map>");
  auto m = mapping::load_map(dir.path / "a.xml", dir.path);
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().code == "mapping.extends.cycle");
  CHECK(m.error().position.line == 1);
  auto missing =
      mapping::load_map_from_memory("<map id=\"c\" direction=\"inbound\" extends=\"no-such-id\"/>", "c.xml", dir.path);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "mapping.extends.not_found");
}

TEST_CASE("a partner map extends the base 850 map by id and overrides only what differs", "[mapping][extends]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  auto map = map_from_text(R"(<map id="acme-850" extends="x12-004010-850-inbound" direction="inbound">
      <table name="party_role" merge="true"><entry code="ST" value="consignee"/></table>
      <field name="po_type" const="stand_alone"/>
      <remove name="totals"/>
      <field name="department" path="REF[REF01=DP]/REF02"/>
      <array name="lines" merge="true">
        <remove name="description"/>
        <field name="quantity" path="PO102" convert="integer"/>
      </array>
    </map>)");
  EdiFixture edi("ST*850*1~BEG*00*SA*77**20240102~REF*DP*042~N1*ST*DC~PO1*1*5*EA*2**VP*W1~PID*F****X~CTT*1~SE*8*1~",
                 Delimiters{'*', '>', 0, 0, '.', "~", "", ""});
  mapping::TranslateContext ctx;
  auto r = mapping::translate(*map, *schema, edi.transaction(0), edi.delimiters(), ctx);
  if (!r) FAIL(r.error().to_string());
  auto line = canonical::to_json_line(r.value());
  REQUIRE(line.ok());
  CHECK(
      line.value() ==
      R"({"po_number":"77","po_date":"2024-01-02","purpose":"original","original_purpose_code":"00","po_type":"stand_alone",)"
      R"("references":[{"qualifier":"DP","value":"042"}],)"
      R"("parties":[{"role":"consignee","original_role_code":"ST","name":"DC"}],)"
      R"("lines":[{"line_number":"1","items":{"vendor_part":"W1"},"quantity":5,"uom":"EA","unit_price":"2"}],"department":"042"})");
}

TEST_CASE("removing an item the base does not have is an error", "[mapping][extends]") {
  auto m = mapping::load_map_from_memory(
      R"(<map id="p" extends="x12-004010-850-inbound" direction="inbound"><remove name="nothing_here"/></map>)",
      "p.xml", std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().code == "mapping.extends.remove_unknown");
}

TEST_CASE("every base map in maps/ loads", "[mapping][load]") {
  std::size_t n = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(std::string(EDIGATE_SOURCE_DIR) + "/maps/base")) {
    if (f.path().extension() != ".xml") continue;
    auto m = mapping::load_map(f.path(), std::string(EDIGATE_SOURCE_DIR) + "/maps");
    INFO(f.path());
    CHECK(m.ok());
    if (!m) INFO(m.error().to_string());
    ++n;
  }
  CHECK(n >= 3);
}
