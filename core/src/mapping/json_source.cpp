#include "mapping/json_source.hpp"

#include "canonical/decimal.hpp"
#include "mapping/map_node.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <set>
#include <vector>

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
        if (text == want) {
          hit = true;
          break;
        }
    }
    if (hit == c.negate) return false;
  }
  return true;
}

// Poco's ParseHandler builds the tree; this one also remembers the keys of every open object
// and stops at the first repeated one.
struct DuplicateKey {
  std::string key, pointer;
};

class StrictHandler : public Poco::JSON::ParseHandler {
 public:
  void reset() override {
    frames_.clear();
    Poco::JSON::ParseHandler::reset();
  }
  void startObject() override {
    element();
    frames_.push_back({});
    Poco::JSON::ParseHandler::startObject();
  }
  void endObject() override {
    frames_.pop_back();
    Poco::JSON::ParseHandler::endObject();
  }
  void startArray() override {
    element();
    frames_.push_back({true, 0, {}, {}});
    Poco::JSON::ParseHandler::startArray();
  }
  void endArray() override {
    frames_.pop_back();
    Poco::JSON::ParseHandler::endArray();
  }
  void key(const std::string& k) override {
    Frame& f = frames_.back();
    if (!f.keys.insert(k).second) throw DuplicateKey{k, pointer()};
    f.key = k;
    Poco::JSON::ParseHandler::key(k);
  }
  void null() override {
    element();
    Poco::JSON::ParseHandler::null();
  }
  void value(int v) override {
    element();
    Poco::JSON::ParseHandler::value(v);
  }
  void value(unsigned v) override {
    element();
    Poco::JSON::ParseHandler::value(v);
  }
  void value(Poco::Int64 v) override {
    element();
    Poco::JSON::ParseHandler::value(v);
  }
  void value(Poco::UInt64 v) override {
    element();
    Poco::JSON::ParseHandler::value(v);
  }
  void value(const std::string& v) override {
    element();
    Poco::JSON::ParseHandler::value(v);
  }
  void value(double v) override {
    element();
    Poco::JSON::ParseHandler::value(v);
  }
  void value(bool v) override {
    element();
    Poco::JSON::ParseHandler::value(v);
  }

 private:
  struct Frame {
    bool array = false;
    std::size_t count = 0;  // array: elements started so far
    std::string key;        // object: the member being read
    std::set<std::string> keys;
  };
  void element() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().count;
  }
  // RFC 6901 pointer of the innermost open object.
  std::string pointer() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      std::string step = frames_[i].array ? std::to_string(frames_[i].count - 1) : frames_[i].key;
      std::string escaped;
      for (char c : step) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      out += "/" + escaped;
    }
    return out.empty() ? "/" : out;
  }
  std::vector<Frame> frames_;
};

// Whether parsing text[0, n) meets the duplicate key (a shorter prefix fails on truncation).
bool duplicate_within(std::string_view text, std::size_t n) {
  StrictHandler::Ptr h = new StrictHandler;
  Poco::JSON::Parser parser(h);
  try {
    parser.parse(std::string(text.substr(0, n)));
  } catch (const DuplicateKey&) {
    return true;
  } catch (const std::exception&) {}
  return false;
}

// Poco does not say where a handler stopped it. The handler sees the key as soon as its closing
// quote is read, so the shortest prefix that still meets the duplicate ends right there: found by
// bisection (only on this error path), then back to the opening quote.
std::size_t duplicate_key_offset(std::string_view text) {
  std::size_t lo = 0, hi = text.size();
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (duplicate_within(text, mid))
      hi = mid;
    else
      lo = mid + 1;
  }
  std::size_t q = lo >= 2 ? lo - 2 : 0;  // lo - 1 is the closing quote
  for (; q > 0; --q) {
    if (text[q] != '"') continue;
    std::size_t backslashes = 0;
    while (q > backslashes && text[q - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) break;
  }
  return q;
}

}  // namespace

Result<Poco::Dynamic::Var> parse_json_document(std::string_view text, const std::string& file) {
  StrictHandler::Ptr handler = new StrictHandler;
  Poco::JSON::Parser parser(handler);
  try {
    return parser.parse(std::string(text));
  } catch (const DuplicateKey& dup) {
    Position p;
    p.file = file;
    p.offset = duplicate_key_offset(text);
    p.has_offset = true;
    p.line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < p.offset; ++i)
      if (text[i] == '\n') {
        ++p.line;
        line_start = i + 1;
      }
    p.column = static_cast<std::uint32_t>(p.offset - line_start + 1);
    return Error("mapping.json.duplicate_key", "object " + dup.pointer + " has the member \"" + dup.key + "\" twice")
        .at(std::move(p))
        .want("each member name once per object", dup.key);
  } catch (const Poco::Exception& ex) {
    return Error("mapping.json.invalid", "not valid JSON: " + ex.displayText()).at(file_position(file));
  } catch (const std::exception& ex) {
    return Error("mapping.json.invalid", std::string("not valid JSON: ") + ex.what()).at(file_position(file));
  }
}

bool JsonSource::scalar_text(const Poco::Dynamic::Var& v, std::string& out) {
  try {
    if (v.isEmpty()) return false;
    if (v.isString()) {
      out = v.extract<std::string>();
      return true;
    }
    if (v.isBoolean()) {
      out = v.convert<bool>() ? "true" : "false";
      return true;
    }
    if (v.isInteger()) {
      out = v.convert<std::string>();
      return true;
    }
    if (v.isNumeric()) {
      auto d = canonical::decimal_from_json_number(v.convert<double>());
      if (!d) return false;
      out = std::move(d).value();
      return true;
    }
  } catch (const std::exception&) {}
  return false;
}

bool JsonSource::walk(const Step* steps, std::size_t n, const Ctx& ctx, const std::function<bool(const Ctx&)>& f,
                      bool expand_last) const {
  const Poco::Dynamic::Var& v = *ctx.node;
  if (const Array* a = as_array(v); a && (n > 0 || expand_last)) {
    // Arrays directly inside arrays recurse without consuming a step: bound the nesting.
    if (++array_depth_ > kMaxArrayNesting) {
      --array_depth_;
      return true;
    }
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{array_depth_};
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
  walk(
      path.steps.data(), path.steps.size(), start,
      [&](const Ctx& c) {
        if (scalar_text(*c.node, out) && !out.empty()) {
          found = true;
          return false;
        }
        return true;
      },
      true);
  where = position(ctx);
  return found;
}

const Poco::Dynamic::Var* JsonSource::first_node(std::int32_t p, const Ctx& ctx) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  if (path.steps.empty()) return nullptr;
  const Step& last = path.steps.back();
  const Poco::Dynamic::Var* found = nullptr;
  // Walk to the objects holding the last member, then take that member as it is: walk() would
  // step into an array there and hand out its first item.
  const bool plain_last = last.conds.empty() && last.index < 0;
  walk(
      path.steps.data(), path.steps.size() - (plain_last ? 1 : 0), path.absolute ? root() : ctx,
      [&](const Ctx& c) {
        const Poco::Dynamic::Var* node = c.node;
        if (plain_last) {
          const Object* o = as_object(*c.node);
          if (!o) return true;
          auto it = find_member(*o, last.name);
          if (it == o->end()) return true;
          node = &it->second;
        }
        if (node->isEmpty()) return true;
        found = node;
        return false;
      },
      false);
  return found;
}

void JsonSource::each_value(std::int32_t p, const Ctx& ctx,
                            const std::function<void(std::string, const Ctx&)>& f) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  walk(
      path.steps.data(), path.steps.size(), path.absolute ? root() : ctx,
      [&](const Ctx& c) {
        std::string v;
        if (scalar_text(*c.node, v) && !v.empty()) f(std::move(v), c);
        return true;
      },
      true);
}

void JsonSource::each(std::int32_t p, const Ctx& ctx, const std::function<bool(const Ctx&)>& f) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  walk(path.steps.data(), path.steps.size(), path.absolute ? root() : ctx, f, true);
}

std::size_t JsonSource::count(std::int32_t p, const Ctx& ctx) const {
  std::size_t n = 0;
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  walk(
      path.steps.data(), path.steps.size(), path.absolute ? root() : ctx,
      [&](const Ctx&) {
        ++n;
        return true;
      },
      true);
  return n;
}

}  // namespace edigate::mapping
