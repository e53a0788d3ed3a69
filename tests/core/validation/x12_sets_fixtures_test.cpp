// The X12 sets added from the pass 4 tables (scripts/schemas/x12_checked.py): for each, an
// interchange of our own (fixtures/x12sets/<version>_<set>.edi) validates through the real
// reader and the shipped schemas, and a copy broken in one element fails at that segment and
// element with the expected code. The break is a fact of the standard the table must hold
// (a mandatory element, a type, a length), not an arbitrary mismatch.
#include "inbound_pass.hpp"
#include "schema/registry.hpp"

#include <edigate/codes.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace edigate;

namespace {

struct Case {
  const char* fixture;  // fixtures/x12sets/<fixture>.edi
  const char* from;     // text replaced (first occurrence) to break the copy
  const char* to;
  std::string_view code;
  const char* tag;
  std::uint32_t element;
  const char* why;
};

const Case kCases[] = {
    {"004010_204", "B2**ACME**LT2026120301**PP~", "B2**ACME**LT2026120301~", codes::element_missing, "B2", 6,
     "B206 shipment method of payment (146) is mandatory"},
    {"004010_210", "*PP**20261207*", "*PP**20261307*", codes::element_invalid_date, "B3", 6, "B306 is a date (373)"},
    {"004010_816", "BHT*0001*00", "BHT*001*00", codes::element_too_short, "BHT", 1,
     "BHT01 hierarchical structure code (1005) is ID 4/4"},
    {"004010_862", "LIN**BP*PN-4471-A", "LIN**BPX*PN-4471-A", codes::element_too_long, "LIN", 2,
     "LIN02 product/service ID qualifier (235) is ID 2/2"},
    {"004010_866", "CTT*1~", "CTT*ONE~", codes::element_invalid_character, "CTT", 1,
     "CTT01 number of line items (354) is N0"},
    {"004010_943", "W27*M*ACME", "W27**ACME", codes::element_missing, "W27", 1,
     "W2701 transportation method (91) is mandatory"},
    {"004010_990", "B1*ACME*LT2026120301*", "B1*ACME**", codes::element_missing, "B1", 2,
     "B102 shipment identification number (145) is mandatory"},
    {"004010_820", "RMR*IV*INV2026-5512**1541.67", "RMR*IV*INV2026-5512**ABC", codes::element_invalid_character, "RMR",
     4, "RMR04 monetary amount (782) is R"},
    {"005010_820", "RMR*IV*INV2026-5512**1541.67", "RMR*IV*INV2026-5512**ABC", codes::element_invalid_character, "RMR",
     4, "RMR04 monetary amount (782) is R"},
    {"004030_820", "ENT*1~", "ENT*ONE~", codes::element_invalid_character, "ENT", 1,
     "ENT01 assigned number (554) is N0"},
    {"004010_830", "*20261207*20270307*20261203~", "*20261207*20270307*~", codes::element_missing, "BFR", 8,
     "BFR08 date forecast generated (373) is mandatory"},
    {"004010_832", "BCT*PC*CAT2026*3", "BCT*PCX*CAT2026*3", codes::element_too_long, "BCT", 1,
     "BCT01 catalog purpose code (683) is ID 2/2"},
    {"004010_846", "BIA*00*MM*INV2026-12", "BIA*00*MM*", codes::element_missing, "BIA", 3,
     "BIA03 reference identification (127) is mandatory"},
    {"005010_830", "*20261207*20270307*20261203~", "*20261207*20270307*~", codes::element_missing, "BFR", 8,
     "BFR08 (373) is mandatory in 005010 too"},
    {"005010_846", "BIA*00*MM*INV2026-12", "BIA*00*MM*", codes::element_missing, "BIA", 3,
     "BIA03 (127) is mandatory in 005010 too"},
    {"004010_860", "POC*1*QI*", "POC*1**", codes::element_missing, "POC", 2,
     "POC02 change or response type code (670) is mandatory"},
    {"004010_865", "BCA*04*AC*PO445122**1*20261201", "BCA*04*AC*PO445122**1*202612", codes::element_too_short, "BCA", 6,
     "BCA06 is a date (373, DT 8/8)"},
    {"005010_860", "BCH*04*SA*PO445122", "BCH*04*SA*", codes::element_missing, "BCH", 3,
     "BCH03 purchase order number (324) is mandatory"},
    {"005010_865", "BCA*04*AC*PO445122", "BCA*04*AC*", codes::element_missing, "BCA", 3,
     "BCA03 purchase order number (324) is mandatory"},
    {"004010_852", "ZA*QS*36*EA", "ZA*QS*36*EACH", codes::element_too_long, "ZA", 3,
     "ZA03 unit or basis for measurement code (355) is ID 2/2"},
    {"005010_852", "XQ*H*20261130", "XQ**20261130", codes::element_missing, "XQ", 1,
     "XQ01 transaction handling code (305) is mandatory"},
    {"004010_947", "W19*AV*-4*CA", "W19*AV**CA", codes::element_missing, "W19", 2,
     "W1902 credit/debit quantity (477) is mandatory"},
    {"005010_947", "W15*20261203*", "W15*20261303*", codes::element_invalid_date, "W15", 1, "W1501 is a date (373)"},
    {"004010_180", "BLI*UP*012345678905*2*EA", "BLI*UP**2*EA", codes::element_missing, "BLI", 2,
     "BLI02 product/service ID (234) is mandatory"},
    {"005010_180", "BGN*00*RMA2026-044*20261203", "BGN*00*RMA2026-044*20261232", codes::element_invalid_date, "BGN", 3,
     "BGN03 is a date (373)"},
    {"005010_753", "OID*PO445122*PO445122**PL*24", "OID*PO445122*PO445122**PALLET*24", codes::element_too_long, "OID",
     4, "OID04 unit or basis for measurement code (355) is ID 2/2, in the second N1 loop (N1_2)"},
    {"005010_832", "BCT*PC*CAT2026*3", "BCT*PCX*CAT2026*3", codes::element_too_long, "BCT", 1,
     "BCT01 catalog purpose code (683) is ID 2/2"},
    {"005010_204", "B2**ACME**LT2026120301**PP~", "B2**ACME**LT2026120301~", codes::element_missing, "B2", 6,
     "B206 (146) is mandatory in 005010 too"},
    {"005010_210", "*PP**20261207*", "*PP**20261307*", codes::element_invalid_date, "B3", 6, "B306 is a date (373)"},
    {"005010_754", "BGN*00*", "BGN**", codes::element_missing, "BGN", 1,
     "BGN01 transaction set purpose code (353) is mandatory"},
    {"005010_816", "BHT*0001*00", "BHT*001*00", codes::element_too_short, "BHT", 1, "BHT01 (1005) is ID 4/4"},
    {"005010_862", "LIN**BP*PN-4471-A", "LIN**BPX*PN-4471-A", codes::element_too_long, "LIN", 2,
     "LIN02 (235) is ID 2/2"},
    {"005010_866", "CTT*1~", "CTT*ONE~", codes::element_invalid_character, "CTT", 1, "CTT01 (354) is N0"},
    {"005010_943", "W27*M*ACME", "W27**ACME", codes::element_missing, "W27", 1, "W2701 (91) is mandatory"},
    {"005010_990", "B1*ACME*", "B1**", codes::element_missing, "B1", 1,
     "B101 standard carrier alpha code (140) is mandatory in 005010 (optional in 004010)"},
    {"004030_810", "BIG*20261207*INV2026-77", "BIG*20261207*", codes::element_missing, "BIG", 2,
     "BIG02 invoice number (76) is mandatory"},
    {"004030_850", "BEG*00*SA*PO445122**20261201", "BEG*00*SA*PO445122**", codes::element_missing, "BEG", 5,
     "BEG05 purchase order date (373) is mandatory"},
    {"004030_855", "BAK*00*AC*PO445122*", "BAK*00*AC**", codes::element_missing, "BAK", 3,
     "BAK03 purchase order number (324) is mandatory"},
    {"004030_856", "*20261204*1200~", "*20261204*12~", codes::element_too_short, "BSN", 4,
     "BSN04 time (337) is TM 4/8"},
    {"004060_810", "BIG*20261207*INV2026-77", "BIG*20261207*", codes::element_missing, "BIG", 2,
     "BIG02 invoice number (76) is mandatory"},
    {"004060_850", "BEG*00*SA*PO445122**20261201", "BEG*00*SA*PO445122**", codes::element_missing, "BEG", 5,
     "BEG05 purchase order date (373) is mandatory"},
    {"004060_855", "BAK*00*AC*PO445122*", "BAK*00*AC**", codes::element_missing, "BAK", 3,
     "BAK03 purchase order number (324) is mandatory"},
    {"004060_856", "*20261204*1200~", "*20261204*12~", codes::element_too_short, "BSN", 4,
     "BSN04 time (337) is TM 4/8"},
    // second sources found in issue 12 (GotWoods/EDDY's segment models)
    {"004010_944", "W07*10*CA", "W07**CA", codes::element_missing, "W07", 1,
     "W0701 quantity received (413) is mandatory"},
    {"005010_944", "W14*10~", "W14*TEN~", codes::element_invalid_character, "W14", 1,
     "W1401 quantity received (413) is R, in the summary after the LX loop"},
    {"004010_861", "BRA*RA2026-31*20261203*00*1~", "BRA*RA2026-31*20261203*00~", codes::element_missing, "BRA", 4,
     "BRA04 receiving advice or acceptance certificate type code (962) is mandatory"},
    {"005010_861", "RCD*1*9*CA", "RCD*1*NINE*CA", codes::element_invalid_character, "RCD", 2,
     "RCD02 quantity units received or accepted (663) is R"},
    {"004010_812", "*15000*C**INV2026-77", "*15000*X**INV2026-77", codes::element_invalid_code, "BCD", 5,
     "BCD05 credit/debit flag code (478) is C or D"},
    {"005010_812", "CDD*01*C*", "CDD*01**", codes::element_missing, "CDD", 2,
     "CDD02 credit/debit flag code (478) is mandatory"},
    {"004030_214", "MS1*COLUMBUS*OH*US~", "MS1*COLUMBUS*OHIO*US~", codes::element_too_long, "MS1", 2,
     "MS102 state or province code (156) is ID 2/2"},
};

struct Outcome {
  std::vector<Error> errors;
  std::size_t transactions = 0;
  bool checked = true;  // every transaction had a schema
};

Outcome validate(const std::string& bytes, const std::string& name) {
  // The one inbound pass in validate-only mode, as `edigate validate` reads the file.
  static schema::Registry schemas({fs::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"});
  auto pass = test::validate_pass("X12", bytes, name, schemas);
  Outcome out;
  for (const auto& e : pass.issues)
    if (!e.is_warning()) out.errors.push_back(e);
  for (const auto& t : pass.transactions) {
    ++out.transactions;
    out.checked = out.checked && t.schema_checked;
  }
  return out;
}

std::string fixture(const char* name) {
  std::ifstream in(
      fs::path(EDIGATE_TEST_DATA_DIR) / "validation" / "fixtures" / "x12sets" / (std::string(name) + ".edi"),
      std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string describe(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

}  // namespace

TEST_CASE("each added X12 set: our interchange validates against its shipped schema", "[x12][schema][sets]") {
  for (const auto& c : kCases) {
    INFO(c.fixture);
    auto out = validate(fixture(c.fixture), c.fixture);
    INFO(describe(out.errors));
    CHECK(out.transactions == 1);
    CHECK(out.checked);
    CHECK(out.errors.empty());
  }
}

TEST_CASE("each added X12 set: a copy broken in one element fails at that segment and element", "[x12][schema][sets]") {
  for (const auto& c : kCases) {
    INFO(c.fixture << ": " << c.why);
    std::string text = fixture(c.fixture);
    auto at = text.find(c.from);
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string(c.from).size(), c.to);
    auto out = validate(text, c.fixture);
    INFO(describe(out.errors));
    bool found = false;
    for (const auto& e : out.errors)
      found = found || (e.code == c.code && e.position.segment_tag == c.tag && e.position.element == c.element &&
                        e.position.has_offset);
    CHECK(found);
  }
}

TEST_CASE("the added X12 sets are listed with the shipped schemas", "[x12][schema][sets]") {
  schema::Registry schemas({fs::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"});
  std::vector<schema::ListedSchema> listed;
  REQUIRE(schemas.list(listed).empty());
  std::set<std::string> x12;
  for (const auto& l : listed)
    if (l.standard == "X12") x12.insert(l.version + "/" + l.set);
  for (const auto& c : kCases) {
    std::string name = c.fixture;
    CHECK(x12.count(name.substr(0, 6) + "/" + name.substr(7)) == 1);
  }
}
