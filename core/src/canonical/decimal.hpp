#pragma once
// Decimal strings for amounts, quantities and prices. Canonical messages never carry binary
// floats: 0.10 has no exact double, and an invoice total must add up to the cent.
//
// Canonical form (docs/canonical/README.md, common.schema.json $defs/decimal):
//   -?(0|[1-9][0-9]*)(\.[0-9]+)?
// Leading zeros and a leading '+' are removed, "-0" becomes "0", the decimal mark is '.',
// and trailing zeros are KEPT: the scale the partner sent ("27.50") is information.
#include <edigate/error.hpp>
#include <edigate/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace edigate::canonical {

/// Longest decimal text accepted (digits, sign and mark); longer input is an error, not a
/// silently truncated number.
inline constexpr std::size_t kMaxDecimalLength = 48;
/// Largest implied-decimal scale (X12 N0..N9 in practice; EDIFACT has none).
inline constexpr unsigned kMaxImpliedScale = 18;

/// True when `text` is already in canonical form.
bool is_canonical_decimal(std::string_view text) noexcept;

/// X12 R / EDIFACT numeric text to canonical form: optional sign, digits, at most one decimal
/// mark ('.' or ','; EDIFACT allows either), digits on at least one side. "0012.50" -> "12.50",
/// "+3" -> "3", ".5" -> "0.5", "5." -> "5", "12,5" -> "12.5", "-0.00" -> "0.00".
/// Rejects empty text, spaces, exponents ("1E3"), several marks or signs, inf/nan, over
/// kMaxDecimalLength: `canonical.decimal.invalid` at `where`.
Result<std::string> normalize_decimal(std::string_view text, const Position& where = {});

/// X12 implied-decimal (Nn) text: optional '-', digits; `scale` digits are after the point.
/// ("12345", 2) -> "123.45"; ("5", 2) -> "0.05"; ("-0050", 2) -> "-0.50"; ("7", 0) -> "7".
Result<std::string> decimal_from_implied(std::string_view digits, unsigned scale, const Position& where = {});

/// The reverse, for outbound maps: ("123.45", 2) -> "12345"; ("1.5", 2) -> "150";
/// ("-0.05", 2) -> "-5". More fractional digits than `scale` that are not zeros is an error
/// (`canonical.decimal.precision`): an amount is never rounded silently.
Result<std::string> decimal_to_implied(std::string_view decimal, unsigned scale, const Position& where = {});

/// A number from a JSON source (carrier APIs send weights as JSON numbers). The double is
/// printed in its shortest round-trip fixed form (12.5 -> "12.5", 0.1 -> "0.1", 3 -> "3"),
/// which is the literal the sender wrote whenever it had at most 15 significant digits.
/// Non-finite values are `canonical.decimal.invalid`.
Result<std::string> decimal_from_json_number(double value, const Position& where = {});

}  // namespace edigate::canonical
