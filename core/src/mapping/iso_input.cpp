#include "mapping/iso_input.hpp"

#include "canonical/date_time.hpp"
#include "canonical/time_zone.hpp"

#include <cctype>

namespace edigate::mapping {
namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The digits of "HH:MM:SS.fff" as iso_time wants them ("HHMMSSfff").
std::string compact_time(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ':' && c != '.') out += c;
  return out;
}

}  // namespace

bool looks_iso_date(std::string_view t) noexcept { return t.size() == 10 && t[4] == '-' && t[7] == '-'; }

bool looks_iso_time(std::string_view t) noexcept { return t.size() >= 5 && t[2] == ':'; }

bool looks_iso_offset(std::string_view t) noexcept {
  return t == "Z" || (t.size() >= 3 && (t[0] == '+' || t[0] == '-') && digit(t[1]));
}

Result<std::string> checked_iso_date(std::string_view text, const Position& where) {
  if (!looks_iso_date(text))
    return Error("canonical.date.invalid", "not an ISO date").at(where).want("date YYYY-MM-DD", std::string(text));
  std::string digits;
  for (char c : text)
    if (c != '-') digits += c;
  return canonical::iso_date(digits, canonical::DateFormat::ccyymmdd, where);
}

Result<std::string> checked_iso_time(std::string_view text, const Position& where) {
  // Separators where ISO puts them, so "1:2:3" or "12:345" are not read as something else.
  if (!looks_iso_time(text) || (text.size() > 5 && (text[5] != ':' || text.size() < 8)) ||
      (text.size() > 8 && text[8] != '.'))
    return Error("canonical.time.invalid", "not an ISO time").at(where).want("time HH:MM[:SS[.f]]", std::string(text));
  return canonical::iso_time(compact_time(text), where);
}

Result<std::string> iso_input_timestamp(std::string_view text, std::string_view fallback_offset,
                                        const Position& where) {
  const auto t = text.find('T');
  if (t == std::string_view::npos)
    return Error("canonical.time.invalid", "not an ISO timestamp")
        .at(where)
        .want("YYYY-MM-DDTHH:MM:SS[±HH:MM]", std::string(text));
  EDIGATE_TRY(auto date, checked_iso_date(text.substr(0, t), where));
  std::string_view rest = text.substr(t + 1);
  const auto z = rest.find_first_of("Z+-");
  EDIGATE_TRY(auto time, checked_iso_time(rest.substr(0, z), where));
  std::string offset;
  if (z != std::string_view::npos) {
    EDIGATE_TRY(offset, canonical::normalize_offset(rest.substr(z), where));
  } else if (!fallback_offset.empty()) {
    EDIGATE_TRY(offset, canonical::normalize_offset(fallback_offset, where));
  } else {
    return Error("mapping.timestamp.no_offset", "timestamp without an offset and no offset= or partner default")
        .at(where)
        .want("an offset in the value, offset= or the partner's default offset", std::string(text));
  }
  return canonical::iso_timestamp(date, time, offset, where);
}

}  // namespace edigate::mapping
