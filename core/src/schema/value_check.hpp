#pragma once
// Type, length, code, date and time checks of one simple value (X12 and EDIFACT data types).
#include "schema/byte_classes.hpp"
#include "schema/compiled_schema.hpp"

#include <edigate/delimiters.hpp>

#include <string>
#include <string_view>

namespace edigate::schema {

enum class Fault : std::uint8_t {
  none,
  too_short,
  too_long,
  invalid_character,
  invalid_code,
  invalid_date,
  invalid_time
};

/// True for a real calendar date: CCYYMMDD (8 digits) or YYMMDD (6 digits).
bool valid_date(std::string_view digits);
/// True for a real time: HHMM, HHMMSS, HHMMSSd or HHMMSSdd.
bool valid_time(std::string_view digits);

/// Checks a non-empty raw value (release characters still in it). `scratch` is reused to hold
/// an unescaped copy only when the value contains a release character, so the common path does
/// not allocate. Returns the first fault found: characters, then length, then code/date/time.
Fault check_value(const CompiledSchema& schema, const ElementDef& def, std::string_view raw, const Delimiters& d,
                  std::string& scratch);

/// check_value of a value that holds no release character (nothing to unescape).
Fault check_unescaped(const CompiledSchema& schema, const ElementDef& def, std::string_view v, const Delimiters& d);

/// Characters of a value, not bytes: UTF-8 continuation bytes after a non-ASCII byte are not
/// counted, so "Müller" is 6 long.
std::size_t text_length(std::string_view v);

/// The checks after the characters: length, then date, time or code list.
inline Fault check_length_and_lists(const CompiledSchema& schema, const ElementDef& def, std::string_view v,
                                    std::size_t length) {
  if (length < def.min) return Fault::too_short;
  if (length > def.max) return Fault::too_long;
  if (def.type == DataType::x12_dt && !valid_date(v)) return Fault::invalid_date;
  if (def.type == DataType::x12_tm && !valid_time(v)) return Fault::invalid_time;
  if (def.closed_codes && !schema.has_code(def, v)) return Fault::invalid_code;
  return Fault::none;
}

/// The same check given the union of the value's byte classes (ByteClasses::scan), so the
/// common value is not read again: only a value with a separator or release character, a
/// non-ASCII byte or, for numbers, dates and times, a non-digit looks at its bytes. Same result
/// as the form above. Inline: it runs once per element value.
[[gnu::always_inline]] inline Fault check_value(const CompiledSchema& schema, const ElementDef& def,
                                                std::string_view raw, const Delimiters& d, std::string& scratch,
                                                std::uint8_t classes) {
  using C = ByteClasses;
  // Escaped or empty values, and anything the class union cannot decide, take the full check.
  if (raw.empty() || (classes & C::kSeparator)) [[unlikely]]
    return check_value(schema, def, raw, d, scratch);
  std::size_t length = raw.size();
  switch (def.type) {
    case DataType::x12_b:
      return Fault::none;
    case DataType::x12_an:
    case DataType::x12_id:
    case DataType::ed_an:
      if (classes & C::kControl) return Fault::invalid_character;
      if (classes & C::kHigh) length = text_length(raw);
      break;
    case DataType::ed_a:
      if (classes & (C::kControl | C::kDigit)) return Fault::invalid_character;
      if (classes & C::kHigh) length = text_length(raw);
      break;
    case DataType::x12_n:
    case DataType::x12_r:
    case DataType::ed_n:
    case DataType::x12_dt:
    case DataType::x12_tm:
      // Digits only (the common number, every valid date and time): length is the size. A
      // sign, a decimal mark or anything else takes the full check.
      // No kSeparator here, so no release character: the value is its own unescaped form
      // (looking for one again cost a memchr call per decimal number).
      if (classes & C::kNotDigit) return check_unescaped(schema, def, raw, d);
      break;
  }
  return check_length_and_lists(schema, def, raw, length);
}

/// The error code (from codes.hpp) for a fault.
std::string_view fault_code(Fault f);
/// What the standard wants, for Error::expected: "at most 22 characters", "one of 00, 01, 05".
std::string fault_expected(const CompiledSchema& schema, const ElementDef& def, Fault f);
/// A sentence for Error::message.
std::string fault_message(const ElementDef& def, Fault f);

}  // namespace edigate::schema
