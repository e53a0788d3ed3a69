#pragma once
// An AS2 message body (RFC 4130): building one to send and unwrapping a received one. The HTTP
// layer (the transport plugin) carries `content_type` as the HTTP Content-Type header and `body`
// as the HTTP body; everything here is transport-free.
#include "as2/cms.hpp"

#include <edigate/result.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace edigate::as2 {

struct OutgoingOptions {
  std::string payload_content_type = "application/edi-x12";
  std::string filename;  ///< Content-Disposition filename; none when empty
  bool sign = true;
  bool encrypt = true;
  bool compress = false;  ///< RFC 5402, applied before signing
  Cipher cipher = Cipher::aes256_cbc;
  MicAlg mic_alg = MicAlg::sha256;  ///< the signature's digest (micalg) and the MIC's
};

struct OutgoingMessage {
  std::string content_type;  ///< the top-level Content-Type (HTTP header)
  std::string body;          ///< the top-level body (HTTP body)
  std::string mic;           ///< "base64, ALG" the MDN must return (ALG: OutgoingOptions::mic_alg)
  /// Headers + blank line + body: the whole entity, as `openssl cms` reads it.
  std::string entity() const;
};

/// Builds the body: payload entity, optionally compressed, signed with the newest of
/// `our_keys` that is valid, encrypted for the newest valid of `partner_certs`.
Result<OutgoingMessage> build_message(std::string_view payload, const OutgoingOptions& options,
                                      const std::vector<KeyPair>& our_keys,
                                      const std::vector<Certificate>& partner_certs);

struct ReceivePolicy {
  bool require_signed = true;
  bool require_encrypted = true;
  std::size_t max_decompressed = std::size_t{512} << 20;
};

struct ReceivedMessage {
  std::string payload;  ///< the content, transfer encoding removed
  std::string payload_content_type;
  /// The sender's Content-Disposition filename reduced to a safe base name (no folders, no
  /// "..", no control bytes); empty when nothing safe is left. Still not unique: the caller
  /// decides where it goes.
  std::string filename;
  std::string mic;  ///< "base64, ALG" for the MDN (ALG: the mic_alg parse_message was given)
  bool was_signed = false;
  bool was_encrypted = false;
  bool was_compressed = false;
  std::optional<std::size_t> verified_by;  ///< index into the partner certificates
};

/// Unwraps a received body: decrypts with one of `our_keys`, decompresses, verifies the
/// signature over the exact signed bytes against `partner_certs`. Each failure has its own code
/// (errors.hpp); `disposition_modifier` turns it into the MDN's error. The MIC is computed with
/// `mic_alg`: what the sender's signed-receipt-micalg asks for (requested_micalg), whatever
/// digest its signature used.
Result<ReceivedMessage> parse_message(std::string_view content_type, std::string_view body,
                                      const std::vector<KeyPair>& our_keys,
                                      const std::vector<Certificate>& partner_certs, const ReceivePolicy& policy,
                                      MicAlg mic_alg = MicAlg::sha256);

/// `name` without any folder part, control bytes, quotes, colons or leading dots, at most 200 bytes; empty if
/// nothing is left. A remote name never becomes a path outside the folder it is written to.
std::string safe_filename(std::string_view name);

/// The multipart/signed entity around `entity` (headers + body), signed by `signer` with `alg`
/// (the micalg parameter); returns the MIC of `entity` with `alg`.
Result<std::string> sign_entity(std::string_view entity, const KeyPair& signer, std::string& content_type,
                                std::string& body, MicAlg alg = MicAlg::sha256);

/// The valid key pair with the newest certificate; kCertificateExpired if none.
Result<const KeyPair*> newest_valid_key(const std::vector<KeyPair>& keys);

}  // namespace edigate::as2
