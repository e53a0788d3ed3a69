// Outbound maps: canonical JSON -> one transaction (docs/maps.md, "Outbound maps").
#include "mapping/convert.hpp"
#include "mapping/json_source.hpp"
#include "mapping/map_node.hpp"
#include "mapping/mapping.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>

namespace edigate::mapping {
namespace {

constexpr std::size_t kMaxSegments = 1u << 22;  // bounds output for hostile input

struct Frame {
  std::uint32_t index = 0;  // 1-based iteration of the innermost loop
  std::string hl_id, hl_parent;
};

class Renderer {
 public:
  Renderer(const CompiledMap& m, const JsonSource& src, TranslateContext& tc) : m_(m), src_(src), tc_(tc) {}

  Result<void> items(const std::vector<Item>& items, const JsonCtx& ctx, const Frame& frame, const std::string& at) {
    for (const Item& it : items) {
      if (it.kind == Item::Kind::segment) {
        EDIGATE_TRY_VOID(segment(it, ctx, frame, at));
      } else if (it.kind == Item::Kind::loop) {
        std::optional<Error> failed;
        std::uint32_t i = 0;
        const std::string& each = m_.paths[static_cast<std::size_t>(it.each)].text;
        src_.each(it.each, ctx, [&](const JsonCtx& c) {
          Frame f;
          f.index = ++i;
          f.hl_id = frame.hl_id;
          f.hl_parent = frame.hl_parent;
          if (it.hl) {
            f.hl_parent = frame.hl_id;
            f.hl_id = std::to_string(++hl_counter_);
          }
          auto r = items_checked(it.children, c, f, at + each + "[" + std::to_string(i) + "]/");
          if (!r) {
            failed = std::move(r).error();
            return false;
          }
          return true;
        });
        if (failed) return std::move(*failed);
      }
    }
    return {};
  }

  std::vector<SegmentData> segments;

 private:
  Result<void> items_checked(const std::vector<Item>& children, const JsonCtx& c, const Frame& f,
                             const std::string& at) {
    if (segments.size() > kMaxSegments) return Error("mapping.render.too_large", "rendered transaction too large");
    return items(children, c, f, at);
  }

  Result<std::string> part(const Part& p, const JsonCtx& ctx, const Position& where) {
    std::string raw;
    Position ignored;
    if (p.path >= 0) {
      // An element holds text: a boolean, array or object there is a mistake in the message,
      // not something to flatten to "true" or to its first item.
      if (const Poco::Dynamic::Var* node = src_.first_node(p.path, ctx)) {
        const char* kind = node->isBoolean()                                                     ? "a boolean"
                           : node->isArray() || node->type() == typeid(Poco::JSON::Array::Ptr)   ? "an array"
                           : node->type() == typeid(Poco::JSON::Object::Ptr) || node->isStruct() ? "an object"
                                                                                                 : nullptr;
        if (kind)
          return Error("mapping.render.value_type", "map " + m_.file + ": " +
                                                        m_.paths[static_cast<std::size_t>(p.path)].text + " is " +
                                                        kind + " where an element needs text")
              .at(where)
              .want("a string or number", kind);
      }
      if (!src_.first(p.path, ctx, raw, ignored)) raw.clear();
    }
    if (raw.empty() && p.has_const) raw = p.constant;
    if (raw.empty()) return raw;
    return convert_value(m_, p, std::move(raw), where);
  }

  Result<void> segment(const Item& seg, const JsonCtx& ctx, const Frame& frame, const std::string& at) {
    Position where;
    where.file = tc_.file;
    std::string probe;
    Position ignored;
    if (seg.when >= 0 && !src_.first(seg.when, ctx, probe, ignored)) return {};
    SegmentData out(seg.name);
    bool sourced = false, has_source_elements = false;
    for (const Item& e : seg.children) {
      if (e.kind == Item::Kind::pairs) {
        has_source_elements = true;
        EDIGATE_TRY(bool wrote, pairs(e, ctx, where, at, out));
        sourced = sourced || wrote;
        continue;
      }
      const Value& v = e.value;
      std::string value;
      if (e.when >= 0 && !src_.first(e.when, ctx, probe, ignored)) continue;  // qualifier of an absent value
      bool from_data = e.special != Special::none || v.main.path >= 0 || !v.parts.empty();
      has_source_elements =
          has_source_elements || (from_data && e.special != Special::segment_count && e.special != Special::control);
      switch (e.special) {
        case Special::control:
          value = tc_.control_number;
          break;
        case Special::segment_count:
          value = std::to_string(segments.size() + 1);
          break;
        case Special::index:
          value = std::to_string(frame.index);
          break;
        case Special::hl_id:
          value = frame.hl_id;
          break;
        case Special::hl_parent:
          value = frame.hl_parent;
          break;
        case Special::count:
          value = std::to_string(src_.count(v.main.path, ctx));
          break;
        case Special::none:
          if (v.parts.empty()) {
            EDIGATE_TRY(value, part(v.main, ctx, where));
          } else {
            for (const Part& p : v.parts) {
              EDIGATE_TRY(auto s, part(p, ctx, where));
              if (s.empty()) continue;
              if (!value.empty()) value += v.separator;
              value += s;
              if (v.coalesce) break;
            }
          }
          break;
      }
      if (value.empty() && v.has_default) value = v.default_value;
      if (value.empty()) {
        if (v.required) {
          std::string src =
              v.main.path >= 0 ? m_.paths[static_cast<std::size_t>(v.main.path)].text : std::string("value");
          return Error("mapping.field.required", "map " + m_.file + ": required element " + e.name + " has no value")
              .at(where)
              .want(at + src, "");
        }
        continue;
      }
      if (auto bad = control_character(value)) {
        // A CR, LF or NUL inside a value would end or corrupt the segment at the receiver
        // (EDI injection); no release character can carry them.
        return Error("mapping.render.control_character",
                     "map " + m_.file + ": value for " + element_name(seg.name, e.pos) + " holds a control character")
            .at(where)
            .want("printable text", "byte 0x" + hex(*bad));
      }
      if (from_data && e.special != Special::segment_count && e.special != Special::control) sourced = true;
      put(out, e.pos, e.comp, std::move(value));
    }
    // A segment fed by data is written only when some data was there; constant-only segments
    // (ST, SE, fixed qualifiers) always are.
    if (has_source_elements && !sourced) return {};
    segments.push_back(std::move(out));
    return {};
  }

  static void put(SegmentData& out, std::size_t pos, std::size_t comp, std::string value) {
    if (out.elements.size() < pos) out.elements.resize(pos);
    Element& el = out.elements[pos - 1];
    if (el.empty()) el.emplace_back();
    comp = comp ? comp : 1;
    if (el[0].size() < comp) el[0].resize(comp);
    el[0][comp - 1] = std::move(value);
  }

  static std::optional<unsigned char> control_character(std::string_view v) {
    for (char c : v) {
      auto b = static_cast<unsigned char>(c);
      if (b < 0x20 || b == 0x7f) return b;
    }
    return std::nullopt;
  }

  static std::string hex(unsigned char b) {
    const char* digits = "0123456789ABCDEF";
    return {digits[b >> 4], digits[b & 15]};
  }

  static std::string element_name(const std::string& tag, std::size_t pos) {
    return tag + (pos < 10 ? "0" : "") + std::to_string(pos);
  }

  // Ids with a value fill the qualifier/value slots from the first one, so no pair is left
  // empty before a later one (LIN02/LIN03 are mandatory; PO1 must not read "****VP*..").
  // An id with no slot left is an error, not dropped: the receiver would lose it silently.
  Result<bool> pairs(const Item& p, const JsonCtx& ctx, const Position& where, const std::string& at,
                     SegmentData& out) {
    std::size_t used = 0;
    for (const PairSpec& ps : p.pair_specs) {
      EDIGATE_TRY(std::string value, part(ps.value, ctx, where));
      if (value.empty()) continue;
      std::string qualifier = ps.qualifier.constant;
      if (!ps.qualifier.has_const) {
        EDIGATE_TRY(qualifier, convert_value(m_, ps.qualifier, value, where));
      }
      std::string src = ps.value.path >= 0 ? m_.paths[static_cast<std::size_t>(ps.value.path)].text : ps.value.constant;
      if (qualifier.empty())
        return Error("mapping.pairs.qualifier", "map " + m_.file + ": no qualifier for the id in " +
                                                    element_name(p.name, p.slots.front() + 1) + "..")
            .at(where)
            .want(at + src, value);
      if (used == p.slots.size())
        return Error("mapping.pairs.overflow",
                     "map " + m_.file + ": " + p.name + " holds " + std::to_string(p.slots.size()) + " id pairs (" +
                         element_name(p.name, p.slots.front()) + ".." + element_name(p.name, p.slots.back() + 1) +
                         "); no room for " + qualifier + " " + value)
            .at(where)
            .want(at + src, value);
      if (auto bad = control_character(value))
        return Error("mapping.render.control_character",
                     "map " + m_.file + ": id value for " + p.name + " holds a control character")
            .at(where)
            .want("printable text", "byte 0x" + hex(*bad));
      put(out, p.slots[used], 0, std::move(qualifier));
      put(out, p.slots[used] + 1u, 0, std::move(value));
      ++used;
    }
    return used > 0;
  }

  const CompiledMap& m_;
  const JsonSource& src_;
  TranslateContext& tc_;
  std::uint32_t hl_counter_ = 0;
};

}  // namespace

Result<TransactionData> render(const CompiledMap& map, const Poco::JSON::Object::Ptr& message,
                               TranslateContext& context) {
  if (map.inbound())
    return Error("mapping.direction", "map " + map.file + " is not an outbound map").at(file_position(context.file));
  if (!message) return Error("mapping.input.empty", "no message to render").at(file_position(context.file));
  try {
    Poco::Dynamic::Var root(message);
    JsonSource src(map, root, context.file);
    Renderer r(map, src, context);
    EDIGATE_TRY_VOID(r.items(map.items, src.root(), Frame{}, {}));
    TransactionData out;
    out.segments = std::move(r.segments);
    return out;
  } catch (const std::exception& ex) {
    return Error("mapping.internal", std::string("rendering aborted: ") + ex.what())
        .at(file_position(context.file))
        .as(ErrorCategory::internal);
  }
}

}  // namespace edigate::mapping
