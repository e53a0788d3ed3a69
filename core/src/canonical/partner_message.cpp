#include "canonical/partner_message.hpp"

#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"
#include "canonical/json_schemas.hpp"
#include "canonical/message_id.hpp"
#include "io/sha256.hpp"

#include <array>

namespace edigate::canonical {
namespace {

Error field_error(std::string code, const std::string& pointer, std::string message, const std::string& file) {
  Error e(std::move(code), (pointer.empty() ? std::string("the document") : pointer) + ": " + message);
  e.position.file = file;
  e.position.element_ref = pointer;
  return std::move(e).as(ErrorCategory::invalid_input);
}

/// Fills `name` with `value` when absent; a different value is an error naming the member.
Result<void> owned_member(Poco::JSON::Object& m, const char* name, const std::string& value, const std::string& file) {
  if (!m.has(name)) {
    m.set(name, value);
    return {};
  }
  const auto given = m.get(name);
  if (given.isString() && given.toString() == value) return {};
  return std::move(field_error("canonical.envelope.mismatch", std::string("/") + name,
                               std::string("must be \"") + value + "\" for this request", file))
      .want(value, given.isString() ? given.toString() : std::string("a value that is not a string"));
}

}  // namespace

Result<std::string> canonical_content_type(std::string_view content) {
  if (content.substr(0, kCanonicalContentPrefix.size()) != kCanonicalContentPrefix)
    return Error("canonical.content.type", "content '" + std::string(content) + "' is not canonical JSON")
        .want("canonical:<type>", std::string(content))
        .as(ErrorCategory::invalid_input);
  std::string type(content.substr(kCanonicalContentPrefix.size()));
  if (!JsonSchemas::embedded().has_type(type))
    return Error("canonical.content.type", "'" + type + "' is not a canonical message type")
        .want("one of the types in docs/canonical", type)
        .as(ErrorCategory::invalid_input);
  return type;
}

Result<PartnerMessage> read_partner_message(std::string_view bytes, std::string_view type, const std::string& partner,
                                            const std::string& file_name) {
  Position where;
  where.file = file_name;
  auto parsed = parse_message(bytes, where);
  if (!parsed) {
    Error e = std::move(parsed).error();
    // Not an object, or no schema id: the pointer says which.
    e.position.element_ref =
        e.code == "canonical.json.not_canonical" && e.message != "a canonical message is a JSON object" ? "/schema"
                                                                                                        : "";
    return std::move(e).as(ErrorCategory::invalid_input);
  }
  Poco::JSON::Object::Ptr given = *parsed;
  EDIGATE_TRY_VOID(owned_member(*given, "type", std::string(type), file_name));
  EDIGATE_TRY_VOID(owned_member(*given, "partner_id", partner, file_name));
  EDIGATE_TRY_VOID(owned_member(*given, "direction", "inbound", file_name));

  PartnerMessage out;
  MessageIdentity identity;
  identity.partner_id = partner;
  identity.discriminator = "canonical:" + io::sha256_hex(bytes);
  out.message_id = message_id(identity);

  // The envelope first, in the published order, then the partner's members as given.
  static constexpr std::array<const char*, 7> kEnvelope = {"schema",    "type",   "message_id", "partner_id",
                                                           "direction", "source", "correlation"};
  auto message = make_object();
  for (const char* name : kEnvelope) {
    if (std::string_view(name) == "message_id") {
      message->set(name, out.message_id);
    } else if (given->has(name)) {
      message->set(name, given->get(name));
    } else if (std::string_view(name) == "source") {
      auto source = make_object();
      source->set("standard", "json");
      if (!file_name.empty()) source->set("file", file_name);
      message->set(name, source);
    } else if (std::string_view(name) == "correlation") {
      message->set(name, make_object());  // always there, as on translated messages: one shape
    }
  }
  for (const auto& name : given->getNames()) {
    bool envelope = false;
    for (const char* e : kEnvelope) envelope = envelope || name == e;
    if (!envelope) message->set(name, given->get(name));
  }

  auto problems = JsonSchemas::embedded().validate(Poco::Dynamic::Var(message));
  if (!problems.empty()) {
    const auto& first = problems.front();
    std::string text = first.message;
    if (problems.size() > 1) text += " (and " + std::to_string(problems.size() - 1) + " more)";
    return field_error("canonical.schema.invalid", first.path, text, file_name);
  }
  auto line = to_json_line(message);
  if (!line) {  // a binary float the schema let through: the writer names its path in `found`
    Error e = std::move(line).error();
    return std::move(field_error(e.code, e.found == "/" ? "" : e.found, e.message, file_name))
        .want(e.expected, e.found);
  }
  out.json = std::move(*line);
  out.message = std::move(message);
  return out;
}

}  // namespace edigate::canonical
