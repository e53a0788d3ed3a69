#include "contrl_codes.hpp"

#include <edigate/codes.hpp>

namespace edigate::edifact {
namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

int syntax_error_code(std::string_view c) noexcept {
  namespace k = edigate::codes;
  // Envelope codes of this plugin.
  if (c == "edifact.unb.syntax") return 2;    // syntax version or level not supported
  if (c == "edifact.una.invalid") return 20;  // character invalid as service character
  if (c == "edifact.charset.invalid" || c == "edifact.charset.utf8_in_latin1") return 21;  // invalid character(s)
  if (c == "edifact.ung.mixed") return 15;                // not supported in this position
  if (c == "edifact.unb.duplicate_reference") return 26;  // duplicate detected
  if (c.substr(0, 8) == "edifact.") {
    if (ends_with(c, ".count")) return 29;      // control count does not match
    if (ends_with(c, ".reference")) return 28;  // references do not match
    if (ends_with(c, ".missing")) return 13;    // missing
    if (ends_with(c, ".unexpected") || c == "edifact.segment.outside_message") return 15;
    if (c == "edifact.segment.tag") return 12;  // invalid value
    return 18;
  }
  // Content codes from the schema validator.
  if (c == k::segment_unrecognized || c == k::segment_not_in_set || c == k::segment_unexpected) return 15;
  if (c == k::segment_missing || c == k::element_missing || c == k::element_conditional || c == k::component_missing)
    return 13;
  if (c == k::segment_too_many) return 35;  // too many segment repetitions
  if (c == k::loop_too_many) return 36;     // too many segment group repetitions
  if (c == k::element_exclusion) return 15;
  if (c == k::element_too_many || c == k::element_too_many_components || c == k::element_too_many_repetitions)
    return 16;
  if (c == k::element_too_short) return 40;
  if (c == k::element_too_long) return 39;
  if (c == k::element_invalid_character) return 37;  // invalid type of character(s)
  if (c == k::element_invalid_code || c == k::element_invalid_date || c == k::element_invalid_time) return 12;
  return 18;
}

}  // namespace edigate::edifact
