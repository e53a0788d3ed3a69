#pragma once
// EDI dates and times to canonical ISO 8601: dates `YYYY-MM-DD`, timestamps
// `YYYY-MM-DDTHH:MM:SS[.f]±HH:MM` (or `Z`). Every value is checked (month, day of month with
// leap years, hour, minute, second); bad input is `canonical.date.invalid` /
// `canonical.time.invalid` at the caller's position, with expected format and found text.
#include <edigate/error.hpp>
#include <edigate/result.hpp>

#include <string>
#include <string_view>

namespace edigate::canonical {

/// Two-digit years (YYMMDD): 00..49 -> 20yy, 50..99 -> 19yy. X12 and EDIFACT leave the century
/// to trading partner agreement; this fixed window is what most translators use.
inline constexpr int kCenturyPivot = 50;

enum class DateFormat {
  ccyymmdd,  ///< X12 DT (8), EDIFACT 2379 code 102
  yymmdd,    ///< X12 DT (6, 003xxx and older), EDIFACT 2379 code 101
  x12_dt,    ///< X12 DT: 8 or 6 digits, by length
};

/// "20240312" -> "2024-03-12"; ("240312", yymmdd) -> "2024-03-12".
Result<std::string> iso_date(std::string_view text, DateFormat format, const Position& where = {});

/// X12 TM / EDIFACT time: HHMM, HHMMSS, HHMMSSd..: -> "HH:MM:SS" or "HH:MM:SS.d..".
/// Hour 24 is rejected (use 00 of the next day). At most 9 fraction digits.
Result<std::string> iso_time(std::string_view text, const Position& where = {});

/// Joins an ISO date, an ISO time ("HH:MM:SS[.f]") and an offset ("Z", "+05:00") into a
/// timestamp. The offset is mandatory: canonical timestamps always carry one.
Result<std::string> iso_timestamp(std::string_view date, std::string_view time, std::string_view offset,
                                  const Position& where = {});

/// An EDIFACT DTM C507 value (2380) in its format (2379), as date, time and offset.
struct EdifactDateTime {
  std::string date;    ///< always set: "YYYY-MM-DD"
  std::string time;    ///< "HH:MM:SS" or empty for date-only formats
  std::string offset;  ///< "+HH:MM"/"Z" when the format carries a zone (205), else empty
};

/// Supported 2379 codes: 101 YYMMDD, 102 CCYYMMDD, 201 YYMMDDHHMM, 203 CCYYMMDDHHMM,
/// 204 CCYYMMDDHHMMSS, 205 CCYYMMDDHHMMZHHMM (Z is the sign of the offset). Others are
/// `canonical.date.unsupported_format`.
Result<EdifactDateTime> edifact_date_time(std::string_view value, std::string_view format_code,
                                          const Position& where = {});

/// Days in a month of the proleptic Gregorian calendar (month 1..12).
int days_in_month(int year, int month) noexcept;

}  // namespace edigate::canonical
