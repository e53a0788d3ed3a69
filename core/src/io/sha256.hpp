#pragma once
// SHA-256 (OpenSSL), for message ids, input dedupe keys and content-addressed blobs.
#include <array>
#include <string>
#include <string_view>

namespace edigate::io {

using Sha256 = std::array<unsigned char, 32>;

Sha256 sha256(std::string_view data);
/// Lowercase hex of the first `bytes` bytes of the digest (all 32 by default).
std::string to_hex(const Sha256& digest, std::size_t bytes = 32);
inline std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

}  // namespace edigate::io
