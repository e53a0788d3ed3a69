#include "mapping/json_source.hpp"

#include "canonical/decimal.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace edigate::mapping {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const Object* as_object(const Poco::Dynamic::Var& v) {
  if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>().get();
  return nullptr;
}
const Array* as_array(const Poco::Dynamic::Var& v) {
  if (v.type() == typeid(Array::Ptr)) return v.extract<Array::Ptr>().get();
  return nullptr;
}

// Object::get copies the value; iterators give references that live as long as the document.
Object::ConstIterator find_member(const Object& o, std::string_view name) {
  for (auto it = o.begin(); it != o.end(); ++it)
    if (it->first == name) return it;
  return o.end();
}

// "status.type": nested members; the first array element when one is met.
const Poco::Dynamic::Var* member_path(const Poco::Dynamic::Var& v, std::string_view key) {
  const Poco::Dynamic::Var* cur = &v;
  while (!key.empty()) {
    if (const Array* a = as_array(*cur)) {
      if (a->size() == 0) return nullptr;
      cur = &*a->begin();
    }
    const Object* o = as_object(*cur);
    if (!o) return nullptr;
    auto dot = key.find('.');
    auto it = find_member(*o, key.substr(0, dot));
    if (it == o->end()) return nullptr;
    cur = &it->second;
    key = dot == std::string_view::npos ? std::string_view{} : key.substr(dot + 1);
  }
  return cur;
}

bool conds_ok(const Poco::Dynamic::Var& v, const Step& s) {
  for (const Cond& c : s.conds) {
    std::string text;
    const Poco::Dynamic::Var* m = member_path(v, c.key);
    bool present = m && JsonSource::scalar_text(*m, text) && !text.empty();
    bool hit;
    if (c.presence) {
      hit = present;
    } else {
      hit = false;
      for (const auto& want : c.values)
        if (text == want) { hit = true; break; }
    }
    if (hit == c.negate) return false;
  }
  return true;
}

}  // namespace

bool JsonSource::scalar_text(const Poco::Dynamic::Var& v, std::string& out) {
  try {
    if (v.isEmpty()) return false;
    if (v.isString()) { out = v.extract<std::string>(); return true; }
    if (v.isBoolean()) { out = v.convert<bool>() ? "true" : "false"; return true; }
    if (v.isInteger()) { out = v.convert<std::string>(); return true; }
    if (v.isNumeric()) {
      auto d = canonical::decimal_from_json_number(v.convert<double>());
      if (!d) return false;
      out = std::move(d).value();
      return true;
    }
  } catch (const std::exception&) {
  }
  return false;
}

bool JsonSource::walk(const Step* steps, std::size_t n, const Ctx& ctx, const std::function<bool(const Ctx&)>& f,
                      bool expand_last) const {
  const Poco::Dynamic::Var& v = *ctx.node;
  if (const Array* a = as_array(v); a && (n > 0 || expand_last)) {
    // Arrays directly inside arrays recurse without consuming a step: bound the nesting.
    if (++array_depth_ > kMaxArrayNesting) { --array_depth_; return true; }
    struct Leave { int& d; ~Leave() { --d; } } leave{array_depth_};
    // An array on the way: every element, in order.
    std::uint32_t i = 0;
    for (auto it = a->begin(); it != a->end(); ++it)
      if (!walk(steps, n, Ctx{&*it, ++i}, f, expand_last)) return false;
    return true;
  }
  if (n == 0) return f(ctx);
  const Step& s = steps[0];
  const Object* o = as_object(v);
  if (!o) return true;
  auto it = find_member(*o, s.name);
  if (it == o->end()) return true;
  const Poco::Dynamic::Var& m = it->second;
  if (const Array* a = as_array(m)) {
    std::uint32_t i = 0;
    for (auto e = a->begin(); e != a->end(); ++e) {
      ++i;
      if (s.index >= 0 && static_cast<std::uint32_t>(s.index) + 1 != i) continue;
      if (!conds_ok(*e, s)) continue;
      if (!walk(steps + 1, n - 1, Ctx{&*e, i}, f, expand_last)) return false;
    }
    return true;
  }
  if (s.index > 0 || !conds_ok(m, s)) return true;
  return walk(steps + 1, n - 1, Ctx{&m, ctx.index}, f, expand_last);
}

bool JsonSource::first(std::int32_t p, const Ctx& ctx, std::string& out, Position& where) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  Ctx start = path.absolute ? root() : ctx;
  bool found = false;
  walk(path.steps.data(), path.steps.size(), start, [&](const Ctx& c) {
    if (scalar_text(*c.node, out) && !out.empty()) { found = true; return false; }
    return true;
  }, true);
  where = position(ctx);
  return found;
}

void JsonSource::each_value(std::int32_t p, const Ctx& ctx, const std::function<void(std::string, const Ctx&)>& f) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  walk(path.steps.data(), path.steps.size(), path.absolute ? root() : ctx, [&](const Ctx& c) {
    std::string v;
    if (scalar_text(*c.node, v) && !v.empty()) f(std::move(v), c);
    return true;
  }, true);
}

void JsonSource::each(std::int32_t p, const Ctx& ctx, const std::function<bool(const Ctx&)>& f) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  walk(path.steps.data(), path.steps.size(), path.absolute ? root() : ctx, f, true);
}

std::size_t JsonSource::count(std::int32_t p, const Ctx& ctx) const {
  std::size_t n = 0;
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  walk(path.steps.data(), path.steps.size(), path.absolute ? root() : ctx, [&](const Ctx&) { ++n; return true; }, true);
  return n;
}

}  // namespace edigate::mapping
