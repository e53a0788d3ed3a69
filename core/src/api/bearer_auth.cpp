#include "api/bearer_auth.hpp"

#include "config/safe_xml.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cstdlib>

namespace edigate::api {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

}  // namespace

Result<std::string> resolve_admin_token(const partners::SecretRef& ref) {
  std::string token;
  std::string where;
  if (ref.kind == partners::SecretRef::Kind::env) {
    where = "environment variable " + ref.name;
    if (const char* v = std::getenv(ref.name.c_str())) token = trimmed(v);
  } else {
    where = "file " + ref.name;
    // read_config_file: regular files only, size checked before reading, FIFOs never block.
    EDIGATE_TRY(std::string text,
                config::read_config_file(ref.name, 4096, "admin.token.unreadable", "admin.token.unreadable"));
    token = trimmed(std::move(text));
  }
  if (token.empty())
    return Error("admin.token.missing",
                 "the admin API token is empty or not set (" + where + "); the admin API does not run without one")
        .as(ErrorCategory::configuration);
  return token;
}

bool bearer_matches(std::string_view authorization, const std::string& token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size() || token.empty()) return false;
  // The scheme is case-insensitive (RFC 7235); the credentials are not.
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i])))
      return false;
  std::string_view given = authorization.substr(kScheme.size());
  unsigned char a[SHA256_DIGEST_LENGTH], b[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(given.data()), given.size(), a);
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), b);
  return CRYPTO_memcmp(a, b, sizeof a) == 0;
}

}  // namespace edigate::api
