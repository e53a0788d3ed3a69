#pragma once
// The CMS layers of an AS2 message (RFC 5652 / 5083 / 5402) over OpenSSL, each working on exact
// bytes: a detached SHA-256 signature, enveloped (or, for GCM, auth-enveloped) data, and zlib
// compressed-data. OpenSSL on Debian has no zlib, so compressed-data is built and read here
// with zlib directly ("Interop notes" in docs/transports/as2.md).
#include "as2/crypto.hpp"

#include <edigate/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::as2 {

enum class Cipher { aes256_cbc, aes128_gcm };

/// DER SignedData, detached, digest `alg` (SHA-256 unless told), signed over `content` exactly as given (CMS_BINARY).
Result<std::string> sign_detached(std::string_view content, const KeyPair& signer, MicAlg alg = MicAlg::sha256);

/// Which of `partner_certs` verified the detached signature `signature_der` over `content`.
/// Errors: kSignerUnknown (signed by none of them), kCertificateExpired (by one outside its
/// validity window), kSignatureInvalid (the signature does not match the bytes, or is garbage).
Result<std::size_t> verify_detached(std::string_view content, std::string_view signature_der,
                                    const std::vector<Certificate>& partner_certs);

/// DER EnvelopedData (CBC) or AuthEnvelopedData (GCM) for `recipient`, key transport RSA.
Result<std::string> encrypt(std::string_view content, const Certificate& recipient, Cipher cipher);

/// The decrypted content with the first of `our_keys` the message is addressed to (our own key
/// rolls over too). Error kDecryptionFailed when none of them can decrypt it.
Result<std::string> decrypt(std::string_view der, const std::vector<KeyPair>& our_keys);

/// The newest (latest notBefore) currently valid certificate; kCertificateExpired if none is.
Result<const Certificate*> newest_valid(const std::vector<Certificate>& certs);

/// RFC 5402 compressed-data (ZLIB) around `content`, DER.
Result<std::string> compress(std::string_view content);
/// The content of an RFC 5402 compressed-data; refuses more than `max_size` bytes of output
/// (a small message must not expand into memory exhaustion). Error kDecompressionFailed.
Result<std::string> decompress(std::string_view der, std::size_t max_size);

}  // namespace edigate::as2
