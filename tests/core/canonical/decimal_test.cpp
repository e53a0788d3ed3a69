// Decimal strings: canonical form, implied decimals both ways, JSON numbers, positioned errors.
#include "canonical/decimal.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace edigate;
using namespace edigate::canonical;

namespace {

Position po1_element(std::uint32_t element) {
  Position p;
  p.file = "po.edi";
  p.segment_index = 12;
  p.segment_tag = "PO1";
  p.element = element;
  return p;
}

std::string ok(Result<std::string> r) {
  INFO((r.ok() ? std::string() : r.error().to_string()));
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("normalize_decimal strips leading zeros and signs but keeps the scale", "[canonical][decimal]") {
  CHECK(ok(normalize_decimal("0012.50")) == "12.50");
  CHECK(ok(normalize_decimal("12.50")) == "12.50");
  CHECK(ok(normalize_decimal("+3")) == "3");
  CHECK(ok(normalize_decimal(".5")) == "0.5");
  CHECK(ok(normalize_decimal("5.")) == "5");
  CHECK(ok(normalize_decimal("12,5")) == "12.5");  // EDIFACT decimal comma
  CHECK(ok(normalize_decimal("-12.30")) == "-12.30");
  CHECK(ok(normalize_decimal("-0")) == "0");
  CHECK(ok(normalize_decimal("-0.00")) == "0.00");
  CHECK(ok(normalize_decimal("000")) == "0");
  CHECK(ok(normalize_decimal("-000.10")) == "-0.10");
}

TEST_CASE("normalize_decimal rejects what is not a plain decimal, with the position", "[canonical][decimal]") {
  for (const char* bad : {"", "-", "+", ".", ",", "1E3", "1e3", "1.2.3", "1,2.3", " 12", "12 ", "nan", "inf", "0x1F",
                          "--1", "1-", "١٢"}) {
    INFO("input \"" << bad << "\"");
    auto r = normalize_decimal(bad, po1_element(4));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "canonical.decimal.invalid");
    CHECK(r.error().position.segment_tag == "PO1");
    CHECK(r.error().position.element == 4);
    CHECK(r.error().found == bad);
  }
  auto too_long = normalize_decimal(std::string(kMaxDecimalLength + 1, '9'));
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.error().code == "canonical.decimal.invalid");
  CHECK(normalize_decimal(std::string(kMaxDecimalLength, '9')).ok());
}

TEST_CASE("is_canonical_decimal matches the schema pattern", "[canonical][decimal]") {
  CHECK(is_canonical_decimal("0"));
  CHECK(is_canonical_decimal("12.50"));
  CHECK(is_canonical_decimal("-0.05"));
  CHECK_FALSE(is_canonical_decimal("012"));
  CHECK_FALSE(is_canonical_decimal("1."));
  CHECK_FALSE(is_canonical_decimal(".5"));
  CHECK_FALSE(is_canonical_decimal("+1"));
  CHECK_FALSE(is_canonical_decimal("1,5"));
  CHECK_FALSE(is_canonical_decimal(""));
}

TEST_CASE("decimal_from_implied places the implied decimal point (X12 Nn)", "[canonical][decimal]") {
  CHECK(ok(decimal_from_implied("12345", 2)) == "123.45");
  CHECK(ok(decimal_from_implied("5", 2)) == "0.05");
  CHECK(ok(decimal_from_implied("-0050", 2)) == "-0.50");
  CHECK(ok(decimal_from_implied("7", 0)) == "7");
  CHECK(ok(decimal_from_implied("000", 2)) == "0.00");
  CHECK(ok(decimal_from_implied("-0", 2)) == "0.00");
  CHECK(ok(decimal_from_implied("100", 3)) == "0.100");
  CHECK(ok(decimal_from_implied("1234", 4)) == "0.1234");
}

TEST_CASE("decimal_from_implied rejects non-digits and absurd scales", "[canonical][decimal]") {
  for (const char* bad : {"", "-", "12a", "1.5", "+5", " 5"}) {
    INFO("input \"" << bad << "\"");
    auto r = decimal_from_implied(bad, 2, po1_element(2));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "canonical.decimal.invalid");
    CHECK(r.error().position.element == 2);
  }
  auto scale = decimal_from_implied("1", kMaxImpliedScale + 1);
  REQUIRE_FALSE(scale.ok());
  CHECK(scale.error().code == "canonical.decimal.scale");
}

TEST_CASE("decimal_to_implied never rounds an amount silently", "[canonical][decimal]") {
  CHECK(ok(decimal_to_implied("123.45", 2)) == "12345");
  CHECK(ok(decimal_to_implied("1.5", 2)) == "150");
  CHECK(ok(decimal_to_implied("-0.05", 2)) == "-5");
  CHECK(ok(decimal_to_implied("1.230", 2)) == "123");
  CHECK(ok(decimal_to_implied("0", 2)) == "0");
  CHECK(ok(decimal_to_implied("12", 0)) == "12");
  auto lossy = decimal_to_implied("1.234", 2, po1_element(4));
  REQUIRE_FALSE(lossy.ok());
  CHECK(lossy.error().code == "canonical.decimal.precision");
  CHECK(lossy.error().found == "1.234");
  CHECK_FALSE(decimal_to_implied("abc", 2).ok());
}

TEST_CASE("decimal_from_json_number writes the shortest exact text, never float noise", "[canonical][decimal]") {
  CHECK(ok(decimal_from_json_number(12.5)) == "12.5");
  CHECK(ok(decimal_from_json_number(0.1)) == "0.1");  // not 0.1000000000000000055511151231257827
  CHECK(ok(decimal_from_json_number(3.0)) == "3");
  CHECK(ok(decimal_from_json_number(-0.0)) == "0");
  CHECK(ok(decimal_from_json_number(182.4)) == "182.4");
  auto nan = decimal_from_json_number(std::nan(""));
  REQUIRE_FALSE(nan.ok());
  CHECK(nan.error().code == "canonical.decimal.invalid");
  CHECK_FALSE(decimal_from_json_number(std::numeric_limits<double>::infinity()).ok());
  CHECK_FALSE(decimal_from_json_number(1e300).ok());  // longer than kMaxDecimalLength
}
