#include "canonical/envelope.hpp"

#include "canonical/json_io.hpp"

#include <Poco/JSON/Array.h>

#include <array>

namespace edigate::canonical {
namespace {

void set_if(Poco::JSON::Object& object, const std::string& key, const std::string& value) {
  if (!value.empty()) object.set(key, value);
}

Poco::JSON::Object::Ptr identity_json(const Identity& identity) {
  auto out = make_object();
  set_if(*out, "qualifier", identity.qualifier);
  out->set("id", identity.id);
  return out;
}

Poco::JSON::Object::Ptr source_json(const Source& source) {
  auto out = make_object();
  out->set("standard", source.standard);
  set_if(*out, "version", source.version);
  set_if(*out, "industry", source.industry);
  set_if(*out, "association", source.association);
  set_if(*out, "transaction_set", source.transaction_set);
  set_if(*out, "interchange_control_number", source.interchange_control_number);
  set_if(*out, "group_control_number", source.group_control_number);
  set_if(*out, "transaction_control_number", source.transaction_control_number);
  if (!source.sender.id.empty()) out->set("sender", identity_json(source.sender));
  if (!source.receiver.id.empty()) out->set("receiver", identity_json(source.receiver));
  set_if(*out, "file", source.file);
  // Poco::Dynamic::Var keeps the integer type, so the writer prints it without a fraction.
  if (source.byte_offset) out->set("byte_offset", static_cast<Poco::UInt64>(*source.byte_offset));
  return out;
}

Poco::JSON::Object::Ptr correlation_json(const Correlation& correlation) {
  auto out = make_object();
  set_if(*out, "po_number", correlation.po_number);
  set_if(*out, "shipment_id", correlation.shipment_id);
  set_if(*out, "bol", correlation.bol);
  if (!correlation.tracking_numbers.empty()) {
    Poco::JSON::Array::Ptr numbers = new Poco::JSON::Array;
    for (const auto& n : correlation.tracking_numbers) numbers->add(n);
    out->set("tracking_numbers", numbers);
  }
  return out;
}

}  // namespace

std::string_view to_string(Direction direction) noexcept {
  return direction == Direction::inbound ? "inbound" : "outbound";
}

std::span<const std::string_view> canonical_types() noexcept {
  static constexpr std::array<std::string_view, 21> kTypes = {"purchase_order",        "purchase_order_ack",
                                                              "purchase_order_change", "purchase_order_change_ack",
                                                              "ship_notice",           "invoice",
                                                              "warehouse_order",       "warehouse_advice",
                                                              "tracking_event",        "functional_ack",
                                                              "inventory_report",      "load_tender",
                                                              "load_tender_response",  "freight_invoice",
                                                              "remittance_advice",     "sales_report",
                                                              "planning_schedule",     "shipping_schedule",
                                                              "price_catalog",         "return_authorization",
                                                              "receiving_advice"};
  return kTypes;
}

bool is_canonical_type(std::string_view type) noexcept {
  for (auto t : canonical_types())
    if (t == type) return true;
  return false;
}

Poco::JSON::Object::Ptr make_object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

namespace {
std::string trim_padding(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(' ') - first + 1));
}
}  // namespace

MessageIdentity identity_of(std::string_view partner_id, const Source& source, std::uint64_t position,
                            std::string_view discriminator) {
  MessageIdentity id;
  id.partner_id = std::string(partner_id);
  // ISA05-08 are fixed-width and space padded; the same partner must hash the same whether
  // or not the caller trimmed the padding.
  id.sender_qualifier = trim_padding(source.sender.qualifier);
  id.sender_id = trim_padding(source.sender.id);
  id.receiver_qualifier = trim_padding(source.receiver.qualifier);
  id.receiver_id = trim_padding(source.receiver.id);
  id.interchange_control_number = source.interchange_control_number;
  id.group_control_number = source.group_control_number;
  id.transaction_control_number = source.transaction_control_number;
  id.position = position;
  id.discriminator = std::string(discriminator);
  return id;
}

Poco::JSON::Object::Ptr make_envelope(std::string_view type, std::string_view partner_id, Direction direction,
                                      const Source& source, const Correlation& correlation, std::uint64_t position,
                                      std::string_view discriminator) {
  auto out = make_object();
  out->set("schema", std::string(kSchemaId));
  out->set("type", std::string(type));
  out->set("message_id", message_id(identity_of(partner_id, source, position, discriminator)));
  out->set("partner_id", std::string(partner_id));
  out->set("direction", std::string(to_string(direction)));
  out->set("source", source_json(source));
  out->set("correlation", correlation_json(correlation));
  return out;
}

namespace {

void member(std::string& out, bool& first, std::string_view key) {
  if (!first) out += ',';
  first = false;
  out += '"';
  out += key;  // our own keys: plain ASCII, nothing to escape
  out += "\":";
}

void text_if(std::string& out, bool& first, std::string_view key, const std::string& value) {
  if (value.empty()) return;
  member(out, first, key);
  append_json_string(out, value);
}

void identity_text(std::string& out, const Identity& identity) {
  bool first = true;
  out += '{';
  text_if(out, first, "qualifier", identity.qualifier);
  member(out, first, "id");
  append_json_string(out, identity.id);
  out += '}';
}

}  // namespace

void append_envelope_json(std::string& out, std::string_view type, std::string_view partner_id, Direction direction,
                          const Source& source, const Correlation& correlation, std::uint64_t position,
                          std::string_view discriminator) {
  // Member for member what make_envelope() sets, in its order (source_json, correlation_json).
  bool first = true;
  out += '{';
  member(out, first, "schema");
  append_json_string(out, kSchemaId);
  member(out, first, "type");
  append_json_string(out, type);
  member(out, first, "message_id");
  append_json_string(out, message_id(identity_of(partner_id, source, position, discriminator)));
  member(out, first, "partner_id");
  append_json_string(out, partner_id);
  member(out, first, "direction");
  append_json_string(out, to_string(direction));
  member(out, first, "source");
  {
    bool f = true;
    out += '{';
    member(out, f, "standard");
    append_json_string(out, source.standard);
    text_if(out, f, "version", source.version);
    text_if(out, f, "industry", source.industry);
    text_if(out, f, "association", source.association);
    text_if(out, f, "transaction_set", source.transaction_set);
    text_if(out, f, "interchange_control_number", source.interchange_control_number);
    text_if(out, f, "group_control_number", source.group_control_number);
    text_if(out, f, "transaction_control_number", source.transaction_control_number);
    if (!source.sender.id.empty()) {
      member(out, f, "sender");
      identity_text(out, source.sender);
    }
    if (!source.receiver.id.empty()) {
      member(out, f, "receiver");
      identity_text(out, source.receiver);
    }
    text_if(out, f, "file", source.file);
    if (source.byte_offset) {
      member(out, f, "byte_offset");
      out += std::to_string(*source.byte_offset);
    }
    out += '}';
  }
  member(out, first, "correlation");
  {
    bool f = true;
    out += '{';
    text_if(out, f, "po_number", correlation.po_number);
    text_if(out, f, "shipment_id", correlation.shipment_id);
    text_if(out, f, "bol", correlation.bol);
    if (!correlation.tracking_numbers.empty()) {
      member(out, f, "tracking_numbers");
      out += '[';
      for (std::size_t i = 0; i < correlation.tracking_numbers.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, correlation.tracking_numbers[i]);
      }
      out += ']';
    }
    out += '}';
  }
  out += '}';
}

}  // namespace edigate::canonical
