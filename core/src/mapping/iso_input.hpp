#pragma once
// Carrier APIs send dates and times that are ISO 8601 already ("2024-11-07", "18:00:00",
// "+01:00", "2018-02-02T12:01:00-07:00", sometimes with no offset). These helpers check such
// text with the canonical date/time rules rather than the EDI formats, so a JSON-source map can
// read it with the same <timestamp> item as EDI.
#include <edigate/error.hpp>
#include <edigate/result.hpp>

#include <string>
#include <string_view>

namespace edigate::mapping {

/// "YYYY-MM-DD" (what ISO dates look like; EDI dates have no '-').
bool looks_iso_date(std::string_view text) noexcept;
/// "HH:MM" or "HH:MM:SS[.f]".
bool looks_iso_time(std::string_view text) noexcept;
/// "Z", "+HH:MM", "-HHMM"...: an offset rather than an X12 time code (ET, UT, 01..24).
bool looks_iso_offset(std::string_view text) noexcept;

/// Checked "YYYY-MM-DD".
Result<std::string> checked_iso_date(std::string_view text, const Position& where);
/// Checked "HH:MM:SS[.f]" from "HH:MM[:SS[.f]]".
Result<std::string> checked_iso_time(std::string_view text, const Position& where);

/// "YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]" -> canonical timestamp. Without an offset in the text,
/// `fallback_offset` applies; with neither it is `mapping.timestamp.no_offset`.
Result<std::string> iso_input_timestamp(std::string_view text, std::string_view fallback_offset, const Position& where);

}  // namespace edigate::mapping
