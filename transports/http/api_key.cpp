#include "api_key.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace edigate::http {

Result<KeyHash> parse_key_hash(std::string_view hex) {
  const auto first = hex.find_first_not_of(" \t\r\n");
  const auto last = hex.find_last_not_of(" \t\r\n");
  hex = first == std::string_view::npos ? std::string_view() : hex.substr(first, last - first + 1);
  auto bad = [] {
    return Error("transport.http.api_key", "api-key-sha256 does not hold a SHA-256 hash")
        .want("64 hex digits (sha256sum of the key)", "")
        .as(ErrorCategory::configuration);
  };
  if (hex.size() != 64) return bad();
  KeyHash out{};
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return bad();
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return out;
}

KeyHash hash_key(std::string_view key) {
  KeyHash out{};
  unsigned int size = 0;
  // EVP_Digest with SHA-256 cannot fail for in-memory input short of allocation failure; the
  // zero hash it would leave matches no configured key (parse_key_hash never yields it by chance).
  EVP_Digest(key.data(), key.size(), out.data(), &size, EVP_sha256(), nullptr);
  return out;
}

bool key_matches(std::string_view presented, const KeyHash& expected) {
  const KeyHash got = hash_key(presented);
  return CRYPTO_memcmp(got.data(), expected.data(), got.size()) == 0;
}

}  // namespace edigate::http

namespace edigate::http {

std::string sha256_hex(std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  const KeyHash h = hash_key(data);
  std::string out;
  out.reserve(64);
  for (unsigned char c : h) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace edigate::http
