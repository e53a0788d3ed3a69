#pragma once
// Mapping of reader and schema error codes to the X12 acknowledgement code lists:
// 720 (AK304/IK304), 723 (AK403/IK403), 718 (AK502/IK502), 716 (AK905), I18 (TA105).
#include <edigate/error.hpp>

#include <string>
#include <string_view>

namespace edigate::x12 {

/// AK304/IK304 segment syntax error code; empty when the error is not about a segment.
std::string_view segment_error_code(const Error& e) noexcept;

/// AK403/IK403 data element syntax error code; empty when the error is not about an element.
std::string_view element_error_code(const Error& e) noexcept;

/// AK502/IK502 transaction set syntax error code ("5" for any segment-level problem).
std::string_view set_error_code(const Error& e) noexcept;

/// AK905 functional group syntax error code; empty when no code fits (or not in this version).
std::string_view group_error_code(const Error& e, bool v5010) noexcept;

/// TA105 interchange note code ("022" when no closer code fits).
std::string_view interchange_note_code(const Error& e) noexcept;

/// True for warnings that say nothing about the data's correctness (formatting leniencies,
/// "no schema"): they do not turn an A into an E.
bool cosmetic_warning(const Error& e) noexcept;

}  // namespace edigate::x12
