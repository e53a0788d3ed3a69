// Load-time map checks (mapping/map_check.hpp): a map that names what the standard or the
// canonical schema does not have is refused when it loads, at file:line:col. Each of these maps
// loaded before and then produced wrong data or failed every transaction.
#include "mapping_fixture.hpp"

#include "mapping/mapping.hpp"
#include "schema/registry.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace edigate;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = EDIGATE_SOURCE_DIR;

schema::Registry& installed_schemas() {
  static schema::Registry registry({fs::path(EDIGATE_BUILD_DIR) / "share/edigate/schemas"});
  return registry;
}

mapping::MapChecks all_checks() {
  mapping::MapChecks c;
  c.standards = &installed_schemas();
  return c;
}

// A partner map extending the base 850 inbound map, with `body` as its content (line 2 on).
Error partner_850_error(const std::string& body, const std::string& root_extra = "") {
  auto m = mapping::load_map_from_memory(
      "<map id=\"p\" extends=\"x12-004010-850-inbound\" direction=\"inbound\"" + root_extra + ">\n" + body + "\n</map>",
      "partner-850.xml", kSource / "maps", all_checks());
  REQUIRE_FALSE(m.ok());
  return m.error();
}

}  // namespace

TEST_CASE("a source path naming a segment the transaction set does not have is a load error", "[mapping][check]") {
  Error e = partner_850_error("  <field name=\"po_type\" path=\"PO9/PO901\"/>");
  CHECK(e.code == "mapping.source.segment");
  CHECK(e.to_string().rfind("partner-850.xml:2:3: ", 0) == 0);
  CHECK_THAT(e.message, Catch::Contains("PO9 is not a segment or loop of X12 004010 850"));
  // An EDIFACT segment in an X12 map is the same mistake.
  Error edifact = partner_850_error("  <field name=\"po_type\" path=\"NAD[1=BY]/2\"/>");
  CHECK(edifact.code == "mapping.source.segment");
  CHECK_THAT(edifact.message, Catch::Contains("NAD"));
}

TEST_CASE("a source element beyond the segment's last element is a load error", "[mapping][check]") {
  Error e = partner_850_error(
      "  <array name=\"lines\" merge=\"true\">\n    <field name=\"pack_size\" path=\"PO4/PO499\"/>\n  </array>");
  CHECK(e.code == "mapping.source.element");
  CHECK(e.position.line == 3);
  CHECK_THAT(e.message, Catch::Contains("PO4 has"));
  CHECK(e.found == "99");
  // A component a simple element cannot have, and one past a composite's last.
  CHECK(partner_850_error("  <field name=\"po_type\" path=\"REF[REF01=DP]/REF02.2\"/>").code ==
        "mapping.source.element");
  CHECK(partner_850_error("  <field name=\"po_type\" path=\"REF[REF01=DP]/REF04.9\"/>").code ==
        "mapping.source.element");
  // A condition's element is checked too.
  Error cond = partner_850_error("  <field name=\"po_type\" path=\"REF[REF09=DP]/REF02\"/>");
  CHECK(cond.code == "mapping.source.element");
}

TEST_CASE("a target field the canonical schema does not declare is a load error", "[mapping][check]") {
  Error e = partner_850_error(
      "  <array name=\"lines\" merge=\"true\">\n    <field name=\"packsize\" path=\"PO4/PO401\"/>\n  </array>");
  CHECK(e.code == "mapping.target.unknown");
  CHECK(e.to_string().rfind("partner-850.xml:3:5: ", 0) == 0);
  CHECK_THAT(e.message, Catch::Contains("\"lines.packsize\" is not a field of the canonical purchase_order schema"));
  CHECK_THAT(e.message, Catch::EndsWith("did you mean \"pack_size\"?"));
  CHECK(e.expected == "pack_size");
  // The same field under its published name loads.
  auto ok = mapping::load_map_from_memory(
      "<map id=\"p\" extends=\"x12-004010-850-inbound\" direction=\"inbound\">\n"
      "  <array name=\"lines\" merge=\"true\"><field name=\"pack_size\" path=\"PO4/PO401\" "
      "convert=\"decimal\"/></array>\n"
      "</map>",
      "partner-850.xml", kSource / "maps", all_checks());
  if (!ok) FAIL(ok.error().to_string());
}

TEST_CASE("a message type that does not exist is a load error", "[mapping][check]") {
  Error e = partner_850_error("", " type=\"purchase_ordr\"");
  CHECK(e.code == "mapping.type.unknown");
  CHECK(e.found == "purchase_ordr");
  CHECK_THAT(e.expected, Catch::Contains("purchase_order"));
  CHECK(e.position.line == 1);
}

TEST_CASE("a default its convert cannot produce is a load error, not a failure per transaction", "[mapping][check]") {
  // Before: loaded, then every transaction failed with "stoll [mapping.internal]".
  Error e = partner_850_error(
      "  <object name=\"totals\" merge=\"true\">\n"
      "    <field name=\"line_count\" path=\"CTT/CTT01\" convert=\"integer\" default=\"n/a\"/>\n  </object>");
  CHECK(e.code == "mapping.default.invalid");
  CHECK(e.position.line == 3);
  CHECK(e.expected == "an integer");
  CHECK(e.found == "n/a");
  CHECK(partner_850_error("  <field name=\"po_date\" path=\"BEG05\" convert=\"date\" default=\"2024-02-30\"/>").code ==
        "mapping.default.invalid");
}

TEST_CASE("a table value outside the canonical enum is a load error", "[mapping][check]") {
  Error e =
      partner_850_error("  <table name=\"purpose\" merge=\"true\"><entry code=\"00\" value=\"new_order\"/></table>");
  CHECK(e.code == "mapping.target.enum");
  CHECK(e.found == "new_order");
  CHECK_THAT(e.expected, Catch::Contains("original"));
}

TEST_CASE("an outbound map reading a canonical field that does not exist is a load error", "[mapping][check]") {
  auto m = mapping::load_map_from_memory(
      "<map id=\"o\" extends=\"x12-004010-855-outbound\" direction=\"outbound\">\n"
      "  <loop each=\"lines\" merge=\"true\">\n"
      "    <segment tag=\"PO1\" merge=\"true\"><element pos=\"4\" path=\"unit_prcie\"/></segment>\n"
      "  </loop>\n</map>",
      "o.xml", kSource / "maps", all_checks());
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().code == "mapping.source.unknown_field");
  CHECK(m.error().position.line == 3);
  auto seg = mapping::load_map_from_memory(
      "<map id=\"o\" extends=\"x12-004010-855-outbound\" direction=\"outbound\">\n"
      "  <segment tag=\"PO9\"><element pos=\"1\" const=\"X\"/></segment>\n</map>",
      "o.xml", kSource / "maps", all_checks());
  REQUIRE_FALSE(seg.ok());
  CHECK(seg.error().code == "mapping.source.segment");
}

TEST_CASE("an outbound const or default that does not fit its EDI element is a load error at file:line:col",
          "[mapping][check]") {
  // Before: such a map loaded, and render's read-back validation refused every message using it.
  auto outbound_855 = [](const std::string& segment) {
    return mapping::load_map_from_memory(
        "<map id=\"o\" extends=\"x12-004010-855-outbound\" direction=\"outbound\">\n" + segment + "\n</map>", "o.xml",
        kSource / "maps", all_checks());
  };
  // A constant longer than the element (98 Entity Identifier Code, ID 2/3).
  auto too_long = outbound_855("  <segment tag=\"CUR\" merge=\"true\"><element pos=\"1\" const=\"SELLER\"/></segment>");
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.error().code == "schema.element.too_long");
  CHECK(too_long.error().to_string().rfind("o.xml:2:", 0) == 0);
  CHECK_THAT(too_long.error().message,
             Catch::Contains("const=\"SELLER\" does not fit CUR element 1 of X12 004010 855"));
  CHECK(too_long.error().found == "SELLER");
  // A default outside the element's closed code list (353 is closed in 004010).
  auto code = outbound_855(
      "  <segment tag=\"BAK\" merge=\"true\"><element pos=\"1\" coalesce=\"true\" default=\"XX\">"
      "<part path=\"original_purpose_code\"/></element></segment>");
  REQUIRE_FALSE(code.ok());
  CHECK(code.error().code == "schema.element.invalid_code");
  CHECK(code.error().position.line == 2);
  // A constant that is not a date where the element is one (BAK04, DT).
  auto date = outbound_855("  <segment tag=\"BAK\" merge=\"true\"><element pos=\"4\" const=\"20261345\"/></segment>");
  REQUIRE_FALSE(date.ok());
  CHECK(date.error().code == "schema.element.invalid_date");
  // A constant that a convert rewrites is checked after conversion, per message, not here; a
  // fitting constant and default load.
  CHECK(outbound_855("  <segment tag=\"BAK\" merge=\"true\"><element pos=\"4\" const=\"2026-11-20\" convert=\"date8\"/>"
                     "</segment>")
            .ok());
  CHECK(outbound_855("  <segment tag=\"CUR\" merge=\"true\"><element pos=\"1\" const=\"BY\" default=\"SE\"/></segment>")
            .ok());
}

TEST_CASE("every shipped base map and example partner map passes the load-time checks", "[mapping][check][shipped]") {
  std::vector<fs::path> files;
  for (const fs::path dir : {kSource / "maps/base", kSource / "partners", kSource / "tests/corpus/partners"})
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.path().extension() == ".xml" && e.path().parent_path().filename() != "samples" &&
          (dir.filename() == "base" || e.path().parent_path().filename() == "maps"))
        files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 55);
  for (const auto& f : files) {
    INFO(f.string());
    auto m = mapping::load_map(f, kSource / "maps", all_checks());
    if (!m) FAIL_CHECK(m.error().to_string());
  }
}

TEST_CASE("a selector path naming a segment the set lacks, or a selector on an outbound map, is a load error",
          "[mapping][check][selector]") {
  Error missing = partner_850_error("  <selector><when path=\"NAD[1=BY]\"/></selector>");
  CHECK(missing.code == "mapping.source.segment");
  CHECK(missing.position.line == 2);
  CHECK_THAT(missing.message, Catch::Contains("NAD"));
  // An extending map's selector replaces the base's; a valid one loads.
  auto ok = mapping::load_map_from_memory(
      "<map id=\"p\" extends=\"x12-004010-850-inbound\" direction=\"inbound\">\n"
      "  <selector><when path=\"BEG[BEG02=SA]\"/><unless path=\"REF[REF01=DP]\"/></selector>\n</map>",
      "partner-850.xml", kSource / "maps", all_checks());
  REQUIRE(ok.ok());
  CHECK((*ok)->select_when.size() == 1);
  CHECK((*ok)->select_unless.size() == 1);
  auto outbound = mapping::load_map_from_memory(
      "<map id=\"p\" extends=\"x12-004010-850-outbound\" direction=\"outbound\">\n"
      "  <selector><when path=\"BEG\"/></selector>\n</map>",
      "partner-850-out.xml", kSource / "maps", all_checks());
  REQUIRE_FALSE(outbound.ok());
  CHECK(outbound.error().code == "mapping.selector.direction");
  CHECK(outbound.error().position.line == 2);
}
