#pragma once
// Where the inbound Builder (builder.hpp) writes a canonical body: PocoOut builds Poco JSON
// objects (what translate() returns), JsonOut appends the same members straight to JSON text
// (what translate_members() and the CLI write). Both have the same static interface, so the
// builder is written once for either.
#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"
#include "mapping/compiled_map.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>

namespace edigate::mapping {

/// Where a value goes, kept as a chain and spelled out ("lines[2].items") only for an error.
struct OutPath {
  const OutPath* parent = nullptr;
  const std::string* name = nullptr;
  std::size_t index = 0;  ///< 1-based array element, 0: not an element
  std::string str() const {
    std::string s = parent ? parent->str() + "." + *name : *name;
    if (index) s += "[" + std::to_string(index) + "]";
    return s;
  }
};

/// Output into Poco objects (insertion-ordered): what translate() returns.
struct PocoOut {
  using Obj = Poco::JSON::Object;
  using Arr = Poco::JSON::Array::Ptr;
  struct Child {
    Poco::JSON::Object::Ptr obj = canonical::make_object();
    Poco::JSON::Object& get() { return *obj; }
  };
  static void set(Obj& o, const Item& it, const std::string& v) { o.set(it.name, v); }
  static void set_int(Obj& o, const Item& it, Poco::Int64 v) { o.set(it.name, v); }
  static Child open_object(Obj&, const Item&) { return {}; }
  static bool close_object(Obj& o, const Item& it, Child& c) {
    if (c.obj->size() == 0) return false;
    o.set(it.name, c.obj);
    return true;
  }
  static Arr open_array(Obj&, const Item&) { return new Poco::JSON::Array; }
  static std::size_t size(const Arr& a) { return a->size(); }
  static Child open_element(Arr&) { return {}; }
  static void close_element(Arr& a, Child& c) {
    if (c.obj->size() > 0) a->add(c.obj);
  }
  static void add(Arr& a, std::string v) { a->add(std::move(v)); }
  static bool close_array(Obj& o, const Item& it, Arr& a) {
    if (a->size() == 0) return false;
    o.set(it.name, a);
    return true;
  }
};

/// Output straight into JSON text, byte for byte what canonical::to_json_line writes for the
/// PocoOut result (same member order, escapes and integers), without building objects. An
/// object or array that stays empty is cut off again, as PocoOut leaves it out. Needs a map
/// whose output keys are unique per object (CompiledMap::unique_output_keys): Poco would
/// overwrite a repeated key in place.
struct JsonOut {
  struct Obj {
    std::string* buf;
    std::size_t count = 0;  ///< members written
    std::size_t mark = 0;   ///< buffer size before this object's key (to cut it off)
    Obj& get() { return *this; }
  };
  using Child = Obj;
  struct Arr {
    std::string* buf;
    std::size_t n = 0;
    std::size_t mark = 0;
  };
  static void key(Obj& o, const Item& it) {
    if (o.count) *o.buf += ',';
    *o.buf += it.json_key;  // the escaped name and ':', made once by compile_map
  }
  static void set(Obj& o, const Item& it, const std::string& v) {
    key(o, it);
    canonical::append_json_string(*o.buf, v);
    ++o.count;
  }
  static void set_int(Obj& o, const Item& it, Poco::Int64 v) {
    key(o, it);
    *o.buf += std::to_string(v);
    ++o.count;
  }
  static Child open_object(Obj& o, const Item& it) {
    Child c{o.buf, 0, o.buf->size()};
    key(o, it);
    *o.buf += '{';
    return c;
  }
  static bool close_object(Obj& o, const Item&, Child& c) {
    if (c.count == 0) {
      o.buf->resize(c.mark);
      return false;
    }
    *o.buf += '}';
    ++o.count;
    return true;
  }
  static Arr open_array(Obj& o, const Item& it) {
    Arr a{o.buf, 0, o.buf->size()};
    key(o, it);
    *o.buf += '[';
    return a;
  }
  static std::size_t size(const Arr& a) { return a.n; }
  static Child open_element(Arr& a) {
    Child c{a.buf, 0, a.buf->size()};
    if (a.n) *a.buf += ',';
    *a.buf += '{';
    return c;
  }
  static void close_element(Arr& a, Child& c) {
    if (c.count == 0) {
      a.buf->resize(c.mark);
      return;
    }
    *a.buf += '}';
    ++a.n;
  }
  static void add(Arr& a, const std::string& v) {
    if (a.n++) *a.buf += ',';
    canonical::append_json_string(*a.buf, v);
  }
  static bool close_array(Obj& o, const Item&, Arr& a) {
    if (a.n == 0) {
      o.buf->resize(a.mark);
      return false;
    }
    *a.buf += ']';
    ++o.count;
    return true;
  }
};

}  // namespace edigate::mapping
