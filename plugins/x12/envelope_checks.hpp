#pragma once
// Envelope rules shared by the reader: trailer counts and control references, header fields.
// Each check appends positioned Errors; none throws on content.
#include <edigate/error.hpp>
#include <edigate/segment.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::x12 {

/// The position of element `element` (0 = whole segment) of `seg`.
Position position_of(const std::string& file, const Segment& seg, std::uint32_t element = 0);

/// Value without surrounding spaces (ISA/trailer values are sometimes padded).
std::string_view trim(std::string_view v) noexcept;

/// True when `value` is digits (leading zeros allowed) equal to `n`.
bool equals_count(std::string_view value, std::uint64_t n) noexcept;

/// Control numbers compare as numbers when both are numeric ("0001" == "1"), else as text.
bool same_control(std::string_view a, std::string_view b) noexcept;

/// Trailer count (SE01, GE01, IEA01) against what was counted.
void check_count(std::vector<Error>& out, const std::string& file, const Segment& trailer, std::uint32_t element,
                 std::uint64_t counted, const char* code, const char* what, bool as_warning);

/// Trailer control reference (SE02, GE02, IEA02) against the header's.
void check_control(std::vector<Error>& out, const std::string& file, const Segment& trailer, std::uint32_t element,
                   std::string_view header_value, const char* code, const char* what, bool as_warning);

/// GS01..GS08 presence and formats (GS04 date CCYYMMDD, GS05 time, GS06 1-9 digits, GS08 present).
void check_gs(std::vector<Error>& out, const std::string& file, const Segment& gs);

/// ST01 (3 characters) and ST02 (4-9 characters).
void check_st(std::vector<Error>& out, const std::string& file, const Segment& st);

}  // namespace edigate::x12
