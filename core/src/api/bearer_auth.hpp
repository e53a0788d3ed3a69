#pragma once
// The admin API's bearer token: read once from env:NAME or file:PATH, compared in constant time.
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <string>
#include <string_view>

namespace edigate::api {

/// The token named by `ref` (a file's content without trailing whitespace). Errors:
/// admin.token.missing (unset or empty variable, empty file: the API never runs without a
/// token), admin.token.unreadable (the file cannot be read or is over 4 KiB).
Result<std::string> resolve_admin_token(const partners::SecretRef& ref);

/// Whether an Authorization header value is "Bearer <token>". The comparison takes the same
/// time wherever the first difference is (SHA-256 of both, then CRYPTO_memcmp), so response
/// times do not reveal a prefix of the token.
bool bearer_matches(std::string_view authorization, const std::string& token);

}  // namespace edigate::api
