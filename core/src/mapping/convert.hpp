#pragma once
// Value conversions and code tables, for both directions (docs/maps.md, "Conversions").
#include "mapping/compiled_map.hpp"

#include <edigate/result.hpp>

#include <string>

namespace edigate::mapping {

/// Applies `part.convert` then `part.table` to a non-empty value. Inbound: EDI text ->
/// canonical (dates to ISO, implied decimals to decimal strings). Outbound: canonical -> EDI
/// (ISO dates to CCYYMMDD, decimals to implied digits).
Result<std::string> convert_value(const CompiledMap& map, const Part& part, std::string value, const Position& where);

/// An ISO date/time/timestamp -> EDI parts: date8 "20240312", date6 "240312", time "0715" or
/// "071530" when seconds are not zero.
Result<std::string> to_edi_date_time(Convert convert, std::string_view iso, const Position& where);

/// The offset of an ISO timestamp -> X12 time code (element 623): Z -> UT, +01:00..+12:00 ->
/// 01..12, -12:00..-01:00 -> 13..24; other offsets are an error.
Result<std::string> x12_time_code(std::string_view iso, const Position& where);

}  // namespace edigate::mapping
