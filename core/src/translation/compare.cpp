#include "translation/compare.hpp"

#include <Poco/JSON/Array.h>

namespace edigate::translation {
namespace {

using Poco::Dynamic::Var;

Poco::JSON::Object::Ptr as_object(const Var& v) {
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) return v.extract<Poco::JSON::Object::Ptr>();
  return nullptr;
}
Poco::JSON::Array::Ptr as_array(const Var& v) {
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) return v.extract<Poco::JSON::Array::Ptr>();
  return nullptr;
}

std::string show(const Var& v) {
  if (v.isEmpty()) return "null";
  if (as_object(v)) return "an object";
  if (as_array(v)) return "an array";
  return "\"" + v.toString() + "\"";
}

struct Rules {
  bool b_may_add_derived = false;
};

bool is_original_code(const std::string& name) { return name.rfind("original_", 0) == 0; }

std::optional<std::string> differ(const Var& a, const Var& b, const std::string& path, const Rules& rules);

std::optional<std::string> objects(const Poco::JSON::Object& a, const Poco::JSON::Object& b, const std::string& path,
                                   const std::set<std::string>* ignore, const Rules& rules) {
  for (const auto& name : a.getNames()) {
    if (ignore && ignore->count(name)) continue;
    const std::string at = path + "/" + name;
    if (!b.has(name)) return at + ": " + show(a.get(name)) + " vs missing";
    if (auto d = differ(a.get(name), b.get(name), at, rules)) return d;
  }
  for (const auto& name : b.getNames()) {
    if (ignore && ignore->count(name)) continue;
    if (rules.b_may_add_derived && (is_original_code(name) || (path.empty() && name == "correlation"))) continue;
    if (!a.has(name)) return path + "/" + name + ": missing vs " + show(b.get(name));
  }
  return std::nullopt;
}

std::optional<std::string> differ(const Var& a, const Var& b, const std::string& path, const Rules& rules) {
  const std::string at = path.empty() ? "/" : path;
  auto oa = as_object(a), ob = as_object(b);
  if (oa || ob) {
    if (!oa || !ob) return at + ": " + show(a) + " vs " + show(b);
    return objects(*oa, *ob, path, nullptr, rules);
  }
  auto aa = as_array(a), ab = as_array(b);
  if (aa || ab) {
    if (!aa || !ab) return at + ": " + show(a) + " vs " + show(b);
    for (std::size_t i = 0; i < std::min(aa->size(), ab->size()); ++i)
      if (auto d = differ(aa->get(static_cast<unsigned>(i)), ab->get(static_cast<unsigned>(i)),
                          path + "/" + std::to_string(i), rules))
        return d;
    if (aa->size() != ab->size())
      return at + ": " + std::to_string(aa->size()) + " elements vs " + std::to_string(ab->size());
    return std::nullopt;
  }
  if (a.isEmpty() != b.isEmpty() || (!a.isEmpty() && a.toString() != b.toString()))
    return at + ": " + show(a) + " vs " + show(b);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> first_difference(const Poco::JSON::Object::Ptr& a, const Poco::JSON::Object::Ptr& b,
                                            const std::set<std::string>& ignore, bool b_may_add_derived) {
  if (!a || !b) return a == b ? std::nullopt : std::optional<std::string>("/: one message is missing");
  Rules rules;
  rules.b_may_add_derived = b_may_add_derived;
  return objects(*a, *b, "", &ignore, rules);
}

}  // namespace edigate::translation
