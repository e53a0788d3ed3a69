// Element-level checks: usage, counts, repetitions, composites, types, lengths, codes, rules.
#include "schema/value_check.hpp"
#include "schema_test_support.hpp"

#include <edigate/codes.hpp>

using edigate::Error;
using edigate::test::check_edifact;
using edigate::test::check_x12;
using edigate::test::describe;
namespace codes = edigate::codes;

namespace {

/// Validates one segment placed in a conforming 850: `segment` replaces the segment with the
/// same tag in the template below (or goes after the PO1 line when it is an MEA/AMT/CTT one).
std::vector<Error> x12_with(const std::string& segment) {
  std::string tag = segment.substr(0, segment.find('*'));
  std::string st = "ST*850*0001", beg = "BEG*00*SA*PO1*20240101", ref = "REF*IA*12345", dtm = "DTM*002*20240115";
  std::string n1 = "N1*ST*ACME", n3 = "N3*1 MAIN ST", po1 = "PO1*1*10*EA*2.5*VP*ABC", extra, ctt = "CTT*2";
  if (tag == "ST")
    st = segment;
  else if (tag == "BEG")
    beg = segment;
  else if (tag == "REF")
    ref = segment;
  else if (tag == "DTM")
    dtm = segment;
  else if (tag == "N1")
    n1 = segment;
  else if (tag == "N3")
    n3 = segment;
  else if (tag == "PO1")
    po1 = segment;
  else if (tag == "CTT")
    ctt = segment;
  else if (tag == "AMT")
    extra = "~N1*SE*X~" + segment;
  else
    extra = "~" + segment;
  return check_x12(st + "~" + beg + "~" + ref + "~" + dtm + "~" + n1 + "~" + n3 + "~" + po1 + extra + "~" + ctt +
                   "~SE*10*0001~");
}

/// The single error of a check, with its position and values.
Error only(const std::vector<Error>& errors) {
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  return errors[0];
}

}  // namespace

TEST_CASE("an invalid code in a closed list is reported with the list", "[schema][element]") {
  const Error e = only(x12_with("BEG*07*SA*PO1*20240101"));
  CHECK(e.code == codes::element_invalid_code);
  CHECK(e.position.segment_tag == "BEG");
  CHECK(e.position.segment_index == 2);
  CHECK(e.position.element == 1);
  CHECK(e.found == "07");
  CHECK(e.expected == "one of 00, 01, 05");
}

TEST_CASE("an open code list accepts any value of the right type", "[schema][element]") {
  auto errors = x12_with("BEG*00*ZZ*PO1*20240101");
  INFO(describe(errors));
  CHECK(errors.empty());
}

TEST_CASE("lengths are checked against min and max", "[schema][element]") {
  const Error long_po = only(x12_with("BEG*00*SA*12345678901234567890123*20240101"));
  CHECK(long_po.code == codes::element_too_long);
  CHECK(long_po.position.element == 3);
  CHECK(long_po.expected == "at most 22 characters");
  CHECK(long_po.found == "12345678901234567890123");
  const Error short_ctl = only(x12_with("ST*850*001"));
  CHECK(short_ctl.code == codes::element_too_short);
  CHECK(short_ctl.position.element == 2);
  CHECK(short_ctl.expected == "at least 4 characters");
}

TEST_CASE("dates must be real CCYYMMDD calendar dates", "[schema][element][date]") {
  CHECK(x12_with("BEG*00*SA*PO1*20240229").empty());  // leap year
  const Error feb = only(x12_with("BEG*00*SA*PO1*20230229"));
  CHECK(feb.code == codes::element_invalid_date);
  CHECK(feb.expected == "date CCYYMMDD");
  CHECK(feb.found == "20230229");
  CHECK(feb.position.element == 4);
  CHECK(only(x12_with("BEG*00*SA*PO1*20241301")).code == codes::element_invalid_date);
  CHECK(only(x12_with("BEG*00*SA*PO1*19000229")).code == codes::element_invalid_date);
  CHECK(x12_with("BEG*00*SA*PO1*20000229").empty());
  CHECK(only(x12_with("BEG*00*SA*PO1*2024-1-1")).code == codes::element_invalid_character);
  CHECK(edigate::schema::valid_date("240229"));
  CHECK_FALSE(edigate::schema::valid_date("230229"));
  CHECK_FALSE(edigate::schema::valid_date("240431"));
}

TEST_CASE("times must be HHMM, HHMMSS, HHMMSSd or HHMMSSdd", "[schema][element][time]") {
  CHECK(x12_with("DTM*002*20240115*1230").empty());
  CHECK(x12_with("DTM*002*20240115*235959").empty());
  CHECK(x12_with("DTM*002*20240115*23595999").empty());
  const Error e = only(x12_with("DTM*002*20240115*2460"));
  CHECK(e.code == codes::element_invalid_time);
  CHECK(e.position.element == 3);
  CHECK(e.found == "2460");
  CHECK(only(x12_with("DTM*002*20240115*12306")).code == codes::element_invalid_time);
  CHECK(only(x12_with("DTM*002*20240115*2400")).code == codes::element_invalid_time);
}

TEST_CASE("N and R values: sign and decimal point are not counted", "[schema][element][numeric]") {
  CHECK(x12_with("CTT*-123456").empty());  // N0 max 6, sign not counted
  CHECK(only(x12_with("CTT*1234567")).code == codes::element_too_long);
  const Error dec = only(x12_with("CTT*5.5"));
  CHECK(dec.code == codes::element_invalid_character);
  CHECK(dec.found == "5.5");
  CHECK(only(x12_with("CTT*-")).code == codes::element_invalid_character);
  CHECK(x12_with("PO1*1*-12345678901234.5").empty());  // R max 15 digits
  CHECK(only(x12_with("PO1*1*1234567890123456")).code == codes::element_too_long);
  const Error two_points = only(x12_with("PO1*1*1.2.3"));
  CHECK(two_points.code == codes::element_invalid_character);
  CHECK(two_points.position.element == 2);
  CHECK(only(x12_with("AMT*12.34")).code == codes::element_invalid_character);  // N2: implied decimals
}

TEST_CASE("AN values reject control characters", "[schema][element]") {
  const Error e = only(x12_with(std::string("N3*A\x01") + "B"));
  CHECK(e.code == codes::element_invalid_character);
  CHECK(e.position.element == 1);
}

TEST_CASE("a mandatory element left empty is element.missing", "[schema][element]") {
  const Error e = only(x12_with("BEG*00*SA**20240101"));
  CHECK(e.code == codes::element_missing);
  CHECK(e.position.element == 3);
  CHECK(e.expected == "324");
}

TEST_CASE("more elements than defined is element.too_many, trailing empty ones are not", "[schema][element]") {
  const Error e = only(x12_with("REF*IA*1*desc*EXTRA"));
  CHECK(e.code == codes::element_too_many);
  CHECK(e.position.element == 4);
  CHECK(e.found == "EXTRA");
  CHECK(x12_with("REF*IA*1**").empty());
}

TEST_CASE("syntax rules P R C L E", "[schema][element][rules]") {
  const Error r = only(x12_with("REF*IA"));
  CHECK(r.code == codes::element_conditional);
  CHECK(r.position.element == 2);
  CHECK(r.expected == "at least one of REF02, REF03");

  const Error p = only(x12_with("N1*ST*NAME*92"));
  CHECK(p.code == codes::element_conditional);
  CHECK(p.position.element == 4);

  const Error c = only(x12_with("PO1*1**EA*2.5"));
  CHECK(c.code == codes::element_conditional);
  CHECK(c.position.element == 2);
  CHECK(c.expected == "present when PO104 is present");

  const Error c_time = only(x12_with("DTM*002**1230"));
  CHECK(c_time.code == codes::element_conditional);
  CHECK(c_time.position.element == 2);

  const Error l = only(x12_with("MEA*5"));
  CHECK(l.code == codes::element_conditional);
  CHECK(l.position.element == 2);

  const Error e = only(x12_with("AMT*1234*A*B"));
  CHECK(e.code == codes::element_exclusion);
  CHECK(e.position.element == 3);
  CHECK(e.found == "B");
  CHECK(x12_with("AMT*1234**B").empty());
}

TEST_CASE("composites: component usage, count, codes and rules", "[schema][element][composite]") {
  CHECK(x12_with("MEA*5*EA:2:3").empty());
  const Error missing = only(x12_with("MEA*5*:2:3"));
  CHECK(missing.code == codes::component_missing);
  CHECK(missing.position.element == 2);
  CHECK(missing.position.component == 1);
  const Error extra = only(x12_with("MEA*5*EA:1:2:9"));
  CHECK(extra.code == codes::element_too_many_components);
  CHECK(extra.position.component == 4);
  CHECK(extra.found == "9");
  const Error code = only(x12_with("MEA*5*XX"));
  CHECK(code.code == codes::element_invalid_code);
  CHECK(code.position.component == 1);
  CHECK(code.found == "XX");
  const Error paired = only(x12_with("MEA*5*EA:2"));
  CHECK(paired.code == codes::element_conditional);
  CHECK(paired.position.element == 2);
  CHECK(paired.position.component == 3);
}

TEST_CASE("a component separator in a simple element is too many components", "[schema][element]") {
  const Error e = only(x12_with("REF*IA*12:34"));
  CHECK(e.code == codes::element_too_many_components);
  CHECK(e.position.element == 2);
  CHECK(e.found == "12:34");
}

TEST_CASE("repetitions beyond the element's repeat count are reported", "[schema][element][repetition]") {
  CHECK(x12_with("MEA*5*EA^CA*a^b^c").empty());
  const Error e = only(x12_with("MEA*5*EA^CA^EA"));
  CHECK(e.code == codes::element_too_many_repetitions);
  CHECK(e.position.element == 2);
  CHECK(e.position.repetition == 3);
  const Error bad_rep = only(x12_with("MEA*5*EA^XX"));
  CHECK(bad_rep.code == codes::element_invalid_code);
  CHECK(bad_rep.position.repetition == 2);
  CHECK(bad_rep.position.component == 1);
  // Without a repetition separator '^' is data.
  auto d = edigate::Delimiters::x12_default();
  d.repetition = 0;
  auto errors = check_x12("ST*850*0001~BEG*00*SA*A^B*20240101~PO1*1~SE*4*0001~", d);
  INFO(describe(errors));
  CHECK(errors.empty());
}

TEST_CASE("EDIFACT: a, n and an types, decimal mark and release character", "[schema][element][edifact]") {
  auto d = edigate::Delimiters::edifact_default();
  d.decimal = ',';
  auto ok =
      check_edifact("UNH+1+ORDERS:D:96A:UN'BGM+220+PO?+1?'X'NAD+BY+AB?+C'LIN+1'QTY+21:-1234,5'QTY+21:1.5'UNT+7+1'", d);
  INFO(describe(ok));
  CHECK(ok.empty());

  const Error digits = only(check_edifact("UNH+1+ORDERS:D:96A:UN'BGM'NAD+BY+ACME2'UNT+4+1'", d));
  CHECK(digits.code == codes::element_invalid_character);
  CHECK(digits.position.element == 2);
  CHECK(digits.found == "ACME2");

  const Error too_long = only(check_edifact("UNH+1+ORDERS:D:96A:UN'BGM'LIN+1'QTY+21:123456'UNT+5+1'", d));
  CHECK(too_long.code == codes::element_too_long);
  CHECK(too_long.position.element == 1);
  CHECK(too_long.position.component == 2);

  const Error two_marks = only(check_edifact("UNH+1+ORDERS:D:96A:UN'BGM'LIN+1'QTY+21:1,2,3'UNT+5+1'", d));
  CHECK(two_marks.code == codes::element_invalid_character);

  // 35 characters once the release characters are removed: not too long.
  std::string po35(34, 'X');
  CHECK(check_edifact("UNH+1+ORDERS:D:96A:UN'BGM+220+" + po35 + "?+'UNT+3+1'", d).empty());
  const Error po36 = only(check_edifact("UNH+1+ORDERS:D:96A:UN'BGM+220+" + po35 + "?+?+'UNT+3+1'", d));
  CHECK(po36.code == codes::element_too_long);
}

TEST_CASE("EDIFACT: composite components missing or with a bad code", "[schema][element][edifact]") {
  const Error missing = only(check_edifact("UNH+1+ORDERS:D::UN'BGM'UNT+3+1'"));
  CHECK(missing.code == codes::component_missing);
  CHECK(missing.position.segment_tag == "UNH");
  CHECK(missing.position.element == 2);
  CHECK(missing.position.component == 3);
  const Error code = only(check_edifact("UNH+1+ORDERZ:D:96A:UN'BGM'UNT+3+1'"));
  CHECK(code.code == codes::element_invalid_code);
  CHECK(code.position.component == 1);
  CHECK(code.expected == "one of ORDERS");
  CHECK(code.found == "ORDERZ");
}

TEST_CASE("an error renders with file, offset, segment, element and values", "[schema][element]") {
  const Error e = only(x12_with("BEG*00*SA*PO1*20241301"));
  CHECK(e.to_string() ==
        "t.edi:12: segment 2 (BEG) element 4: invalid date in data element 373 (Date): expected date CCYYMMDD, "
        "found \"20241301\" [schema.element.invalid_date]");
}

TEST_CASE("an invalid code's expected list gives numeric codes by number, not byte order", "[schema][element]") {
  // D96A 1225 (message function) holds 1..9 and 10..: byte order would print "1, 10, 11, ...".
  auto errors = edigate::test::check_shipped("edifact/schemas/D96A/ORDERS.xml",
                                             "UNH+1+ORDERS:D:96A:UN'BGM+220+PO1+77'DTM+137:20240101:102'UNS+S'UNT+5+1'",
                                             edigate::Delimiters::edifact_default());
  const Error e = only(errors);
  CHECK(e.code == codes::element_invalid_code);
  CHECK(e.found == "77");
  CHECK_THAT(e.expected, Catch::StartsWith("one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... ("));
}
