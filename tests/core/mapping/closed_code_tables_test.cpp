// Every code of a closed code list (scripts/schemas/README.md, "Code lists that carry meaning")
// reaches the canonical message through the base map's explicit table: a code with a canonical
// meaning as that meaning, any other as "other" with the code kept beside it, and for a table
// without a default an error naming the code. Never a silent default: before issue 9 a
// cancellation (BEG01=01) or an unknown code reached the ERP as an original order.
#include "mapping_fixture.hpp"

#include "canonical/json_io.hpp"

#include <pugixml.hpp>

#include <functional>
#include <map>

using namespace edigate;
using namespace edigate::test;

namespace {

const Delimiters kX12{'*', '>', 0, 0, '.', "~", "\n", ""};
const Delimiters kEdifact{'+', ':', 0, '?', '.', "'", "\n", ""};

// The codes the shipped schema lists for element `id` (the closed list under test).
std::vector<std::string> closed_codes(const schema::CompiledSchema& s, const std::string& id) {
  for (const auto& e : s.elements)
    if (e.id == id) {
      REQUIRE(e.closed_codes);
      return std::vector<std::string>(s.codes.begin() + e.codes_begin, s.codes.begin() + e.codes_end);
    }
  FAIL("no element " << id);
  return {};
}

mapping::MapPtr base_map(const std::string& rel) {
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/" + rel,
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  if (!map) FAIL(map.error().to_string());
  return map.value();
}

// The map's table `name` (code -> canonical value) and its default, read from the map file.
struct Table {
  std::map<std::string, std::string> entries;
  std::string fallback;  ///< the table's default; empty when it has none
};

Table table_of(const std::string& rel, const std::string& name) {
  pugi::xml_document doc;
  REQUIRE(doc.load_file((std::string(EDIGATE_SOURCE_DIR) + "/maps/base/" + rel).c_str()));
  auto t = doc.child("map").find_child_by_attribute("table", "name", name.c_str());
  REQUIRE(t);
  Table out;
  out.fallback = t.attribute("default").as_string();
  for (auto e : t.children("entry")) out.entries[e.attribute("code").as_string()] = e.attribute("value").as_string();
  return out;
}

// Translates each code's document and checks the field against the table: mapped codes give
// their value, the others the table's default ("other") with the code in `original`.
void check_every_code(const std::string& schema_rel, const std::string& element, const std::string& map_rel,
                      const std::string& table, const std::string& field, const std::string& original,
                      const std::function<std::string(const std::string&)>& document, const Delimiters& d) {
  auto schema = load_test_schema(schema_rel);
  auto map = base_map(map_rel);
  const Table t = table_of(map_rel, table);
  REQUIRE(t.fallback == "other");
  const auto codes = closed_codes(*schema, element);
  REQUIRE(codes.size() > t.entries.size());
  for (const auto& code : codes) {
    INFO(map_rel << " " << element << "=" << code);
    EdiFixture edi(document(code), d);
    mapping::TranslateContext ctx;
    auto r = mapping::translate(*map, *schema, edi.transaction(0), d, ctx);
    if (!r) FAIL(r.error().to_string());
    auto it = t.entries.find(code);
    CHECK(r.value()->getValue<std::string>(field) == (it == t.entries.end() ? "other" : it->second));
    CHECK(r.value()->getValue<std::string>(original) == code);
  }
}

}  // namespace

TEST_CASE("base 004010 850: every 353 code of BEG01 maps by the purpose table or to other with the code kept",
          "[mapping][codes]") {
  check_every_code(
      "plugins/x12/schemas/004010/850.xml", "353", "x12/004010/850.inbound.xml", "purpose", "purpose",
      "original_purpose_code",
      [](const std::string& c) {
        return "ST*850*0001~\nBEG*" + c + "*SA*PO-9**20261120~\nPO1*1*2*EA***VP*W1~\nCTT*1~\nSE*5*0001~\n";
      },
      kX12);
}

TEST_CASE("base 004010 855: every 353 code of BAK01 maps by the purpose table or to other with the code kept",
          "[mapping][codes]") {
  check_every_code(
      "plugins/x12/schemas/004010/855.xml", "353", "x12/004010/855.inbound.xml", "purpose", "purpose",
      "original_purpose_code",
      [](const std::string& c) { return "ST*855*0001~\nBAK*" + c + "*AC*PO-9*20261120~\nCTT*0~\nSE*4*0001~\n"; }, kX12);
}

TEST_CASE("base 004010 810: every 640 code of BIG07 maps by the invoice_type table or to other with the code kept",
          "[mapping][codes]") {
  check_every_code(
      "plugins/x12/schemas/004010/810.xml", "640", "x12/004010/810.inbound.xml", "invoice_type", "invoice_type",
      "original_invoice_type_code",
      [](const std::string& c) {
        return "ST*810*0001~\nBIG*20261120*INV-1**PO-9***" + c +
               "~\nIT1*1*2*EA*1.50**VP*W1~\nTDS*300~\nCTT*1~\nSE*6*0001~\n";
      },
      kX12);
}

TEST_CASE("base 004010 945: every 368 code of W1201 maps by the line_status table or to other with the code kept",
          "[mapping][codes]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/945.xml");
  auto map = base_map("x12/004010/945.inbound.xml");
  const Table t = table_of("x12/004010/945.inbound.xml", "line_status");
  REQUIRE(t.fallback == "other");
  for (const auto& code : closed_codes(*schema, "368")) {
    INFO("W1201=" << code);
    EdiFixture edi(
        "ST*945*0001~\nW06*F*ORD-1*20261120~\nLX*1~\nW12*" + code + "*10*10*0*EA**VN*W1~\nW03*10~\nSE*6*0001~\n", kX12);
    mapping::TranslateContext ctx;
    auto r = mapping::translate(*map, *schema, edi.transaction(0), kX12, ctx);
    if (!r) FAIL(r.error().to_string());
    auto lines = r.value()->getArray("lines");
    REQUIRE(lines);
    auto line = lines->getObject(0);
    auto it = t.entries.find(code);
    CHECK(line->getValue<std::string>("status") == (it == t.entries.end() ? "other" : it->second));
    CHECK(line->getValue<std::string>("original_status_code") == code);
  }
}

TEST_CASE("base D96A ORDERS: every 1225 code of BGM maps by the purpose table or to other with the code kept",
          "[mapping][codes]") {
  check_every_code(
      "plugins/edifact/schemas/D96A/ORDERS.xml", "1225", "edifact/D96A/ORDERS.inbound.xml", "purpose", "purpose",
      "original_purpose_code",
      [](const std::string& c) {
        return "UNH+1+ORDERS:D:96A:UN'\nBGM+220+PO-9+" + c +
               "'\nDTM+137:20261120:102'\nNAD+BY+5412345000013::9'\nLIN+1++4000862141404:EN'\nQTY+21:10'\nUNS+S'\n"
               "UNT+8+1'\n";
      },
      kEdifact);
}

TEST_CASE("base D96A ORDRSP: a 1225 or 1229 code without a canonical meaning is an error naming it, never a default",
          "[mapping][codes]") {
  // The ack_type (BGM 1225) and line_status (LIN 1229) tables have no default: the codes they
  // list map, every other code of the closed list fails the message with the code in `found`.
  auto schema = load_test_schema("plugins/edifact/schemas/D96A/ORDRSP.xml");
  auto map = base_map("edifact/D96A/ORDRSP.inbound.xml");
  auto doc = [](const std::string& function, const std::string& action) {
    return "UNH+1+ORDRSP:D:96A:UN'\nBGM+231+RSP-1+" + function +
           "'\nDTM+137:20261120:102'\nRFF+ON:PO-9'\nNAD+BY+5412345000013::9'\nLIN+1+" + action +
           "+4000862141404:EN'\nQTY+21:10'\nUNS+S'\nUNT+9+1'\n";
  };
  for (auto [element, table] : {std::pair<std::string, std::string>{"1225", "ack_type"}, {"1229", "line_status"}}) {
    const Table t = table_of("edifact/D96A/ORDRSP.inbound.xml", table);
    REQUIRE(t.fallback.empty());
    for (const auto& code : closed_codes(*schema, element)) {
      INFO(element << "=" << code);
      EdiFixture edi(element == "1225" ? doc(code, "5") : doc("29", code), kEdifact);
      mapping::TranslateContext ctx;
      auto r = mapping::translate(*map, *schema, edi.transaction(0), kEdifact, ctx);
      if (t.entries.count(code)) {
        CHECK(r.ok());
      } else {
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "mapping.table.unmapped");
        CHECK(r.error().found == code);
      }
    }
  }
}
