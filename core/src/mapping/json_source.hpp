#pragma once
// Path evaluation over a JSON document (JSON-source maps and outbound maps). A step is an
// object member; an array met on the way is iterated (or indexed with [n]); conditions test
// members of the element ("[status.type='D']").
#include "mapping/compiled_map.hpp"

#include <edigate/error.hpp>
#include <edigate/result.hpp>

#include <Poco/Dynamic/Var.h>

#include <functional>
#include <string>
#include <string_view>

namespace edigate::mapping {

/// Parses a JSON document (a carrier API response) with Poco::JSON. An object that names the
/// same member twice is refused (`mapping.json.duplicate_key`, at the byte offset, line and
/// column of the second key, with the JSON pointer of the object): Poco would keep the last
/// value silently, and which one a sender meant is not ours to guess. Other syntax errors are
/// `mapping.json.invalid` with Poco's message.
Result<Poco::Dynamic::Var> parse_json_document(std::string_view text, const std::string& file);

struct JsonCtx {
  const Poco::Dynamic::Var* node = nullptr;
  std::uint32_t index = 0;  ///< 1-based position in the array it came from (0: not from one)
};

class JsonSource {
 public:
  using Ctx = JsonCtx;
  JsonSource(const CompiledMap& m, const Poco::Dynamic::Var& root, const std::string& file)
      : m_(m), root_(root), file_(file) {}

  Ctx root() const { return {&root_, 0}; }
  bool first(std::int32_t p, const Ctx& ctx, std::string& out, Position& where) const;
  /// Same; `at` is the context (positions in a JSON source name the file only).
  bool first_at(std::int32_t p, const Ctx& ctx, std::string& out, Ctx& at) const {
    Position ignored;
    at = ctx;
    return first(p, ctx, out, ignored);
  }
  /// The first node at path `p` without expanding a final array (nullptr when absent): lets
  /// outbound rendering refuse an array, object or boolean where an element needs text.
  const Poco::Dynamic::Var* first_node(std::int32_t p, const Ctx& ctx) const;
  void each_value(std::int32_t p, const Ctx& ctx, const std::function<void(std::string, const Ctx&)>& f) const;
  void each(std::int32_t p, const Ctx& ctx, const std::function<bool(const Ctx&)>& f) const;
  template <typename F>
  void each_hl(const Item&, const Ctx&, F&&) const {}  // JSON has no HL loops
  template <typename F>
  void each_group(const Item&, const Ctx&, F&&) const {}  // refused for JSON maps (compile.cpp)
  /// Number of elements of the array at path `p` (0 when absent or not an array).
  std::size_t count(std::int32_t p, const Ctx& ctx) const;
  Position position(const Ctx&) const {
    Position p;
    p.file = file_;
    return p;
  }

  /// Scalar as text: strings as they are, integers in decimal, other numbers as decimal
  /// strings (never via a binary float format), booleans "true"/"false", null/objects "".
  static bool scalar_text(const Poco::Dynamic::Var& v, std::string& out);

 private:
  bool walk(const Step* steps, std::size_t n, const Ctx& ctx, const std::function<bool(const Ctx&)>& f,
            bool expand_last) const;
  static constexpr int kMaxArrayNesting = 32;
  mutable int array_depth_ = 0;
  const CompiledMap& m_;
  const Poco::Dynamic::Var& root_;
  const std::string& file_;
};

}  // namespace edigate::mapping
