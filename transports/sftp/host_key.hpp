#pragma once
// Host key pinning: the partner profile names the server's key by its SHA-256 fingerprint in
// the form `ssh-keygen -l` prints ("SHA256:" + unpadded base64), so an operator can copy it
// from the partner's e-mail or from ssh-keyscan output without conversion.
#include <edigate/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace edigate::sftp {

/// "SHA256:..." for a 32-byte digest (unpadded base64, as OpenSSH prints it).
std::string format_sha256_fingerprint(const unsigned char* digest32);

/// Checks that `pinned` is a well-formed "SHA256:<43 base64 chars>" fingerprint.
/// Errors: sftp.host_key.pin_invalid (configuration); the value is shown, it is not a secret.
Result<void> check_fingerprint_syntax(std::string_view pinned);

/// Compares the offered digest with the pinned fingerprint. Errors:
/// sftp.host_key.mismatch (configuration) naming the expected and the offered fingerprints.
Result<void> verify_host_key(std::string_view pinned, const unsigned char* offered_digest32, const std::string& where);

}  // namespace edigate::sftp
