#include "cli/json_output.hpp"

#include <Poco/JSON/Stringifier.h>

#include <ostream>

namespace edigate::cli {
namespace {

Poco::JSON::Object::Ptr ordered_object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Poco::Dynamic::Var value_json(std::string_view raw, const Delimiters& d) {
  auto components = [&](std::string_view rep) -> Poco::Dynamic::Var {
    Poco::JSON::Array::Ptr parts = new Poco::JSON::Array();
    std::size_t n = split_raw(rep, d.component, d.release,
                              [&](std::size_t, std::string_view c) { parts->add(unescape(c, d.release)); });
    if (n == 1) return parts->get(0);
    return parts;
  };
  if (!d.repetition) return components(raw);
  Poco::JSON::Array::Ptr reps = new Poco::JSON::Array();
  std::size_t n =
      split_raw(raw, d.repetition, d.release, [&](std::size_t, std::string_view r) { reps->add(components(r)); });
  if (n == 1) return reps->get(0);
  auto obj = ordered_object();
  obj->set("repetitions", reps);
  return obj;
}

std::string one_char(char c) { return c ? std::string(1, c) : std::string(); }

}  // namespace

Poco::JSON::Object::Ptr segment_json(const Segment& seg, const Delimiters& d) {
  auto obj = ordered_object();
  obj->set("tag", std::string(seg.tag()));
  obj->set("index", static_cast<Poco::UInt64>(seg.index));
  obj->set("offset", static_cast<Poco::UInt64>(seg.offset));
  Poco::JSON::Array::Ptr elements = new Poco::JSON::Array();
  for (std::size_t i = 1; i < seg.elements.size(); ++i) elements->add(value_json(seg.elements[i], d));
  obj->set("elements", elements);
  return obj;
}

Poco::JSON::Array::Ptr segments_json(std::span<const Segment> segs, const Delimiters& d) {
  Poco::JSON::Array::Ptr arr = new Poco::JSON::Array();
  for (const auto& s : segs) arr->add(segment_json(s, d));
  return arr;
}

Poco::JSON::Object::Ptr delimiters_json(const Delimiters& d) {
  auto obj = ordered_object();
  obj->set("element", one_char(d.element));
  obj->set("component", one_char(d.component));
  obj->set("repetition", one_char(d.repetition));
  obj->set("release", one_char(d.release));
  obj->set("decimal", one_char(d.decimal));
  obj->set("segment", d.segment);
  obj->set("suffix", d.suffix);
  return obj;
}

Poco::JSON::Object::Ptr error_json(const Error& e) {
  auto obj = ordered_object();
  obj->set("severity", e.is_warning() ? "warning" : "error");
  obj->set("code", e.code);
  obj->set("message", e.message);
  if (e.position.has_offset) obj->set("offset", static_cast<Poco::UInt64>(e.position.offset));
  if (e.position.segment_index) obj->set("segment", static_cast<Poco::UInt64>(e.position.segment_index));
  if (!e.position.segment_tag.empty()) obj->set("tag", e.position.segment_tag);
  if (e.position.element) obj->set("element", e.position.element);
  if (e.position.component) obj->set("component", e.position.component);
  if (e.position.repetition) obj->set("repetition", e.position.repetition);
  if (!e.expected.empty()) obj->set("expected", e.expected);
  if (!e.found.empty()) obj->set("found", e.found);
  obj->set("text", e.to_string());
  return obj;
}

Poco::JSON::Array::Ptr errors_json(std::span<const Error> errors) {
  Poco::JSON::Array::Ptr arr = new Poco::JSON::Array();
  for (const auto& e : errors) arr->add(error_json(e));
  return arr;
}

void write_json(std::ostream& out, const Poco::Dynamic::Var& value) { Poco::JSON::Stringifier::condense(value, out); }

}  // namespace edigate::cli
