#include "translation/message_builder.hpp"

#include "canonical/json_io.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace edigate::translation {
namespace {

using mapping::Item;

void note(canonical::Correlation& out, mapping::Correlation kind, const std::string& value) {
  if (value.empty()) return;
  switch (kind) {
    case mapping::Correlation::po_number:
      if (out.po_number.empty()) out.po_number = value;
      break;
    case mapping::Correlation::shipment_id:
      if (out.shipment_id.empty()) out.shipment_id = value;
      break;
    case mapping::Correlation::bol:
      if (out.bol.empty()) out.bol = value;
      break;
    case mapping::Correlation::tracking_numbers: {
      auto& t = out.tracking_numbers;
      if (std::find(t.begin(), t.end(), value) == t.end()) t.push_back(value);
      break;
    }
    case mapping::Correlation::none:
      break;
  }
}

void note_value(canonical::Correlation& out, mapping::Correlation kind, const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return;
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto a = v.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; a && i < a->size(); ++i) note_value(out, kind, a->get(static_cast<unsigned>(i)));
    return;
  }
  if (v.isString() || v.isNumeric()) note(out, kind, v.toString());
}

void walk(const std::vector<Item>& items, const Poco::JSON::Object& body, canonical::Correlation& out) {
  for (const Item& it : items) {
    if (!body.has(it.name)) continue;
    Poco::Dynamic::Var v = body.get(it.name);
    if (it.correlation != mapping::Correlation::none) note_value(out, it.correlation, v);
    if (it.children.empty()) continue;
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
      if (auto o = v.extract<Poco::JSON::Object::Ptr>()) walk(it.children, *o, out);
    } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
      auto a = v.extract<Poco::JSON::Array::Ptr>();
      for (std::size_t i = 0; a && i < a->size(); ++i)
        if (auto o = a->getObject(static_cast<unsigned>(i))) walk(it.children, *o, out);
    }
  }
}

}  // namespace

Poco::JSON::Object::Ptr assemble_message(std::string_view type, std::string_view partner_id,
                                         const canonical::Source& source, const canonical::Correlation& correlation,
                                         const Poco::JSON::Object::Ptr& body, std::uint64_t position,
                                         std::string_view discriminator) {
  auto message = canonical::make_envelope(type, partner_id, canonical::Direction::inbound, source, correlation,
                                          position, discriminator);
  if (body)
    for (const auto& name : body->getNames()) message->set(name, body->get(name));
  return message;
}

Result<std::string> assemble_line(std::string_view type, std::string_view partner_id, const canonical::Source& source,
                                  const canonical::Correlation& correlation, std::string_view body_members) {
  std::string line;
  line.reserve(512 + body_members.size());
  canonical::append_envelope_json(line, type, partner_id, canonical::Direction::inbound, source, correlation);
  line.pop_back();  // '}': the body's members follow the envelope's
  if (!body_members.empty()) {
    line += ',';
    line += body_members;
  }
  line += '}';
  return line;
}

bool writes_lines(const mapping::CompiledMap& map) {
  if (!map.unique_output_keys) return false;
  static constexpr std::string_view kEnvelope[] = {"schema",    "type",   "message_id", "partner_id",
                                                   "direction", "source", "correlation"};
  for (const Item& it : map.items)
    for (auto key : kEnvelope)
      if (it.name == key) return false;
  return true;
}

canonical::Correlation correlation_of(const mapping::CompiledMap& map, const Poco::JSON::Object& body) {
  canonical::Correlation out;
  walk(map.items, body, out);
  return out;
}

std::string json_discriminator(const canonical::Correlation& correlation, const Poco::JSON::Object& body) {
  std::string key;
  for (const auto& t : correlation.tracking_numbers) key += (key.empty() ? "" : ",") + t;
  if (body.has("timestamp")) key += "@" + body.get("timestamp").toString();
  return key;
}

}  // namespace edigate::translation
