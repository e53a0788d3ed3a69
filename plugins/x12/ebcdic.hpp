#pragma once
// EBCDIC (code page 037) support: some mainframe partners send whole interchanges in EBCDIC.
// Decoding is byte-for-byte into Latin-1, so byte offsets in positions stay those of the input.
#include <cstddef>

namespace edigate::x12 {

/// True when `p` (at least 3 bytes) is "ISA" in EBCDIC: C9 E2 C1.
bool is_ebcdic_isa(const char* p) noexcept;

/// Decodes n bytes of cp037 in place into Latin-1 (cp037 is a permutation of 0..255).
void decode_cp037(char* p, std::size_t n) noexcept;

}  // namespace edigate::x12
