#pragma once
// Supplier API keys, hashed at rest: a profile holds the hex SHA-256 of a partner's key (through a
// secret reference), never the key. A presented key is hashed and compared in constant time, so
// neither the stored hash nor the timing of a refusal tells an attacker anything about the key.
#include <edigate/result.hpp>

#include <array>
#include <string>
#include <string_view>

namespace edigate::http {

using KeyHash = std::array<unsigned char, 32>;

/// The hash a profile names: 64 hex digits (either case; surrounding white space, such as a
/// file's final newline, is ignored). Errors (configuration) never echo the value.
Result<KeyHash> parse_key_hash(std::string_view hex);

/// SHA-256 of `key`.
KeyHash hash_key(std::string_view key);

/// True when SHA-256(presented) equals `expected`; constant time in the hash comparison.
bool key_matches(std::string_view presented, const KeyHash& expected);

}  // namespace edigate::http

namespace edigate::http {

/// Lowercase hex SHA-256 of `data` (what a poll compares to see whether a body changed).
std::string sha256_hex(std::string_view data);

}  // namespace edigate::http
