#pragma once
// Character repertoires named by the UNB syntax identifier (S001 0001), ISO 9735 annex A.
// The tokenizer uses a byte-class table for the common case (a segment with only allowed
// bytes costs one table lookup per byte); flagged segments go through check_segment_charset.
#include <edigate/delimiters.hpp>
#include <edigate/error.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace edigate::edifact {

enum class Charset : std::uint8_t {
  unoa,   ///< level A: upper case, digits, space and . , - ( ) / = ' + : ? ! " % & * ; < >
  unob,   ///< level B: level A plus lower case (and control characters as separators)
  unoc,   ///< ISO 8859-1: every graphic Latin-1 byte
  unoy,   ///< ISO 10646 in UTF-8: must be valid UTF-8
  other,  ///< UNOD..UNOK, UNOW, UNOX, IATA...: 8-bit, not checked
};

/// The repertoire for a syntax identifier ("UNOA", "UNOC", ...). Unknown names map to other.
Charset charset_for(std::string_view syntax_id) noexcept;

/// True when byte c belongs to the repertoire without further checks (ASCII fast path).
/// Bytes outside it must go through check_segment_charset.
bool charset_fast_ok(Charset cs, unsigned char c) noexcept;

/// Problems found in one segment (bytes without terminator). Policy, documented for partners:
///  - a control character, or bytes that are neither valid UTF-8 nor (UNOC) graphic Latin-1,
///    is an error `edifact.charset.invalid`;
///  - a printable character outside a UNOA/UNOB repertoire (lower case under UNOA, UTF-8 text
///    under UNOA/UNOB) is a warning `edifact.charset.invalid`: real partners send it, and
///    their samples are published as valid;
///  - UTF-8 text inside a UNOC (Latin-1) interchange is a warning `edifact.charset.utf8_in_latin1`
///    (the bytes are legal Latin-1, but the text will display as mojibake).
/// The element and component of the first offending byte are set in the position; offset is
/// the segment's offset plus the byte's index (exact when the segment had no line breaks).
std::optional<Error> check_segment_charset(std::string_view segment, Charset cs, const Delimiters& d,
                                           std::uint64_t offset) noexcept;

}  // namespace edigate::edifact
