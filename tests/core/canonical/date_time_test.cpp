// EDI dates, times and time codes to ISO 8601, checked against calendars by hand.
#include "canonical/date_time.hpp"
#include "canonical/time_zone.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::canonical;

namespace {

Position dtm_element() {
  Position p;
  p.file = "orders.edi";
  p.segment_index = 4;
  p.segment_tag = "DTM";
  p.element = 1;
  p.component = 2;
  return p;
}

std::string ok(Result<std::string> r) {
  INFO((r.ok() ? std::string() : r.error().to_string()));
  REQUIRE(r.ok());
  return r.value();
}

std::string offset(std::string_view code, std::string_view date, std::string_view time) {
  return ok(x12_time_code_offset(code, date, time));
}

}  // namespace

TEST_CASE("iso_date converts CCYYMMDD and YYMMDD with leap years", "[canonical][date]") {
  CHECK(ok(iso_date("20240312", DateFormat::ccyymmdd)) == "2024-03-12");
  CHECK(ok(iso_date("20240229", DateFormat::ccyymmdd)) == "2024-02-29");
  CHECK(ok(iso_date("20000229", DateFormat::ccyymmdd)) == "2000-02-29");  // divisible by 400
  CHECK(ok(iso_date("240312", DateFormat::yymmdd)) == "2024-03-12");
  CHECK(ok(iso_date("491231", DateFormat::yymmdd)) == "2049-12-31");
  CHECK(ok(iso_date("500101", DateFormat::yymmdd)) == "1950-01-01");
  CHECK(ok(iso_date("991231", DateFormat::yymmdd)) == "1999-12-31");
  CHECK(ok(iso_date("240312", DateFormat::x12_dt)) == "2024-03-12");
  CHECK(ok(iso_date("20240312", DateFormat::x12_dt)) == "2024-03-12");
}

TEST_CASE("iso_date rejects impossible dates with a positioned error", "[canonical][date]") {
  for (const char* bad : {"20230229", "19000229", "20241301", "20240001", "20240431", "20240100", "2024-03-12",
                          "2024031", "202403121", "", "2024O312"}) {
    INFO("input \"" << bad << "\"");
    auto r = iso_date(bad, DateFormat::ccyymmdd, dtm_element());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "canonical.date.invalid");
    CHECK(r.error().position.segment_tag == "DTM");
    CHECK(r.error().position.component == 2);
    CHECK(r.error().expected == "date CCYYMMDD");
    CHECK(r.error().found == bad);
  }
  auto yy = iso_date("240231", DateFormat::yymmdd);
  REQUIRE_FALSE(yy.ok());
  CHECK(yy.error().expected == "date YYMMDD");
}

TEST_CASE("iso_time converts HHMM, HHMMSS and decimal seconds", "[canonical][time]") {
  CHECK(ok(iso_time("1430")) == "14:30:00");
  CHECK(ok(iso_time("143059")) == "14:30:59");
  CHECK(ok(iso_time("14305912")) == "14:30:59.12");
  CHECK(ok(iso_time("0000")) == "00:00:00");
  for (const char* bad : {"2400", "1260", "143060", "14:3", "143", "14305", "", "1430591234567890"}) {
    INFO("input \"" << bad << "\"");
    auto r = iso_time(bad, dtm_element());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "canonical.time.invalid");
    CHECK(r.error().position.segment_tag == "DTM");
  }
}

TEST_CASE("iso_timestamp always carries an offset", "[canonical][time]") {
  CHECK(ok(iso_timestamp("2024-03-26", "07:15:00", "-04:00")) == "2024-03-26T07:15:00-04:00");
  CHECK(ok(iso_timestamp("2024-03-26", "07:15:00", "-0400")) == "2024-03-26T07:15:00-04:00");
  CHECK(ok(iso_timestamp("2024-03-26", "07:15:00.5", "Z")) == "2024-03-26T07:15:00.5Z");
  auto none = iso_timestamp("2024-03-26", "07:15:00", "");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code == "canonical.time.no_offset");
  auto range = iso_timestamp("2024-03-26", "07:15:00", "+15:00");
  REQUIRE_FALSE(range.ok());
  CHECK(range.error().code == "canonical.time.invalid_offset");
  CHECK_FALSE(iso_timestamp("2024-02-30", "07:15:00", "Z").ok());
  CHECK_FALSE(iso_timestamp("2024-03-26", "25:00:00", "Z").ok());
  CHECK_FALSE(iso_timestamp("2024-03-26", "7:15", "Z").ok());
}

TEST_CASE("normalize_offset accepts the ISO spellings and nothing else", "[canonical][time]") {
  CHECK(ok(normalize_offset("Z")) == "Z");
  CHECK(ok(normalize_offset("+05:30")) == "+05:30");
  CHECK(ok(normalize_offset("-0330")) == "-03:30");
  CHECK(ok(normalize_offset("+01")) == "+01:00");
  CHECK(ok(normalize_offset("+14:00")) == "+14:00");
  for (const char* bad : {"", "05:00", "+5", "+05:", "+05:0", "+14:01", "+15", "+05:60", "UTC", "+05:00:00"}) {
    INFO("input \"" << bad << "\"");
    auto r = normalize_offset(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "canonical.time.invalid_offset");
  }
}

TEST_CASE("X12 time codes with a fixed offset", "[canonical][time]") {
  CHECK(offset("UT", "2024-07-01", "12:00:00") == "Z");
  CHECK(offset("GM", "2024-07-01", "12:00:00") == "Z");
  CHECK(offset("01", "2024-07-01", "12:00:00") == "+01:00");  // ISO P01
  CHECK(offset("12", "2024-07-01", "12:00:00") == "+12:00");  // ISO P12
  CHECK(offset("13", "2024-07-01", "12:00:00") == "-12:00");  // ISO M12
  CHECK(offset("24", "2024-07-01", "12:00:00") == "-01:00");  // ISO M01
  CHECK(offset("ES", "2024-07-01", "12:00:00") == "-05:00");  // standard time even in July
  CHECK(offset("ED", "2024-01-15", "12:00:00") == "-04:00");
  CHECK(offset("CS", "2024-07-01", "12:00:00") == "-06:00");
  CHECK(offset("PD", "2024-07-01", "12:00:00") == "-07:00");
  CHECK(offset("NS", "2024-01-15", "12:00:00") == "-03:30");
  CHECK(offset("ND", "2024-07-01", "12:00:00") == "-02:30");
  CHECK(offset("HS", "2024-07-01", "12:00:00") == "-10:00");
}

TEST_CASE("X12 zone time codes follow North American daylight saving time", "[canonical][time]") {
  // 2024: DST from Sunday 10 March 02:00 to Sunday 3 November 02:00 local.
  CHECK(offset("ET", "2024-03-10", "01:59:00") == "-05:00");
  CHECK(offset("ET", "2024-03-10", "03:00:00") == "-04:00");
  CHECK(offset("ET", "2024-07-04", "12:00:00") == "-04:00");
  CHECK(offset("ET", "2024-11-03", "00:30:00") == "-04:00");
  CHECK(offset("ET", "2024-11-03", "02:30:00") == "-05:00");
  CHECK(offset("CT", "2024-12-24", "09:00:00") == "-06:00");
  CHECK(offset("PT", "2024-08-01", "09:00:00") == "-07:00");
  CHECK(offset("NT", "2024-08-01", "09:00:00") == "-02:30");
  // Hawaii does not observe daylight saving time: HT stays -10:00 in summer.
  CHECK(offset("HT", "2024-08-01", "09:00:00") == "-10:00");
  CHECK(offset("HD", "2024-08-01", "09:00:00") == "-09:00");
  // 2006 (old rule): Sunday 2 April to Sunday 29 October.
  CHECK(offset("ET", "2006-04-01", "12:00:00") == "-05:00");
  CHECK(offset("ET", "2006-04-02", "03:00:00") == "-04:00");
  CHECK(offset("ET", "2006-10-29", "01:00:00") == "-04:00");
  CHECK(offset("ET", "2006-10-29", "02:00:00") == "-05:00");
  // 2007 (new rule): Sunday 11 March.
  CHECK(offset("MT", "2007-03-11", "02:00:00") == "-06:00");
  CHECK(offset("MT", "2007-03-10", "23:00:00") == "-07:00");
}

TEST_CASE("X12 local time needs the partner's zone, unknown codes are errors", "[canonical][time]") {
  CHECK(ok(x12_time_code_offset("LT", "2024-07-01", "12:00:00", "+0100")) == "+01:00");
  CHECK(ok(x12_time_code_offset("", "2024-07-01", "12:00:00", "Z")) == "Z");
  auto no_zone = x12_time_code_offset("LT", "2024-07-01", "12:00:00", "", dtm_element());
  REQUIRE_FALSE(no_zone.ok());
  CHECK(no_zone.error().code == "canonical.time.no_offset");
  CHECK(no_zone.error().position.segment_tag == "DTM");
  auto unknown = x12_time_code_offset("XX", "2024-07-01", "12:00:00");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "canonical.time.unknown_time_code");
  CHECK(unknown.error().found == "XX");
  CHECK_FALSE(x12_time_code_offset("00", "2024-07-01", "12:00:00").ok());
  CHECK_FALSE(x12_time_code_offset("25", "2024-07-01", "12:00:00").ok());
  CHECK_FALSE(x12_time_code_offset("ET", "", "").ok());
}

TEST_CASE("EDIFACT DTM values by their 2379 format code", "[canonical][date]") {
  auto d102 = edifact_date_time("20240326", "102");
  REQUIRE(d102.ok());
  CHECK(d102->date == "2024-03-26");
  CHECK(d102->time.empty());
  auto d101 = edifact_date_time("240326", "101");
  REQUIRE(d101.ok());
  CHECK(d101->date == "2024-03-26");
  auto d203 = edifact_date_time("202403261430", "203");
  REQUIRE(d203.ok());
  CHECK(d203->date == "2024-03-26");
  CHECK(d203->time == "14:30:00");
  CHECK(d203->offset.empty());
  auto d204 = edifact_date_time("20240326143015", "204");
  REQUIRE(d204.ok());
  CHECK(d204->time == "14:30:15");
  auto d201 = edifact_date_time("2403261430", "201");
  REQUIRE(d201.ok());
  CHECK(d201->date == "2024-03-26");
  CHECK(d201->time == "14:30:00");
  auto d205 = edifact_date_time("202403261430+0100", "205");
  REQUIRE(d205.ok());
  CHECK(d205->time == "14:30:00");
  CHECK(d205->offset == "+01:00");

  auto unsupported = edifact_date_time("20240301-20240331", "718", dtm_element());
  REQUIRE_FALSE(unsupported.ok());
  CHECK(unsupported.error().code == "canonical.date.unsupported_format");
  CHECK(unsupported.error().found == "718");
  for (auto [value, code] : {std::pair{"2024032614", "203"},
                             {"20240326", "203"},
                             {"202403261430", "102"},
                             {"202402301430", "203"},
                             {"202403262530", "203"},
                             {"2024032614300100", "205"}}) {
    INFO(value << " as " << code);
    auto r = edifact_date_time(value, code, dtm_element());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().position.segment_tag == "DTM");
  }
}
