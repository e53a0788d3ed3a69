#pragma once
// A canonical message handed in by a partner (the supplier API's JSON documents): the envelope
// members the gateway owns are completed, then the whole message is checked against its type's
// published schema. Used twice with the same bytes: at intake, so a bad document is refused
// before anything is stored, and by the process stage, which stores the message it returns.
#include <edigate/result.hpp>

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>

namespace edigate::canonical {

inline constexpr std::string_view kCanonicalContentPrefix = "canonical:";

/// The type named by a transport's content kind "canonical:<type>". Errors (invalid_input,
/// `canonical.content.type`): another prefix, or a type without a schema.
Result<std::string> canonical_content_type(std::string_view content);

struct PartnerMessage {
  Poco::JSON::Object::Ptr message;
  std::string json;        ///< the message as stored (to_json_line)
  std::string message_id;  ///< deterministic: partner + SHA-256 of the bytes as received
};

/// Reads `bytes` as a canonical message of `type` from `partner`:
/// - it must be a JSON object with "schema": "edigate.canonical/v1";
/// - `type`, `partner_id` and `direction` ("inbound") are the gateway's: absent, they are filled
///   in; present, they must agree;
/// - `message_id` is always the gateway's (a given one is replaced): the same bytes from the same
///   partner always give the same id, so a repeat is recognised downstream;
/// - `correlation` defaults to {} (every message has one, as translated messages do);
/// - `source` defaults to {"standard": "json", "file": file_name};
/// - then the message is validated against the type's schema.
/// Errors are invalid_input; `position.element_ref` holds the JSON pointer of the offending member
/// ("/lines/0/unit_price", "" for the document itself) and the message names it too.
Result<PartnerMessage> read_partner_message(std::string_view bytes, std::string_view type, const std::string& partner,
                                            const std::string& file_name);

}  // namespace edigate::canonical
