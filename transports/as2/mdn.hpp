#pragma once
// The AS2 receipt (RFC 4130 7.4, RFC 3798): a multipart/report with a
// message/disposition-notification part, signed (multipart/signed) when the sender asked.
#include "as2/crypto.hpp"

#include <edigate/result.hpp>

#include <optional>
#include <string>
#include <vector>

namespace edigate::as2 {

struct MdnFields {
  std::string reporting_ua = "edigate";
  std::string final_recipient;      ///< our AS2 id, as the receiver
  std::string original_message_id;  ///< "<...>" of the message acknowledged
  /// "processed", or "processed/error: decryption-failed" etc. (see disposition_modifier).
  std::string disposition = "processed";
  std::string received_mic;  ///< "base64, sha-256" (or the algorithm asked for); empty when none could be computed
  std::string text;          ///< the human-readable part
};

struct Mdn {
  std::string content_type;  ///< HTTP Content-Type header
  std::string body;          ///< HTTP body
  std::string entity() const { return "Content-Type: " + content_type + "\r\n\r\n" + body; }
};

/// Builds the MDN; signed with `signer` when given, with digest `alg` (the sender's
/// signed-receipt-micalg choice).
Result<Mdn> build_mdn(const MdnFields& fields, const KeyPair* signer, MicAlg alg = MicAlg::sha256);

struct MdnExpectation {
  std::string original_message_id;
  std::string mic;  ///< what we computed when sending
  bool require_signed = true;
};

struct VerifiedMdn {
  MdnFields fields;  ///< as the partner wrote them
  bool was_signed = false;
  std::optional<std::size_t> verified_by;
  /// "processed" with no error or failure modifier.
  bool positive() const;
};

/// Reads an MDN we received, verifies its signature against `partner_certs`, and checks that
/// it answers our message and returns our MIC. A negative disposition is not an error here (the
/// caller records it); a wrong MIC is kMdnMicMismatch, another message id kMdnMessageId.
Result<VerifiedMdn> verify_mdn(std::string_view content_type, std::string_view body,
                               const std::vector<Certificate>& partner_certs, const MdnExpectation& expect);

}  // namespace edigate::as2
