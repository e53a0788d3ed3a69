#include "canonical/decimal.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace edigate::canonical {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

Error invalid(std::string_view text, const Position& where, std::string what) {
  return Error("canonical.decimal.invalid", std::move(what))
      .at(where)
      .want("decimal number", std::string(text.substr(0, kMaxDecimalLength + 8)));
}

// Joins sign, integer and fraction digits into canonical form.
std::string assemble(bool negative, std::string_view integer, std::string_view fraction) {
  std::size_t first = 0;
  while (first + 1 < integer.size() && integer[first] == '0') ++first;
  integer.remove_prefix(first);
  if (integer.empty()) integer = "0";
  bool zero = integer == "0";
  for (char c : fraction) zero = zero && c == '0';
  std::string out;
  out.reserve(integer.size() + fraction.size() + 2);
  if (negative && !zero) out += '-';
  out += integer;
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

}  // namespace

bool is_canonical_decimal(std::string_view text) noexcept {
  if (text.empty() || text.size() > kMaxDecimalLength) return false;
  std::size_t i = 0;
  if (text[0] == '-') ++i;
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  const std::size_t int_len = i - int_start;
  if (int_len == 0 || (int_len > 1 && text[int_start] == '0')) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  ++i;
  const std::size_t frac_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i == text.size() && i > frac_start;
}

Result<std::string> normalize_decimal(std::string_view text, const Position& where) {
  if (text.empty()) return invalid(text, where, "empty number");
  if (text.size() > kMaxDecimalLength) return invalid(text, where, "number too long");
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++i;
  }
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  std::string_view integer = text.substr(int_start, i - int_start);
  std::string_view fraction;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    const std::size_t frac_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    fraction = text.substr(frac_start, i - frac_start);
  }
  if (i != text.size()) return invalid(text, where, "not a decimal number");
  if (integer.empty() && fraction.empty()) return invalid(text, where, "no digits in number");
  return assemble(negative, integer, fraction);
}

Result<std::string> decimal_from_implied(std::string_view digits, unsigned scale, const Position& where) {
  if (scale > kMaxImpliedScale)
    return Error("canonical.decimal.scale", "implied decimal scale too large")
        .at(where)
        .want("scale 0.." + std::to_string(kMaxImpliedScale), std::to_string(scale));
  if (digits.empty()) return invalid(digits, where, "empty number");
  if (digits.size() > kMaxDecimalLength) return invalid(digits, where, "number too long");
  bool negative = false;
  std::string_view body = digits;
  if (body[0] == '-') {
    negative = true;
    body.remove_prefix(1);
  }
  if (body.empty()) return invalid(digits, where, "no digits in number");
  for (char c : body)
    if (!is_digit(c)) return invalid(digits, where, "implied-decimal number must be digits only");
  // Left-pad so there is at least one integer digit before the scale digits.
  std::string padded(body.size() <= scale ? scale + 1 - body.size() : 0, '0');
  padded += body;
  const std::size_t split = padded.size() - scale;
  return assemble(negative, std::string_view(padded).substr(0, split), std::string_view(padded).substr(split));
}

Result<std::string> decimal_to_implied(std::string_view decimal, unsigned scale, const Position& where) {
  if (scale > kMaxImpliedScale)
    return Error("canonical.decimal.scale", "implied decimal scale too large")
        .at(where)
        .want("scale 0.." + std::to_string(kMaxImpliedScale), std::to_string(scale));
  EDIGATE_TRY(std::string text, normalize_decimal(decimal, where));
  bool negative = !text.empty() && text[0] == '-';
  std::string_view body(text);
  if (negative) body.remove_prefix(1);
  const auto dot = body.find('.');
  std::string_view integer = body.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : body.substr(dot + 1);
  if (fraction.size() > scale) {
    for (char c : fraction.substr(scale))
      if (c != '0')
        return Error("canonical.decimal.precision", "more decimal places than the implied scale allows")
            .at(where)
            .want("at most " + std::to_string(scale) + " decimal places", std::string(decimal));
    fraction = fraction.substr(0, scale);
  }
  std::string digits(integer);
  digits += fraction;
  digits.append(scale - fraction.size(), '0');
  std::size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  digits.erase(0, first);
  if (negative && digits != "0") digits.insert(digits.begin(), '-');
  return digits;
}

Result<std::string> decimal_from_json_number(double value, const Position& where) {
  if (!std::isfinite(value))
    return Error("canonical.decimal.invalid", "number is not finite").at(where).want("decimal number", "");
  // Fixed notation, shortest representation that reads back as the same double.
  std::array<char, 400> buffer{};  // DBL_MAX in fixed notation is 309 digits
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (ec != std::errc()) return Error("canonical.decimal.invalid", "number cannot be formatted").at(where);
  return normalize_decimal(std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())), where);
}

}  // namespace edigate::canonical
