#include "canonical/json_schemas.hpp"

// valijson reports schema problems by exception rather than abort().
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/poco_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace edigate::canonical {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// The schemas' $id prefix: relative references ("common.schema.json#/$defs/text") are made
// absolute with it so valijson fetches them through fetch_schema below.
constexpr std::string_view kBase = "https://edigate.dev/canonical/v1/";
constexpr std::string_view kSuffix = ".schema.json";

Object::Ptr parse_object(const char* name, const char* text) {
  Poco::JSON::Parser parser;
  Poco::Dynamic::Var v = parser.parse(text);
  Object::Ptr o = v.extract<Object::Ptr>();
  if (!o) throw std::runtime_error(std::string(name) + " is not a JSON object");
  return o;
}

const EmbeddedSchema* find_text(std::string_view name) {
  for (const EmbeddedSchema& s : embedded_schema_texts())
    if (name == s.name) return &s;
  return nullptr;
}

// Every embedded schema parsed once, as published; only read afterwards (field lookups follow
// cross-file $refs through these instead of parsing common.schema.json again each time).
Object::Ptr published(std::string_view name) {
  static const std::vector<std::pair<std::string, Object::Ptr>> docs = [] {
    std::vector<std::pair<std::string, Object::Ptr>> all;
    for (const EmbeddedSchema& s : embedded_schema_texts()) all.emplace_back(s.name, parse_object(s.name, s.text));
    return all;
  }();
  for (const auto& [n, doc] : docs)
    if (n == name) return doc;
  return nullptr;
}

// --- draft 2020-12 -> draft 7 for valijson ----------------------------------------------------
// The published schemas are 2020-12: "$ref" beside other keywords (both apply) and
// "unevaluatedProperties": false over an envelope pulled in by "$ref". valijson implements
// draft 7, where a "$ref" hides its siblings, so the same constraints are restated in draft-7
// terms: siblings move into an allOf beside the reference, and unevaluatedProperties becomes
// additionalProperties over the node's own properties plus the referenced ones.

Object::Ptr resolve_local(const Object::Ptr& doc, std::string_view pointer) {
  Object::Ptr cur = doc;
  std::size_t start = pointer.empty() || pointer[0] != '/' ? 0 : 1;
  while (cur && start < pointer.size()) {
    std::size_t slash = pointer.find('/', start);
    if (slash == std::string_view::npos) slash = pointer.size();
    cur = cur->getObject(std::string(pointer.substr(start, slash - start)));
    start = slash + 1;
  }
  return cur;
}

// The object a "$ref" names, in `doc` or another embedded schema file (raw, as published).
Object::Ptr resolve_ref(const std::string& ref, const Object::Ptr& doc) {
  std::size_t hash = ref.find('#');
  std::string file = ref.substr(0, hash);
  std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
  if (file.rfind(kBase, 0) == 0) file.erase(0, kBase.size());
  Object::Ptr target_doc = file.empty() ? doc : published(file);
  if (!target_doc) return nullptr;
  return resolve_local(target_doc, pointer);
}

void to_draft7(Object::Ptr node, const Object::Ptr& doc);

void to_draft7_value(const Poco::Dynamic::Var& v, const Object::Ptr& doc) {
  if (v.type() == typeid(Object::Ptr)) {
    to_draft7(v.extract<Object::Ptr>(), doc);
  } else if (v.type() == typeid(Array::Ptr)) {
    Array::Ptr a = v.extract<Array::Ptr>();
    for (std::size_t i = 0; i < a->size(); ++i) to_draft7_value(a->get(i), doc);
  }
}

void to_draft7(Object::Ptr node, const Object::Ptr& doc) {
  if (!node) return;
  std::vector<std::string> names;
  node->getNames(names);
  for (const std::string& n : names) to_draft7_value(node->get(n), doc);
  if (!node->has("$ref")) return;
  std::string ref = node->getValue<std::string>("$ref");
  if (node->has("unevaluatedProperties")) {
    Object::Ptr target = resolve_ref(ref, doc);
    Object::Ptr props = node->getObject("properties");
    if (!props) {
      props = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
      node->set("properties", props);
    }
    if (target && target->getObject("properties")) {
      std::vector<std::string> inherited;
      target->getObject("properties")->getNames(inherited);
      for (const std::string& p : inherited)
        if (!props->has(p)) props->set(p, Object::Ptr(new Object));
    }
    node->set("additionalProperties", node->get("unevaluatedProperties"));
    node->remove("unevaluatedProperties");
  }
  if (ref.rfind('#', 0) != 0) ref = std::string(kBase) + ref;  // another file: absolute
  Object::Ptr siblings(new Object(Poco::JSON_PRESERVE_KEY_ORDER));
  node->getNames(names);
  for (const std::string& n : names) {
    if (n == "$ref" || n == "$defs" || n == "$id" || n == "$schema" || n == "title" || n == "description") continue;
    siblings->set(n, node->get(n));
    node->remove(n);
  }
  node->remove("$ref");
  Object::Ptr reference(new Object);
  reference->set("$ref", ref);
  Array::Ptr all(new Array);
  all->add(reference);
  if (siblings->size() > 0) all->add(siblings);
  node->set("allOf", all);
}

Object::Ptr draft7_copy(const EmbeddedSchema& s) {
  Object::Ptr doc = parse_object(s.name, s.text);
  to_draft7(doc, doc);
  return doc;
}

const Poco::Dynamic::Var* fetch_schema(const std::string& uri) {
  std::string name = uri.rfind(kBase, 0) == 0 ? uri.substr(kBase.size()) : uri;
  const EmbeddedSchema* s = find_text(name);
  if (!s) return nullptr;
  return new Poco::Dynamic::Var(draft7_copy(*s));
}

void free_schema(const Poco::Dynamic::Var* doc) { delete doc; }

// --- field lookup over the published schemas ---------------------------------------------------

struct SchemaNode {
  Object::Ptr node;
  Object::Ptr doc;
};

// `n` and everything it pulls in through $ref, allOf and anyOf (alternatives all count: a
// field declared by one of them exists).
void expand(const SchemaNode& n, std::vector<SchemaNode>& out, int depth = 0) {
  if (!n.node || depth > 16) return;
  out.push_back(n);
  if (n.node->has("$ref")) {
    std::string ref = n.node->getValue<std::string>("$ref");
    std::size_t hash = ref.find('#');
    std::string file = ref.substr(0, hash);
    Object::Ptr doc = file.empty() ? n.doc : published(file);
    if (doc) expand({resolve_local(doc, hash == std::string::npos ? "" : ref.substr(hash + 1)), doc}, out, depth + 1);
  }
  for (const char* kw : {"allOf", "anyOf", "oneOf"}) {
    Array::Ptr a = n.node->getArray(kw);
    if (!a) continue;
    for (std::size_t i = 0; i < a->size(); ++i)
      if (a->get(i).type() == typeid(Object::Ptr))
        expand({a->getObject(static_cast<unsigned>(i)), n.doc}, out, depth + 1);
  }
}

// Follows member names from a type's root (arrays stepped through into their items); the
// schema nodes of the last step, expanded. `array` is set when the last step was an array.
bool resolve_path(const Object::Ptr& root, std::span<const std::string> path, std::vector<SchemaNode>& nodes,
                  bool* array) {
  nodes.clear();
  expand({root, root}, nodes);
  for (const std::string& name : path) {
    std::vector<SchemaNode> next;
    for (const SchemaNode& n : nodes) {
      Object::Ptr props = n.node->getObject("properties");
      if (props && props->has(name) && props->get(name).type() == typeid(Object::Ptr))
        expand({props->getObject(name), n.doc}, next);
    }
    if (next.empty()) return false;
    if (array) *array = false;
    std::vector<SchemaNode> items;
    for (const SchemaNode& n : next)
      if (n.node->has("items") && n.node->get("items").type() == typeid(Object::Ptr))
        expand({n.node->getObject("items"), n.doc}, items);
    if (!items.empty()) {
      if (array) *array = true;
      next = std::move(items);
    }
    nodes = std::move(next);
  }
  return true;
}

std::string pointer_of(const std::vector<std::string>& context) {
  std::string out;
  for (const std::string& c : context) {
    if (c == "<root>") continue;
    std::string name = c.size() >= 2 && c.front() == '[' && c.back() == ']' ? c.substr(1, c.size() - 2) : c;
    out += '/';
    for (char ch : name) {
      if (ch == '~')
        out += "~0";
      else if (ch == '/')
        out += "~1";
      else
        out += ch;
    }
  }
  return out;
}

// The value at a JSON pointer of the message, as JSON text, when it is a string or number
// (short); empty otherwise.
std::string scalar_at(const Poco::Dynamic::Var& message, const std::string& pointer) {
  Poco::Dynamic::Var cur = message;
  std::size_t start = pointer.empty() ? std::string::npos : 1;
  while (start != std::string::npos && start <= pointer.size()) {
    std::size_t slash = pointer.find('/', start);
    std::string step = pointer.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    for (std::size_t i; (i = step.find("~1")) != std::string::npos;) step.replace(i, 2, "/");
    for (std::size_t i; (i = step.find("~0")) != std::string::npos;) step.replace(i, 2, "~");
    if (cur.type() == typeid(Object::Ptr)) {
      Object::Ptr o = cur.extract<Object::Ptr>();
      if (!o || !o->has(step)) return {};
      cur = o->get(step);
    } else if (cur.type() == typeid(Array::Ptr)) {
      Array::Ptr a = cur.extract<Array::Ptr>();
      if (!a || step.empty() || step.find_first_not_of("0123456789") != std::string::npos || step.size() > 9) return {};
      std::size_t i = std::stoul(step);
      if (i >= a->size()) return {};
      cur = a->get(static_cast<unsigned>(i));
    } else {
      return {};
    }
    start = slash == std::string::npos ? std::string::npos : slash + 1;
  }
  if (cur.isEmpty() || cur.type() == typeid(Object::Ptr) || cur.type() == typeid(Array::Ptr)) return {};
  std::string text = cur.toString();
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return cur.isString() ? "\"" + text + "\"" : text;
}

}  // namespace

struct JsonSchemas::Compiled {
  Object::Ptr raw;  // as published, for field()
  valijson::Schema schema;
};

JsonSchemas::JsonSchemas() {
  for (const EmbeddedSchema& s : embedded_schema_texts()) {
    std::string_view name = s.name;
    if (name == "common.schema.json") {
      common_ = published(name);
      continue;
    }
    if (name.size() <= kSuffix.size()) continue;
    auto c = std::make_unique<Compiled>();
    c->raw = published(name);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    Poco::Dynamic::Var doc(draft7_copy(s));
    valijson::adapters::PocoJsonAdapter adapter(doc);
    parser.populateSchema(adapter, c->schema, fetch_schema, free_schema);
    types_.emplace_back(name.substr(0, name.size() - kSuffix.size()));
    compiled_.push_back(std::move(c));
  }
}

JsonSchemas::~JsonSchemas() = default;

const JsonSchemas& JsonSchemas::embedded() {
  static const JsonSchemas* instance = [] {
    try {
      return new JsonSchemas();
    } catch (const std::exception& ex) {
      std::fprintf(stderr, "edigate: the embedded canonical JSON Schemas do not load: %s\n", ex.what());
      std::abort();
    }
  }();
  return *instance;
}

bool JsonSchemas::has_type(std::string_view type) const {
  return std::find(types_.begin(), types_.end(), type) != types_.end();
}

std::vector<std::string> JsonSchemas::members(std::string_view type, std::span<const std::string> path) const {
  std::vector<std::string> out;
  auto it = std::find(types_.begin(), types_.end(), type);
  if (it == types_.end()) return out;
  std::vector<SchemaNode> nodes;
  if (!resolve_path(compiled_[static_cast<std::size_t>(it - types_.begin())]->raw, path, nodes, nullptr)) return out;
  for (const SchemaNode& n : nodes)
    if (Object::Ptr props = n.node->getObject("properties")) {
      std::vector<std::string> names;
      props->getNames(names);
      out.insert(out.end(), names.begin(), names.end());
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

FieldInfo JsonSchemas::field(std::string_view type, std::span<const std::string> path) const {
  FieldInfo info;
  auto it = std::find(types_.begin(), types_.end(), type);
  if (it == types_.end()) return info;
  std::vector<SchemaNode> nodes;
  if (!resolve_path(compiled_[static_cast<std::size_t>(it - types_.begin())]->raw, path, nodes, &info.array))
    return FieldInfo{};
  info.found = true;
  for (const SchemaNode& n : nodes) {
    if (n.node->getObject("properties")) info.object = true;
    if (Array::Ptr e = n.node->getArray("enum"))
      for (std::size_t i = 0; i < e->size(); ++i) info.enum_values.push_back(e->get(i).toString());
    if (n.node->has("const")) info.enum_values.push_back(n.node->get("const").toString());
  }
  return info;
}

std::vector<SchemaProblem> JsonSchemas::validate(const Poco::Dynamic::Var& message) const {
  if (message.type() != typeid(Object::Ptr) || !message.extract<Object::Ptr>())
    return {{"", "a canonical message is a JSON object"}};
  Object::Ptr obj = message.extract<Object::Ptr>();
  if (!obj->has("type") || !obj->get("type").isString())
    return {{"/type", "no \"type\": a canonical message names its type (one of the published schemas)"}};
  std::string type = obj->getValue<std::string>("type");
  auto it = std::find(types_.begin(), types_.end(), type);
  if (it == types_.end()) return {{"/type", "no published schema for type \"" + type + "\""}};
  const Compiled& c = *compiled_[static_cast<std::size_t>(it - types_.begin())];
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::PocoJsonAdapter target(message);
  if (validator.validate(c.schema, target, &results)) return {};
  // valijson also reports every enclosing schema that failed because of a nested one ("Failed to
  // validate against child schema ..."); the nested causes say what is wrong.
  std::vector<SchemaProblem> all, causes;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    SchemaProblem p{pointer_of(e.context), e.description};
    // valijson does not say which value broke an enum, pattern or type rule: name it.
    if (const std::string found = scalar_at(message, p.path); !found.empty()) p.message += " found " + found;
    if (e.description.rfind("Failed to validate", 0) != 0) causes.push_back(p);
    all.push_back(std::move(p));
  }
  return causes.empty() ? all : causes;
}

}  // namespace edigate::canonical
