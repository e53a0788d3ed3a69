#include "schema/value_check.hpp"

#include <edigate/codes.hpp>

namespace edigate::schema {
namespace {

inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

int two(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

bool all_digits(std::string_view s) {
  for (unsigned char c : s)
    if (!is_digit(c)) return false;
  return true;
}

}  // namespace

// A lone Latin-1 byte still counts as one character.
std::size_t text_length(std::string_view v) {
  std::size_t n = 0;
  unsigned char prev = 0;
  for (unsigned char c : v) {
    if (!(c >= 0x80 && c <= 0xBF && prev >= 0x80)) ++n;
    prev = c;
  }
  return n;
}

bool valid_date(std::string_view s) {
  if ((s.size() != 8 && s.size() != 6) || !all_digits(s)) return false;
  int year = s.size() == 8 ? two(s, 0) * 100 + two(s, 2) : 2000 + two(s, 0);
  std::size_t m = s.size() - 4;
  int month = two(s, m), day = two(s, m + 2);
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

bool valid_time(std::string_view s) {
  if (s.size() != 4 && s.size() != 6 && s.size() != 7 && s.size() != 8) return false;
  if (!all_digits(s)) return false;
  if (two(s, 0) > 23 || two(s, 2) > 59) return false;
  return s.size() < 6 || two(s, 4) <= 59;
}

Fault check_value(const CompiledSchema& schema, const ElementDef& def, std::string_view raw, const Delimiters& d,
                  std::string& scratch) {
  std::string_view v = raw;
  if (d.release && raw.find(d.release) != std::string_view::npos) {
    scratch.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == d.release && i + 1 < raw.size()) ++i;
      scratch += raw[i];
    }
    v = scratch;
  }
  return check_unescaped(schema, def, v, d);
}

Fault check_unescaped(const CompiledSchema& schema, const ElementDef& def, std::string_view v, const Delimiters& d) {
  std::size_t length = 0;
  switch (def.type) {
    case DataType::x12_b:
      return Fault::none;
    case DataType::x12_an:
    case DataType::x12_id:
    case DataType::ed_an: {
      // One pass: control characters and the character count (see text_length).
      unsigned char prev = 0;
      for (unsigned char c : v) {
        if (is_control(c)) return Fault::invalid_character;
        if (!(c >= 0x80 && c <= 0xBF && prev >= 0x80)) ++length;
        prev = c;
      }
      break;
    }
    case DataType::ed_a:
      for (unsigned char c : v)
        if (is_control(c) || is_digit(c)) return Fault::invalid_character;
      length = text_length(v);
      break;
    case DataType::x12_n:
    case DataType::x12_r:
    case DataType::ed_n: {
      // Sign and decimal mark are not counted in the length (X12 B.1.1.3.1.2, ISO 9735 7.1).
      bool decimal_allowed = def.type != DataType::x12_n;
      bool seen_mark = false;
      std::size_t i = (!v.empty() && v[0] == '-') ? 1 : 0;
      for (; i < v.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(v[i]);
        if (is_digit(c)) {
          ++length;
        } else if (decimal_allowed && !seen_mark && (c == '.' || (def.type == DataType::ed_n && c == d.decimal))) {
          seen_mark = true;
        } else {
          return Fault::invalid_character;
        }
      }
      if (length == 0) return Fault::invalid_character;
      break;
    }
    case DataType::x12_dt:
    case DataType::x12_tm:
      if (!all_digits(v)) return Fault::invalid_character;
      length = v.size();
      break;
  }
  return check_length_and_lists(schema, def, v, length);
}

std::string_view fault_code(Fault f) {
  switch (f) {
    case Fault::too_short:
      return codes::element_too_short;
    case Fault::too_long:
      return codes::element_too_long;
    case Fault::invalid_character:
      return codes::element_invalid_character;
    case Fault::invalid_code:
      return codes::element_invalid_code;
    case Fault::invalid_date:
      return codes::element_invalid_date;
    case Fault::invalid_time:
      return codes::element_invalid_time;
    case Fault::none:
      break;
  }
  return {};
}

std::string fault_expected(const CompiledSchema& schema, const ElementDef& def, Fault f) {
  auto chars = [](std::uint32_t n) { return std::to_string(n) + (n == 1 ? " character" : " characters"); };
  switch (f) {
    case Fault::too_short:
      return "at least " + chars(def.min);
    case Fault::too_long:
      return "at most " + chars(def.max);
    case Fault::invalid_date:
      return def.max >= 8 ? "date CCYYMMDD" : "date YYMMDD";
    case Fault::invalid_time:
      return "time HHMM[SS[d[d]]]";
    case Fault::invalid_code: {
      constexpr std::uint32_t kShown = 10;
      std::uint32_t n = def.codes_end - def.codes_begin;
      std::string out = "one of ";
      auto shown = codes_for_people(schema, def, kShown);
      for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i) out += ", ";
        out += shown[i];
      }
      if (n > kShown) out += ", ... (" + std::to_string(n) + " codes)";
      return out;
    }
    case Fault::invalid_character:
      switch (def.type) {
        case DataType::x12_n:
          return def.implied_decimals
                     ? "digits with optional leading minus (N" + std::to_string(def.implied_decimals) + ")"
                     : "digits with optional leading minus";
        case DataType::x12_r:
          return "decimal number";
        case DataType::ed_n:
          return "number";
        case DataType::x12_dt:
          return "date digits";
        case DataType::x12_tm:
          return "time digits";
        case DataType::ed_a:
          return "letters, no digits";
        default:
          return "printable characters";
      }
    case Fault::none:
      break;
  }
  return {};
}

std::string fault_message(const ElementDef& def, Fault f) {
  std::string what = def.id + (def.name.empty() ? "" : " (" + def.name + ")");
  switch (f) {
    case Fault::too_short:
      return "data element " + what + " too short";
    case Fault::too_long:
      return "data element " + what + " too long";
    case Fault::invalid_character:
      return "invalid character in data element " + what;
    case Fault::invalid_code:
      return "invalid code value in data element " + what;
    case Fault::invalid_date:
      return "invalid date in data element " + what;
    case Fault::invalid_time:
      return "invalid time in data element " + what;
    case Fault::none:
      break;
  }
  return what;
}

}  // namespace edigate::schema
