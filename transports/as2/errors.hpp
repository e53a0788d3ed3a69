#pragma once
// AS2 failure codes and the MDN disposition each one maps to (RFC 4130 7.4.3). The transport
// plugin answers a received message with `processed/error: <modifier>` from the error's code, so
// every receive-side failure has exactly one code here.
#include <edigate/error.hpp>

#include <string>
#include <string_view>

namespace edigate::as2 {

namespace code {
inline constexpr const char* kDecryptionFailed = "as2.decrypt.failed";
inline constexpr const char* kSignerUnknown = "as2.signer.unknown";
inline constexpr const char* kCertificateExpired = "as2.certificate.expired";
inline constexpr const char* kSignatureInvalid = "as2.signature.invalid";
inline constexpr const char* kDecompressionFailed = "as2.decompress.failed";
inline constexpr const char* kInsufficientSecurity = "as2.security.insufficient";
inline constexpr const char* kMalformed = "as2.mime.malformed";
inline constexpr const char* kCrypto = "as2.crypto.failed";
inline constexpr const char* kKey = "as2.key.invalid";
inline constexpr const char* kMdnMicMismatch = "as2.mdn.mic_mismatch";
inline constexpr const char* kMdnMessageId = "as2.mdn.message_id_mismatch";
inline constexpr const char* kMdnUnsigned = "as2.mdn.unsigned";
inline constexpr const char* kMdnMalformed = "as2.mdn.malformed";
}  // namespace code

/// The RFC 4130 disposition modifier for a receive-side error: "decryption-failed",
/// "authentication-failed", "integrity-check-failed", "decompression-failed",
/// "insufficient-message-security", or "unexpected-processing-error" for anything else.
std::string disposition_modifier(const Error& e);

/// An error about an AS2 entity; `what` names the layer ("enveloped-data", "signature").
Error as2_error(const char* code, std::string message, std::string_view what = {});

}  // namespace edigate::as2
