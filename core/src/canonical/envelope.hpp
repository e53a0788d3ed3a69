#pragma once
// The envelope every canonical message starts with (docs/canonical/common.schema.json,
// $defs/envelope). Map output appends the type's own fields after it.
#include "canonical/message_id.hpp"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::canonical {

inline constexpr std::string_view kSchemaId = "edigate.canonical/v1";

enum class Direction { inbound, outbound };

std::string_view to_string(Direction direction) noexcept;

/// Interchange sender or receiver (ISA05/06, UNB S002).
struct Identity {
  std::string qualifier;
  std::string id;
};

/// Where a message came from (inbound) or what it becomes (outbound). Empty strings are left
/// out of the JSON.
struct Source {
  std::string standard;  ///< "x12", "edifact", "json"
  std::string version;   ///< "004010", "D96A"
  /// X12 GS08 after the version: the industry or trade association identifier ("VICS" of
  /// "004010VICS", "X231" of "005010X231"). The version stays the schema version.
  std::string industry;
  /// EDIFACT UNH S009 0057, the association assigned code ("EAN008": an EANCOM subset). An
  /// outbound render writes it back, so the message is read with its subset's rules again.
  std::string association;
  std::string transaction_set;  ///< "850", "ORDERS"
  std::string interchange_control_number;
  std::string group_control_number;
  std::string transaction_control_number;
  Identity sender;
  Identity receiver;
  std::string file;
  std::optional<std::uint64_t> byte_offset;
};

/// Keys that tie related messages together. Empty strings are left out.
struct Correlation {
  std::string po_number;
  std::string shipment_id;
  std::string bol;
  std::vector<std::string> tracking_numbers;
};

/// The eight canonical types of v1.
bool is_canonical_type(std::string_view type) noexcept;
/// Every canonical message type of v1, in the order docs/canonical lists them.
std::span<const std::string_view> canonical_types() noexcept;

/// The identity the message id is derived from: partner, source identities and control numbers,
/// position and discriminator (see message_id.hpp).
MessageIdentity identity_of(std::string_view partner_id, const Source& source, std::uint64_t position = 0,
                            std::string_view discriminator = {});

/// A new JSON object (insertion order preserved) holding, in this order: schema, type,
/// message_id, partner_id, direction, source, correlation. `correlation` is always present
/// (possibly `{}`) so consumers see one shape. The caller appends the body fields.
/// `type` should satisfy is_canonical_type(); the schemas reject anything else.
Poco::JSON::Object::Ptr make_envelope(std::string_view type, std::string_view partner_id, Direction direction,
                                      const Source& source, const Correlation& correlation, std::uint64_t position = 0,
                                      std::string_view discriminator = {});

/// Appends the JSON text of make_envelope(...)'s object, byte for byte what to_json_line writes
/// for it, without building the object (the JSON Lines path writes one per message).
void append_envelope_json(std::string& out, std::string_view type, std::string_view partner_id, Direction direction,
                          const Source& source, const Correlation& correlation, std::uint64_t position = 0,
                          std::string_view discriminator = {});

/// An empty object that keeps insertion order: use it for every object inside a message so the
/// output is stable.
Poco::JSON::Object::Ptr make_object();

}  // namespace edigate::canonical
