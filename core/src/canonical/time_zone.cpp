#include "canonical/time_zone.hpp"

#include <array>
#include <cstdio>

namespace edigate::canonical {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string format_offset(int minutes) {
  if (minutes == 0) return "Z";
  const char sign = minutes < 0 ? '-' : '+';
  if (minutes < 0) minutes = -minutes;
  char buffer[40];  // room for any int, keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", sign, minutes / 60, minutes % 60);
  return buffer;
}

// 0 = Sunday (Sakamoto's method).
int day_of_week(int y, int m, int d) noexcept {
  static constexpr int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

int nth_sunday(int year, int month, int n) noexcept {
  const int first = 1 + (7 - day_of_week(year, month, 1)) % 7;
  return first + 7 * (n - 1);
}

int last_sunday(int year, int month, int days) noexcept { return days - day_of_week(year, month, days); }

struct Zone {
  std::string_view code;
  int standard_minutes;  // offset from UTC in standard time
  int kind;              // 0 fixed standard, 1 fixed daylight, 2 follows DST
};

constexpr std::array<Zone, 24> kZones = {{
    {"ES", -300, 0},
    {"ED", -300, 1},
    {"ET", -300, 2},
    {"CS", -360, 0},
    {"CD", -360, 1},
    {"CT", -360, 2},
    {"MS", -420, 0},
    {"MD", -420, 1},
    {"MT", -420, 2},
    {"PS", -480, 0},
    {"PD", -480, 1},
    {"PT", -480, 2},
    {"AS", -540, 0},
    {"AD", -540, 1},
    {"AT", -540, 2},  // Alaska
    // Hawaii keeps standard time all year; "HT" follows Hawaii, not the Aleutians' DST.
    {"HS", -600, 0},
    {"HD", -600, 1},
    {"HT", -600, 0},
    {"NS", -210, 0},
    {"ND", -210, 1},
    {"NT", -210, 2},  // Newfoundland
    {"TS", -240, 0},
    {"TD", -240, 1},
    {"TT", -240, 2},  // Atlantic
}};

int two(std::string_view s, std::size_t at) noexcept { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

}  // namespace

Result<std::string> normalize_offset(std::string_view text, const Position& where) {
  auto bad = [&](const char* what) {
    return Error("canonical.time.invalid_offset", what)
        .at(where)
        .want("offset Z or +HH:MM", std::string(text.substr(0, 32)));
  };
  if (text == "Z" || text == "z") return std::string("Z");
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return bad("not a time zone offset");
  std::string digits;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == ':' && i == 3) continue;
    if (!is_digit(text[i])) return bad("not a time zone offset");
    digits += text[i];
  }
  if (digits.size() != 2 && digits.size() != 4) return bad("offset must be HH, HHMM or HH:MM");
  if (text.size() == 4) return bad("offset must be HH, HHMM or HH:MM");  // "+05:"
  const int hh = two(digits, 0);
  const int mm = digits.size() == 4 ? two(digits, 2) : 0;
  if (hh > 14 || mm > 59 || (hh == 14 && mm > 0)) return bad("offset out of range");
  char buffer[40];  // room for any int, keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", text[0], hh, mm);
  return std::string(buffer);
}

bool north_american_dst(int year, int month, int day, int hour) noexcept {
  int start_month = 3, start_day = 0, end_month = 11, end_day = 0;
  if (year >= 2007) {
    start_day = nth_sunday(year, 3, 2);
    end_day = nth_sunday(year, 11, 1);
  } else {
    start_month = 4;
    start_day = nth_sunday(year, 4, 1);
    end_month = 10;
    end_day = last_sunday(year, 10, 31);
  }
  const long now = (month * 100L + day) * 100L + hour;
  const long start = (start_month * 100L + start_day) * 100L + 2;
  const long end = (end_month * 100L + end_day) * 100L + 2;
  return now >= start && now < end;
}

Result<std::string> x12_time_code_offset(std::string_view code, std::string_view date, std::string_view time,
                                         std::string_view default_offset, const Position& where) {
  if (code.empty() || code == "LT") {
    if (default_offset.empty())
      return Error("canonical.time.no_offset", "local time without a partner time zone")
          .at(where)
          .want("a time code or the partner's time zone", std::string(code));
    return normalize_offset(default_offset, where);
  }
  if (code == "UT" || code == "GM") return std::string("Z");
  if (code.size() == 2 && is_digit(code[0]) && is_digit(code[1])) {
    const int n = two(code, 0);
    if (n >= 1 && n <= 12) return format_offset(n * 60);
    if (n >= 13 && n <= 24) return format_offset(-(25 - n) * 60);
  }
  for (const auto& zone : kZones) {
    if (zone.code != code) continue;
    if (zone.kind == 0) return format_offset(zone.standard_minutes);
    if (zone.kind == 1) return format_offset(zone.standard_minutes + 60);
    const bool date_ok = date.size() == 10 && is_digit(date[0]) && is_digit(date[1]) && is_digit(date[2]) &&
                         is_digit(date[3]) && is_digit(date[5]) && is_digit(date[6]) && is_digit(date[8]) &&
                         is_digit(date[9]);
    const bool time_ok = time.size() >= 2 && is_digit(time[0]) && is_digit(time[1]);
    if (!date_ok || !time_ok)
      return Error("canonical.time.invalid", "zone time code needs the local date and time")
          .at(where)
          .want("date YYYY-MM-DD and time HH:MM:SS", std::string(date) + " " + std::string(time));
    const int year = two(date, 0) * 100 + two(date, 2);
    const bool dst = north_american_dst(year, two(date, 5), two(date, 8), two(time, 0));
    return format_offset(zone.standard_minutes + (dst ? 60 : 0));
  }
  return Error("canonical.time.unknown_time_code", "unknown X12 time code")
      .at(where)
      .want("X12 time code (623)", std::string(code.substr(0, 16)));
}

}  // namespace edigate::canonical
