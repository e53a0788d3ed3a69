#pragma once
// UNA service string advice: "UNA" followed by six characters (ISO 9735 clause 7 / part 1 §9):
// component separator, data element separator, decimal mark, release character, repetition
// separator (syntax 4; reserved, a space, before), segment terminator.
#include <edigate/delimiters.hpp>
#include <edigate/error.hpp>

#include <optional>
#include <string_view>

namespace edigate::edifact {

/// Delimiters from the six advice characters (`chars` must hold exactly six). A space as
/// release or repetition character means "none". Returns an error (`edifact.una.invalid`,
/// element = the 1-based advice position) when the characters are not usable: a separator
/// that is a letter or digit, two roles sharing a character, or a decimal mark other than
/// '.' or ','. Offsets in the error are relative to the UNA tag; the caller adds the base.
struct UnaResult {
  Delimiters delimiters;
  std::optional<Error> error;
};
UnaResult parse_una(std::string_view chars);

/// The default delimiters when no UNA is present (":+.? '"); syntax 4 adds '*' as the
/// repetition separator, level B (control characters) is chosen by the tokenizer.
Delimiters default_delimiters(bool syntax4);

/// Level B separators (ISO 9735 annex A): IS1 component, IS3 element, IS4 segment, no release.
Delimiters level_b_delimiters();

}  // namespace edigate::edifact
