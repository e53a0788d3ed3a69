#pragma once
// Type, length, code, date and time checks of one simple value (X12 and EDIFACT data types).
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

/// Checks a non-empty raw value (release characters still in it). `scratch` is reused to hold
/// an unescaped copy only when the value contains a release character, so the common path does
/// not allocate. Returns the first fault found: characters, then length, then code/date/time.
Fault check_value(const CompiledSchema& schema, const ElementDef& def, std::string_view raw, const Delimiters& d,
                  std::string& scratch);

/// The error code (from codes.hpp) for a fault.
std::string_view fault_code(Fault f);
/// What the standard wants, for Error::expected: "at most 22 characters", "one of 00, 01, 05".
std::string fault_expected(const CompiledSchema& schema, const ElementDef& def, Fault f);
/// A sentence for Error::message.
std::string fault_message(const ElementDef& def, Fault f);

/// True for a real calendar date: CCYYMMDD (8 digits) or YYMMDD (6 digits).
bool valid_date(std::string_view digits);
/// True for a real time: HHMM, HHMMSS, HHMMSSd or HHMMSSdd.
bool valid_time(std::string_view digits);

}  // namespace edigate::schema
