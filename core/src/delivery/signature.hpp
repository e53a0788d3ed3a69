#pragma once
// The webhook body signature: X-Edigate-Signature: sha256=<hex HMAC-SHA256(body, secret)>.
// Shared by the webhook destination and the demo receiver, so both sides compute it one way.
#include <string>
#include <string_view>

namespace edigate::delivery {

inline constexpr const char* kSignatureHeader = "X-Edigate-Signature";

/// "sha256=" followed by 64 lower-case hex digits.
std::string sign_body(std::string_view body, std::string_view secret);

/// Whether `header` is the signature of `body` under `secret`; compares in constant time so a
/// receiver does not leak how many leading digits of a forged signature were right.
bool signature_matches(std::string_view header, std::string_view body, std::string_view secret);

}  // namespace edigate::delivery
