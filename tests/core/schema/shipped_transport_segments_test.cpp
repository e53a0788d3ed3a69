// Transport-detail segments closed from OMITTED (ETD, V1/R4, W6) and the W05 link-number order:
// each element number was accepted only where the X12 dictionary entry's type and length equal
// the reference record at that position (scripts/schemas/README.md). Each case names a fact
// the shipped schemas did not encode before.
#include "schema_test_support.hpp"

#include <edigate/codes.hpp>

#include <cstdint>
#include <filesystem>

using edigate::test::describe;
using edigate::test::tokenize;
namespace codes = edigate::codes;

namespace {

std::vector<edigate::Error> x12(const std::string& rel, const std::string& text) {
  return edigate::test::check_shipped("x12/schemas/" + rel, text, edigate::Delimiters::x12_default());
}

// The error with this code on this segment, and at this element position.
bool has(const std::vector<edigate::Error>& errors, std::string_view code, std::string_view tag,
         std::uint32_t element) {
  return edigate::test::has_error(errors, code, tag, element);
}

// 856 shipment HL with an ETD (after SDQ) and a vessel loop closing the HL.
std::string asn(const std::string& etd, const std::string& v1_loop) {
  return "ST*856*0001~BSN*00*SHIP1*20240101*1200~HL*1**S~SDQ*EA*92*STORE1*10~" + etd + v1_loop + "HL*2*1*O~SE*9*0001~";
}

const std::string kVessel =
    "V1*9321483*KING OF THE SEAS*US*V042E*MAEU*1*CC*C*S~R4*L*UN*USNYC*NEW YORK*US*MAHER*12*NY~"
    "DTM*369*20240110~";

}  // namespace

TEST_CASE("856: ETD after SDQ and the V1 vessel loop (R4, DTM) validate", "[schema][shipped][x12][856]") {
  for (const char* version : {"004010/856.xml", "005010/856.xml"}) {
    auto errors = x12(version, asn("ETD*ZZ*A*AE*AUTH77*C~", kVessel));
    INFO(version << "\n" << describe(errors));
    CHECK(errors.empty());
  }
}

TEST_CASE("856: ETD01 is 1-2 characters (626)", "[schema][shipped][x12][856]") {
  auto errors = x12("004010/856.xml", asn("ETD*ABC*A~", ""));
  INFO(describe(errors));
  CHECK(has(errors, codes::element_too_long, "ETD", 1));
}

TEST_CASE("856: V102 vessel name is at least 2 characters (182)", "[schema][shipped][x12][856]") {
  auto errors = x12("004010/856.xml", asn("", "V1**K~"));
  INFO(describe(errors));
  CHECK(has(errors, codes::element_too_short, "V1", 2));
}

TEST_CASE("R4 needs its port function code (R401, 115) and R407 pier is at most 4", "[schema][shipped][x12][856]") {
  auto missing = x12("005010/856.xml", asn("", "V1*9321483~R4**UN*USNYC~"));
  INFO(describe(missing));
  CHECK(has(missing, codes::element_missing, "R4", 1));
  auto pier = x12("004010/856.xml", asn("", "V1*9321483~R4*L******PIER9~"));
  INFO(describe(pier));
  CHECK(has(pier, codes::element_too_long, "R4", 7));
}

TEST_CASE("810: V1 loop in the heading (after N9) and in the IT1 loop (after LM)", "[schema][shipped][x12][810]") {
  const std::string text = "ST*810*0001~BIG*20240101*INV1~N9*ZZ*X~MSG*NOTE~" + kVessel + "IT1*1*10*EA*2.5~" + kVessel +
                           "TDS*2500~SE*13*0001~";
  for (const char* version : {"004010/810.xml", "005010/810.xml"}) {
    auto errors = x12(version, text);
    INFO(version << "\n" << describe(errors));
    CHECK(errors.empty());
  }
}

TEST_CASE("940: W6 after W66, once in 004010 and up to 5 times in 005010", "[schema][shipped][x12][940]") {
  const std::string text = "ST*940*0001~W05*N*ORD1~N1*ST*ACME~W66*PP*M~W6*HM*PER~W6*FRZ~W76*10~SE*8*0001~";
  auto v4 = x12("004010/940.xml", text);
  INFO(describe(v4));
  CHECK(has(v4, codes::segment_too_many, "W6", 0));
  auto v5 = x12("005010/940.xml", text);
  INFO(describe(v5));
  CHECK(v5.empty());
}

TEST_CASE("W6 special handling codes (152) are 2-3 characters", "[schema][shipped][x12][940]") {
  auto errors = x12("004010/940.xml", "ST*940*0001~W05*N*ORD1~N1*ST*ACME~W6*HM*PERI~W76*10~SE*6*0001~");
  INFO(describe(errors));
  CHECK(has(errors, codes::element_too_long, "W6", 2));
}

TEST_CASE("945: W6 after W27 in the heading and R4 in the W12 loop", "[schema][shipped][x12][945]") {
  const std::string text =
      "ST*945*0001~W06*F*ORD1~N1*ST*ACME~W27*M*ABCD~W6*HM~LX*1~"
      "W12*CC*10*10*0*EA**VN*ABC~AMT*1*10~R4*D*UN*USNYC~W27*M*ABCD~W03*10~SE*12*0001~";
  for (const char* version : {"004010/945.xml", "005010/945.xml"}) {
    auto errors = x12(version, text);
    INFO(version << "\n" << describe(errors));
    CHECK(errors.empty());
  }
}

TEST_CASE("W05: W0504 is the 6-digit link sequence number, W0505 the master reference", "[schema][shipped][x12][940]") {
  const std::string good = "ST*940*0001~W05*N*538686**001001*538686~N1*ST*ACME~W76*10~SE*5*0001~";
  for (const char* version : {"004010/940.xml", "005010/940.xml"}) {
    auto errors = x12(version, good);
    INFO(version << "\n" << describe(errors));
    CHECK(errors.empty());
  }
  // a master reference in position 4 is neither numeric nor 6 long
  auto swapped = x12("004010/940.xml", "ST*940*0001~W05*N*538686**MASTER-REF-1*001001~N1*ST*ACME~W76*10~SE*5*0001~");
  INFO(describe(swapped));
  CHECK((has(swapped, codes::element_invalid_character, "W05", 4) || has(swapped, codes::element_too_long, "W05", 4)));
}

// Syntax notes of the published layouts, enforced now that the reference records show every
// position they name as optional: ETD P0304, V1 R0102 C0801, R4 P0203 (both versions).
TEST_CASE("ETD P0304: a reference qualifier needs its reference number", "[schema][shipped][x12][856][rules]") {
  for (const char* version : {"004010/856.xml", "005010/856.xml"}) {
    auto errors = x12(version, asn("ETD*ZZ*A*AE~", ""));
    INFO(version << "\n" << describe(errors));
    CHECK(has(errors, codes::element_conditional, "ETD", 4));
  }
}

TEST_CASE("V1 R0102: a vessel code or name is required, C0801: V108 needs V101", "[schema][shipped][x12][856][rules]") {
  for (const char* version : {"004010/856.xml", "005010/856.xml"}) {
    auto neither = x12(version, asn("", "V1***US~"));
    INFO(version << "\n" << describe(neither));
    CHECK(has(neither, codes::element_conditional, "V1", 1));
    auto source = x12(version, asn("", "V1**KING OF THE SEAS******C~"));
    INFO(describe(source));
    CHECK(has(source, codes::element_conditional, "V1", 1));
    CHECK(x12(version, asn("", "V1**KING OF THE SEAS~")).empty());
  }
}

TEST_CASE("R4 P0203: a location qualifier needs its location identifier", "[schema][shipped][x12][856][rules]") {
  for (const char* version : {"004010/856.xml", "005010/856.xml"}) {
    auto errors = x12(version, asn("", "V1*9321483~R4*L*UN~"));
    INFO(version << "\n" << describe(errors));
    CHECK(has(errors, codes::element_conditional, "R4", 3));
  }
}

// 005010 element additions (reference record + published layout at that position).
TEST_CASE("005010 W05 has an eighth element, the purchase order type code (92, ID 2/2)",
          "[schema][shipped][x12][940]") {
  const std::string text = "ST*940*0001~W05*N*538686******SA~N1*ST*ACME~W76*10~SE*5*0001~";
  auto v5 = x12("005010/940.xml", text);
  INFO(describe(v5));
  CHECK(v5.empty());
  auto long_code = x12("005010/940.xml", "ST*940*0001~W05*N*538686******SAX~N1*ST*ACME~W76*10~SE*5*0001~");
  INFO(describe(long_code));
  CHECK(has(long_code, codes::element_too_long, "W05", 8));
  auto v4 = x12("004010/940.xml", text);  // 004010 W05 ends at W0507
  INFO(describe(v4));
  CHECK(has(v4, codes::element_too_many, "W05", 8));
}

TEST_CASE("005010 MS1 has an eighth element, the postal code (116, ID 3/15)", "[schema][shipped][x12][214]") {
  auto status = [](const std::string& ms1) {
    return "ST*214*0001~B10*PRO123*SHIP456*SCAC~LX*1~AT7*X1*NS***20240105*1200~" + ms1 + "~SE*6*0001~";
  };
  auto good = x12("005010/214.xml", status("MS1*CHICAGO*IL******60601"));
  INFO(describe(good));
  CHECK(good.empty());
  auto short_code = x12("005010/214.xml", status("MS1*CHICAGO*IL******60"));
  INFO(describe(short_code));
  CHECK(has(short_code, codes::element_too_short, "MS1", 8));
  auto lonlat = x12("005010/214.xml", status("MS1****0874000"));  // MS1 P0405 still holds
  INFO(describe(lonlat));
  CHECK(has(lonlat, codes::element_conditional, "MS1", 5));
}

// W01 ends at W0116 (P1516 pair) in 004010 and 005010: both reference records have 16
// positions; Special Services Code (560) as a 17th appears only in later releases.
TEST_CASE("W01 has 16 elements in 004010 and 005010", "[schema][shipped][x12][940]") {
  const std::string w01 = "W01*10*CA**VN*ABC123*UP*012345678905*70**Z*1234*005004*LOT1*01*SK*SKU1";
  for (const char* version : {"004010/940.xml", "005010/940.xml"}) {
    auto sixteen = x12(version, "ST*940*0001~W05*N*ORD1~N1*ST*ACME~LX*1~" + w01 + "~W76*10~SE*7*0001~");
    INFO(version << "\n" << describe(sixteen));
    CHECK(sixteen.empty());
    auto seventeen = x12(version, "ST*940*0001~W05*N*ORD1~N1*ST*ACME~LX*1~" + w01 + "*SC~W76*10~SE*7*0001~");
    INFO(describe(seventeen));
    CHECK(has(seventeen, codes::element_too_many, "W01", 17));
  }
}

// Pass 4 closed 005010 LH2 and LFH (README.md): their 004010 positions are in, the trailing
// positions 005010 added have no second source and are left off.
TEST_CASE("005010 856: LH2 and LFH in the LH1 loop validate, an LH2 twelfth element is refused",
          "[schema][shipped][x12][856]") {
  const std::string head = "ST*856*0001~BSN*00*SHIP1*20240101*1200~HL*1**S~LH1*EA*1*UN1993~";
  auto ok = x12("005010/856.xml", head + "LH2*3*I~LFH*TEC*FLAMMABLE LIQUID~SE*7*0001~");
  INFO(describe(ok));
  CHECK(ok.empty());
  auto extra = x12("005010/856.xml", head + "LH2*3***********X~SE*6*0001~");
  INFO(describe(extra));
  CHECK(has(extra, codes::element_too_many, "LH2", 12));
}
