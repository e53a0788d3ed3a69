#include <as2/errors.hpp>

#include <cstring>

namespace edigate::as2 {

std::string disposition_modifier(const Error& e) {
  const auto is = [&](const char* c) { return e.code == c; };
  if (is(code::kDecryptionFailed)) return "decryption-failed";
  // An unknown signer and an expired certificate are both "we cannot say who sent this".
  if (is(code::kSignerUnknown) || is(code::kCertificateExpired)) return "authentication-failed";
  if (is(code::kSignatureInvalid)) return "integrity-check-failed";
  if (is(code::kDecompressionFailed)) return "decompression-failed";
  if (is(code::kInsufficientSecurity)) return "insufficient-message-security";
  return "unexpected-processing-error";
}

Error as2_error(const char* c, std::string message, std::string_view what) {
  Error e(c, std::move(message));
  if (!what.empty()) e.position.segment_tag = std::string(what);
  if (std::strcmp(c, code::kKey) == 0) e.as(ErrorCategory::configuration);
  if (std::strcmp(c, code::kCrypto) == 0) e.as(ErrorCategory::internal);
  return e;
}

}  // namespace edigate::as2
