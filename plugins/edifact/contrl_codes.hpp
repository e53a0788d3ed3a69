#pragma once
// Maps edigate error codes (this plugin's edifact.* and the schema codes in codes.hpp) to the
// CONTRL syntax error code, data element 0085 (ISO 9735 service code list).
#include <string_view>

namespace edigate::edifact {

/// 0085 value for an error code; 18 ("unspecified error") when there is no closer match.
int syntax_error_code(std::string_view code) noexcept;

}  // namespace edigate::edifact
