#pragma once
// Deterministic canonical message ids: the same partner, interchange, group, transaction set and
// position always give the same id, so reprocessing a file is idempotent downstream.
#include <cstdint>
#include <string>

namespace edigate::canonical {

/// Everything a message id is derived from. Absent parts are empty strings.
struct MessageIdentity {
  std::string partner_id;
  std::string sender_qualifier;
  std::string sender_id;
  std::string receiver_qualifier;
  std::string receiver_id;
  std::string interchange_control_number;
  std::string group_control_number;
  std::string transaction_control_number;
  /// 0-based ordinal of the message among those produced from one transaction set (or one
  /// JSON document).
  std::uint64_t position = 0;
  /// Empty for EDI; a stable key for sources without control numbers (carrier JSON).
  std::string discriminator;
};

/// The bytes that are hashed: each field as a netstring `<len>:<bytes>,` in the order
/// "edigate.canonical/v1", partner, sender qualifier, sender id, receiver qualifier, receiver
/// id, ICN, GCN, transaction control number, position (decimal), discriminator.
/// Netstrings keep the encoding unambiguous whatever bytes the fields hold.
std::string message_id_preimage(const MessageIdentity& identity);

/// `"m-"` + the first 32 lowercase hex digits of SHA-256(message_id_preimage(identity)).
/// See docs/canonical/README.md. Never fails (OpenSSL EVP errors are invariants: SHA-256 is
/// always available in libcrypto).
std::string message_id(const MessageIdentity& identity);

/// True for a well-formed id: "m-" and 32 lowercase hex digits.
bool is_message_id(const std::string& text) noexcept;

}  // namespace edigate::canonical
