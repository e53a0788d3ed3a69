#pragma once
// EBCDIC (code page 037) support: some mainframe partners send whole interchanges in EBCDIC.
// Decoding is byte-for-byte into Latin-1, so byte offsets in positions stay those of the input.
#include <cstddef>
#include <string>

namespace edigate::x12 {

/// True when `p` (at least 3 bytes) is "ISA" in EBCDIC: C9 E2 C1.
bool is_ebcdic_isa(const char* p) noexcept;

/// Decodes n bytes of cp037 in place into Latin-1 (cp037 is a permutation of 0..255).
void decode_cp037(char* p, std::size_t n) noexcept;

/// Encodes Latin-1 text in place into cp037: the inverse of decode_cp037, byte for byte.
void encode_cp037(std::string& text) noexcept;

/// Delimiters::encoding of an EBCDIC interchange.
inline constexpr const char* kCp037 = "cp037";

}  // namespace edigate::x12
