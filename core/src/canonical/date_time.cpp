#include "canonical/date_time.hpp"

#include "canonical/time_zone.hpp"

#include <cstdio>

namespace edigate::canonical {
namespace {

bool all_digits(std::string_view s) noexcept {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int number(std::string_view s) noexcept {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::string clip(std::string_view s) { return std::string(s.substr(0, 64)); }

Error bad_date(std::string_view text, const Position& where, std::string expected, std::string what) {
  return Error("canonical.date.invalid", std::move(what)).at(where).want(std::move(expected), clip(text));
}

Error bad_time(std::string_view text, const Position& where, std::string what) {
  return Error("canonical.time.invalid", std::move(what)).at(where).want("time HHMM[SS[d..]]", clip(text));
}

Result<std::string> make_date(int year, int month, int day, std::string_view text, const Position& where,
                              const char* expected) {
  if (month < 1 || month > 12) return bad_date(text, where, expected, "month out of range");
  if (day < 1 || day > days_in_month(year, month)) return bad_date(text, where, expected, "day out of range");
  char buffer[40];  // room for any int, keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return std::string(buffer);
}

}  // namespace

int days_in_month(int year, int month) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Result<std::string> iso_date(std::string_view text, DateFormat format, const Position& where) {
  if (format == DateFormat::x12_dt) format = text.size() == 6 ? DateFormat::yymmdd : DateFormat::ccyymmdd;
  if (format == DateFormat::ccyymmdd) {
    if (text.size() != 8 || !all_digits(text)) return bad_date(text, where, "date CCYYMMDD", "not an 8-digit date");
    return make_date(number(text.substr(0, 4)), number(text.substr(4, 2)), number(text.substr(6, 2)), text, where,
                     "date CCYYMMDD");
  }
  if (text.size() != 6 || !all_digits(text)) return bad_date(text, where, "date YYMMDD", "not a 6-digit date");
  const int yy = number(text.substr(0, 2));
  const int year = yy < kCenturyPivot ? 2000 + yy : 1900 + yy;
  return make_date(year, number(text.substr(2, 2)), number(text.substr(4, 2)), text, where, "date YYMMDD");
}

Result<std::string> iso_time(std::string_view text, const Position& where) {
  if (text.size() != 4 && (text.size() < 6 || text.size() > 15))
    return bad_time(text, where, "time must be HHMM, HHMMSS or HHMMSS with up to 9 fraction digits");
  if (!all_digits(text)) return bad_time(text, where, "time must be digits only");
  const int hh = number(text.substr(0, 2));
  const int mm = number(text.substr(2, 2));
  const int ss = text.size() >= 6 ? number(text.substr(4, 2)) : 0;
  if (hh > 23) return bad_time(text, where, "hour out of range");
  if (mm > 59) return bad_time(text, where, "minute out of range");
  if (ss > 59) return bad_time(text, where, "second out of range");  // leap seconds are not sent in EDI
  char buffer[40];  // room for any int, keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", hh, mm, ss);
  std::string out(buffer);
  if (text.size() > 6) {
    out += '.';
    out += text.substr(6);
  }
  return out;
}

Result<std::string> iso_timestamp(std::string_view date, std::string_view time, std::string_view offset,
                                  const Position& where) {
  // Re-check the parts: callers may pass map output, not just our own helpers' results.
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !all_digits(date.substr(0, 4)) ||
      !all_digits(date.substr(5, 2)) || !all_digits(date.substr(8, 2)))
    return bad_date(date, where, "date YYYY-MM-DD", "not an ISO date");
  EDIGATE_TRY(std::string checked_date, make_date(number(date.substr(0, 4)), number(date.substr(5, 2)),
                                                  number(date.substr(8, 2)), date, where, "date YYYY-MM-DD"));
  if (time.size() < 8 || time[2] != ':' || time[5] != ':') return bad_time(time, where, "not an ISO time HH:MM:SS");
  std::string compact;
  compact += time.substr(0, 2);
  compact += time.substr(3, 2);
  compact += time.substr(6, 2);
  if (time.size() > 8) {
    if (time[8] != '.') return bad_time(time, where, "not an ISO time HH:MM:SS[.f]");
    compact += time.substr(9);
  }
  EDIGATE_TRY(std::string checked_time, iso_time(compact, where));
  if (offset.empty())
    return Error("canonical.time.no_offset", "timestamp without a time zone offset")
        .at(where)
        .want("offset Z or +HH:MM", "");
  EDIGATE_TRY(std::string checked_offset, normalize_offset(offset, where));
  return checked_date + "T" + checked_time + checked_offset;
}

Result<EdifactDateTime> edifact_date_time(std::string_view value, std::string_view code, const Position& where) {
  EdifactDateTime out;
  auto date_time = [&](std::size_t date_len, std::size_t time_len) -> Result<void> {
    if (value.size() < date_len + time_len || !all_digits(value.substr(0, date_len + time_len)))
      return bad_date(value, where, "DTM format " + std::string(code), "value does not match its format code");
    EDIGATE_TRY(out.date,
                iso_date(value.substr(0, date_len), date_len == 8 ? DateFormat::ccyymmdd : DateFormat::yymmdd, where));
    if (time_len) {
      EDIGATE_TRY(out.time, iso_time(value.substr(date_len, time_len), where));
    }
    return {};
  };
  auto exact = [&](std::size_t n) -> Result<void> {
    if (value.size() != n)
      return bad_date(value, where, "DTM format " + std::string(code), "value length does not match its format code");
    return {};
  };
  if (code == "101" || code == "102" || code == "201" || code == "203" || code == "204") {
    const std::size_t date_len = (code == "101" || code == "201") ? 6 : 8;
    const std::size_t time_len = code[0] == '1' ? 0 : code == "204" ? 6 : 4;
    EDIGATE_TRY_VOID(exact(date_len + time_len));
    EDIGATE_TRY_VOID(date_time(date_len, time_len));
    return out;
  }
  if (code == "205") {  // CCYYMMDDHHMMZHHMM
    EDIGATE_TRY_VOID(exact(17));
    EDIGATE_TRY_VOID(date_time(8, 4));
    EDIGATE_TRY(out.offset, normalize_offset(value.substr(12), where));
    return out;
  }
  return Error("canonical.date.unsupported_format", "unsupported EDIFACT date/time format code")
      .at(where)
      .want("2379 code 101, 102, 201, 203, 204 or 205", clip(code));
}

}  // namespace edigate::canonical
