// Code lists that carry meaning (purpose, transaction type, shipment status, message function,
// response type, action), closed where two independent sources give the version's whole list
// (scripts/schemas/README.md, "Code lists that carry meaning"). Each case checks that the shipped
// schema holds the whole list (its size, from the sources), that every listed code validates in
// the element's segment, and that a code outside the list fails at that element's position.
#include "schema_test_support.hpp"

#include <edigate/codes.hpp>

#include <pugixml.hpp>

#include <filesystem>
#include <functional>
#include <sstream>

using edigate::test::describe;
using edigate::test::tokenize;
namespace codes = edigate::codes;

namespace {

std::filesystem::path plugin_file(const std::string& rel) {
  return std::filesystem::path(EDIGATE_SOURCE_DIR) / "plugins" / rel;
}

// The codes the shipped schema file lists for element `id`, and whether it marks them open.
struct CodeList {
  std::vector<std::string> values;
  bool open = false;
};

// A generated message names its directory's dictionary (dictionary="dictionary.xml"), which holds
// the element with its codes in the compact form (<codes>1 2 3</codes>); a hand-checked file holds
// them itself as <code value=.../> children.
CodeList listed_codes(const std::string& rel, const std::string& id) {
  pugi::xml_document doc;
  auto loaded = doc.load_file(plugin_file(rel).c_str());
  if (!loaded) FAIL(rel << ": " << loaded.description());
  pugi::xml_node elements = doc.child("schema").child("elements");
  pugi::xml_document dict;
  if (const char* name = doc.child("schema").attribute("dictionary").as_string(); *name) {
    auto file = plugin_file(rel).parent_path() / name;
    auto dict_loaded = dict.load_file(file.c_str());
    if (!dict_loaded) FAIL(file << ": " << dict_loaded.description());
    elements = dict.child("dictionary").child("elements");
  }
  CodeList out;
  auto element = elements.find_child_by_attribute("element", "id", id.c_str());
  if (!element) FAIL(rel << " has no element " << id);
  out.open = std::string_view(element.attribute("codes").as_string()) == "open";
  for (auto code : element.children("code")) out.values.emplace_back(code.attribute("value").as_string());
  std::istringstream compact(element.child_value("codes"));
  for (std::string code; compact >> code;) out.values.push_back(code);
  return out;
}

std::vector<edigate::Error> validate(const std::string& rel, const std::string& text, const edigate::Delimiters& d) {
  auto schema = edigate::schema::load_schema(plugin_file(rel));
  if (!schema) FAIL(rel << " does not load: " << schema.error().to_string());
  auto t = tokenize(text, d);
  std::vector<edigate::Error> out;
  edigate::schema::validate(**schema, t->segments, d, "t.edi", out);
  return out;
}

struct Case {
  std::string schema;      // under plugins/
  std::string element;     // data element id
  std::size_t size;        // codes in the version's list (both sources)
  std::string tag;         // segment that carries it in the document below
  std::uint32_t position;  // element position in that segment
  std::function<std::string(const std::string&)> document;
  bool edifact = false;
};

void check_closed(const Case& c) {
  INFO(c.schema << " element " << c.element << " in " << c.tag);
  auto d = c.edifact ? edigate::Delimiters::edifact_default() : edigate::Delimiters::x12_default();
  auto list = listed_codes(c.schema, c.element);
  CHECK_FALSE(list.open);
  CHECK(list.values.size() == c.size);
  for (const auto& code : list.values) {
    auto errors = validate(c.schema, c.document(code), d);
    INFO(code << ": " << describe(errors));
    CHECK(errors.empty());
  }
  auto errors = validate(c.schema, c.document("Z9"), d);
  INFO("Z9: " << describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::element_invalid_code);
  CHECK(errors[0].position.segment_tag == c.tag);
  CHECK(errors[0].position.element == c.position);
  CHECK(errors[0].found == "Z9");
}

std::string x12_850(const std::string& purpose) {
  return "ST*850*0001~BEG*" + purpose + "*SA*PO1**20240101~PO1*1*10*EA*2.5**VP*ABC~CTT*1~SE*5*0001~";
}
std::string x12_855(const std::string& purpose) {
  return "ST*855*0001~BAK*" + purpose + "*AC*PO1*20240101~CTT*0~SE*4*0001~";
}
std::string x12_856(const std::string& purpose) {
  return "ST*856*0001~BSN*" + purpose + "*SHIP1*20240101*1200~HL*1**S~HL*2*1*O~CTT*2~SE*6*0001~";
}
std::string x12_810(const std::string& type) {
  return "ST*810*0001~BIG*20240101*INV1**PO1***" + type + "~IT1*1*10*EA*2.5~TDS*2500~CTT*1~SE*6*0001~";
}
std::string x12_945(const std::string& status) {
  return "ST*945*0001~W06*F*ORD1~N1*ST*ACME~LX*1~W12*" + status + "*10*10*0*EA**VN*ABC~W03*10~SE*7*0001~";
}
std::string orders_bgm(const std::string& function, const std::string& response) {
  return "UNH+1+ORDERS:D:96A:UN'BGM+220+PO1+" + function + (response.empty() ? "" : "+" + response) +
         "'DTM+137:20240101:102'NAD+BY+5412345000013::9'LIN+1++4000862141404:EN'QTY+21:10'UNS+S'UNT+8+1'";
}
std::string orders_lin(const std::string& action) {
  return "UNH+1+ORDERS:D:96A:UN'BGM+220+PO1+9'DTM+137:20240101:102'NAD+BY+5412345000013::9'LIN+1+" + action +
         "+4000862141404:EN'QTY+21:10'UNS+S'UNT+8+1'";
}

}  // namespace

TEST_CASE("004010 353 purpose is closed: BEG01, BAK01 and BSN01 accept its 65 codes only", "[schema][shipped][codes]") {
  check_closed({"x12/schemas/004010/850.xml", "353", 65, "BEG", 1, x12_850});
  check_closed({"x12/schemas/004010/855.xml", "353", 65, "BAK", 1, x12_855});
  check_closed({"x12/schemas/004010/856.xml", "353", 65, "BSN", 1, x12_856});
}

TEST_CASE("004010 640 transaction type is closed: BIG07 accepts its 446 codes only", "[schema][shipped][codes]") {
  check_closed({"x12/schemas/004010/810.xml", "640", 446, "BIG", 7, x12_810});
}

TEST_CASE("004010 368 shipment/order status is closed: W1201 accepts its 102 codes only", "[schema][shipped][codes]") {
  check_closed({"x12/schemas/004010/945.xml", "368", 102, "W12", 1, x12_945});
}

TEST_CASE("005010 keeps 353, 640 and 368 open: no second source gives the 005010 lists", "[schema][shipped][codes]") {
  auto d = edigate::Delimiters::x12_default();
  CHECK(listed_codes("x12/schemas/005010/850.xml", "353").open);
  auto purpose = validate("x12/schemas/005010/850.xml", x12_850("Z9"), d);
  INFO(describe(purpose));
  for (const auto& e : purpose) CHECK(e.code != codes::element_invalid_code);
}

// Since the switch to the generated tables these lists are BizTalk's D96A/D01B lists; they agree
// code for code with php-edifact's UNCL and the UN directory text (scripts/schemas/README.md).
TEST_CASE("D96A 1225, 4343 and 1229 are closed: BGM and LIN accept the D96A codes only", "[schema][shipped][codes]") {
  check_closed({"edifact/schemas/D96A/ORDERS.xml", "1225", 54, "BGM", 3,
                [](const std::string& c) { return orders_bgm(c, ""); }, true});
  check_closed({"edifact/schemas/D96A/ORDERS.xml", "4343", 12, "BGM", 4,
                [](const std::string& c) { return orders_bgm("9", c); }, true});
  check_closed({"edifact/schemas/D96A/ORDERS.xml", "1229", 24, "LIN", 2, orders_lin, true});
  // D96A ends at 54 / 24: a D01B-only code is outside the D96A list.
  auto d = edigate::Delimiters::edifact_default();
  auto later = validate("edifact/schemas/D96A/ORDERS.xml", orders_bgm("55", ""), d);
  INFO(describe(later));
  CHECK(later.size() == 1);
}

TEST_CASE("D01B 1229 ends at 110 as both sources give it, 1225 and 4343 stay closed", "[schema][shipped][codes]") {
  CHECK(listed_codes("edifact/schemas/D01B/ORDERS.xml", "1229").values.size() == 110);
  CHECK(listed_codes("edifact/schemas/D01B/ORDERS.xml", "1225").values.size() == 65);
  CHECK(listed_codes("edifact/schemas/D01B/ORDERS.xml", "4343").values.size() == 23);
  CHECK_FALSE(listed_codes("edifact/schemas/D01B/ORDERS.xml", "1229").open);
}

namespace {

// An IFTSTA with one consignment status: reason (9013) in STS element 3, the status's place
// (3227) in LOC element 1.
std::string iftsta(const std::string& version, const std::string& reason, const std::string& place) {
  return "UNH+1+IFTSTA:D:" + version.substr(1) + ":UN'BGM+23+ST1+9'CNI+1+SHP1'STS+1+21+" + reason +
         "'DTM+334:202606030705:203'LOC+" + place + "+BEGNE'UNT+7+1'";
}

}  // namespace

// The hand-checked IFTSTA left 9013 and 3227 open; the generated tables close them, and the UN
// element directory text (D96A/D01B simples/9013.txt, 3227.txt) lists the same codes, none more.
TEST_CASE("D96A and D01B 9013 and 3227 are closed: STS and LOC accept the directory's codes only",
          "[schema][shipped][codes][iftsta]") {
  check_closed({"edifact/schemas/D96A/IFTSTA.xml", "9013", 65, "STS", 3,
                [](const std::string& c) { return iftsta("D96A", c, "7"); }, true});
  check_closed({"edifact/schemas/D96A/IFTSTA.xml", "3227", 159, "LOC", 1,
                [](const std::string& c) { return iftsta("D96A", "52", c); }, true});
  check_closed({"edifact/schemas/D01B/IFTSTA.xml", "9013", 105, "STS", 3,
                [](const std::string& c) { return iftsta("D01B", c, "175"); }, true});
  check_closed({"edifact/schemas/D01B/IFTSTA.xml", "3227", 231, "LOC", 1,
                [](const std::string& c) { return iftsta("D01B", "52", c); }, true});
  // 175 (activity location) came after D96A; our old fixtures' 9013 Z01 is in neither list.
  auto d = edigate::Delimiters::edifact_default();
  auto later = validate("edifact/schemas/D96A/IFTSTA.xml", iftsta("D96A", "52", "175"), d);
  INFO(describe(later));
  REQUIRE(later.size() == 1);
  CHECK(later[0].code == codes::element_invalid_code);
  auto mutual = validate("edifact/schemas/D01B/IFTSTA.xml", iftsta("D01B", "Z01", "175"), d);
  INFO(describe(mutual));
  REQUIRE(mutual.size() == 1);
  CHECK(mutual[0].found == "Z01");
}
