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
  auto path = std::filesystem::path(EDIGATE_SOURCE_DIR) / "plugins" / "x12" / "schemas" / rel;
  auto schema = edigate::schema::load_schema(path);
  if (!schema) FAIL("shipped schema " << rel << " does not load: " << schema.error().to_string());
  const auto d = edigate::Delimiters::x12_default();
  auto t = tokenize(text, d);
  std::vector<edigate::Error> out;
  edigate::schema::validate(**schema, t->segments, d, "t.edi", out);
  return out;
}

// The error with this code on this segment, and at this element position.
bool has(const std::vector<edigate::Error>& errors, std::string_view code, std::string_view tag, std::uint32_t element) {
  for (const auto& e : errors)
    if (e.code == code && e.position.segment_tag == tag && e.position.element == element) return true;
  return false;
}

// 856 shipment HL with an ETD (after SDQ) and a vessel loop closing the HL.
std::string asn(const std::string& etd, const std::string& v1_loop) {
  return "ST*856*0001~BSN*00*SHIP1*20240101*1200~HL*1**S~SDQ*EA*92*STORE1*10~" + etd + v1_loop +
         "HL*2*1*O~SE*9*0001~";
}

const std::string kVessel = "V1*9321483*KING OF THE SEAS*US*V042E*MAEU*1*CC*C*S~R4*L*UN*USNYC*NEW YORK*US*MAHER*12*NY~"
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
  const std::string text = "ST*810*0001~BIG*20240101*INV1~N9*ZZ*X~MSG*NOTE~" + kVessel +
                           "IT1*1*10*EA*2.5~" + kVessel + "TDS*2500~SE*13*0001~";
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
  const std::string text = "ST*945*0001~W06*F*ORD1~N1*ST*ACME~W27*M*ABCD~W6*HM~LX*1~"
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
