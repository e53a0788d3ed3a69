#pragma once
// The ISA segment: where X12 declares its own delimiters. Finding them is the first job of a
// reader, before anything can be split.
#include <edigate/delimiters.hpp>
#include <edigate/error.hpp>
#include <edigate/reader.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::x12 {

/// The fixed ISA is 106 bytes: "ISA", 16 separators at fixed offsets, ISA16, the terminator.
inline constexpr std::size_t kIsaFixedLength = 106;
/// How far a padded, wrapped ISA may run before we call it malformed (bounds memory on junk).
inline constexpr std::size_t kIsaMaxScan = 512;

struct IsaLayout {
  Delimiters delimiters;
  std::size_t length = 0;              ///< bytes from 'I' through the terminator (suffix not included)
  bool fixed_width = false;            ///< separators at the standard offsets
  bool line_breaks = false;            ///< CR/LF were dropped inside the ISA (hard-wrapped file)
  std::array<std::string, 17> fields;  ///< [0] = "ISA", [1..16] = ISA01..ISA16 without CR/LF
};

enum class IsaScan { ok, need_more, malformed };

/// Reads the ISA starting at buf[0] == 'I'. `eof` says no more bytes will come. On malformed,
/// `error` says why (x12.isa.short, x12.isa.element_separator, ...) with offsets relative to buf.
IsaScan scan_isa(std::string_view buf, bool eof, IsaLayout& out, Error& error) noexcept;

/// Field checks of ISA01..ISA16 and the delimiters (widths, code values, dates, clashes).
/// `base` is the position of the ISA; element numbers are filled in. Never throws on content.
std::vector<Error> validate_isa(const IsaLayout& isa, const Position& base, const Tolerance& tol);

/// True when delimiters make segmentation impossible (terminator equals the element separator,
/// or is alphanumeric): the interchange cannot be read and the reader skips to the next ISA.
bool delimiters_unusable(const Delimiters& d) noexcept;

/// ISA field with ASCII spaces and U+00A0 padding removed at both ends.
std::string_view trim_isa_field(std::string_view v) noexcept;

}  // namespace edigate::x12
