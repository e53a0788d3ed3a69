#pragma once
// Error codes shared between the host's schema validator and the plugins' acknowledgement
// writers (which map them to AK304/IK304, AK403/IK403 and CONTRL 0085 codes).
#include <string_view>

namespace edigate::codes {
// Segment level
inline constexpr std::string_view segment_unrecognized = "schema.segment.unrecognized";  ///< not a known segment id
inline constexpr std::string_view segment_not_in_set = "schema.segment.not_in_set";      ///< known, but not in this set
inline constexpr std::string_view segment_unexpected = "schema.segment.unexpected";      ///< in the set, not here
inline constexpr std::string_view segment_missing = "schema.segment.missing";            ///< mandatory segment absent
inline constexpr std::string_view segment_too_many = "schema.segment.too_many";          ///< exceeds max use
inline constexpr std::string_view loop_too_many = "schema.loop.too_many";                ///< loop over max repeats
// Element level
inline constexpr std::string_view element_missing = "schema.element.missing";
inline constexpr std::string_view element_conditional = "schema.element.conditional";  ///< syntax rule requires it
inline constexpr std::string_view element_exclusion = "schema.element.exclusion";      ///< syntax rule forbids it
inline constexpr std::string_view element_too_many = "schema.element.too_many";        ///< more elements than defined
inline constexpr std::string_view element_too_short = "schema.element.too_short";
inline constexpr std::string_view element_too_long = "schema.element.too_long";
inline constexpr std::string_view element_invalid_character = "schema.element.invalid_character";
inline constexpr std::string_view element_invalid_code = "schema.element.invalid_code";
inline constexpr std::string_view element_invalid_date = "schema.element.invalid_date";
inline constexpr std::string_view element_invalid_time = "schema.element.invalid_time";
inline constexpr std::string_view element_too_many_repetitions = "schema.element.too_many_repetitions";
inline constexpr std::string_view element_too_many_components = "schema.element.too_many_components";
inline constexpr std::string_view component_missing = "schema.component.missing";
// Informational
inline constexpr std::string_view schema_not_found = "schema.not_found";  ///< warning: content not checked
}  // namespace edigate::codes
