#pragma once
// Time zone offsets for canonical timestamps: ISO offsets, X12 time codes (data element 623)
// and the North American daylight-saving rules the zone-only codes (ET, CT, ...) depend on.
#include <edigate/error.hpp>
#include <edigate/result.hpp>

#include <string>
#include <string_view>

namespace edigate::canonical {

/// "Z", "+05:00", "+0500", "+05", "-03:30" -> "Z" or "±HH:MM". Hours 0..14, minutes 0..59
/// (ISO 8601 / RFC 3339 range). Anything else is `canonical.time.invalid_offset`.
Result<std::string> normalize_offset(std::string_view text, const Position& where = {});

/// The offset an X12 time code (DE 623) means at a local date ("YYYY-MM-DD") and time
/// ("HH:MM:SS"):
/// - UT, GM -> "Z"; 01..12 = ISO P01..P12 -> "+01:00".."+12:00"; 13..24 = ISO M12..M01 ->
///   "-12:00".."-01:00";
/// - standard/daylight codes with a fixed offset: ES/ED, CS/CD, MS/MD, PS/PD, AS/AD, HS/HD,
///   NS/ND (Newfoundland, -03:30/-02:30), TS/TD (Atlantic);
/// - zone codes ET, CT, MT, PT, AT, HT, NT, TT: standard offset, one hour more during North
///   American daylight saving time (from 2007: second Sunday of March 02:00 to first Sunday of
///   November 02:00 local; before: first Sunday of April to last Sunday of October). The
///   repeated hour at the end of DST is read as daylight time (its first occurrence);
/// - LT (local time) and an empty code -> `default_offset` (the partner profile's zone), which
///   must then be given.
/// Unknown codes are `canonical.time.unknown_time_code`.
Result<std::string> x12_time_code_offset(std::string_view code, std::string_view date, std::string_view time,
                                         std::string_view default_offset = {}, const Position& where = {});

/// True when North American DST is in effect at a local date and time (see above).
bool north_american_dst(int year, int month, int day, int hour) noexcept;

}  // namespace edigate::canonical
