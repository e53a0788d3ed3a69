#include "mapping/map_check.hpp"

#include "canonical/json_schemas.hpp"
#include "mapping/map_check_values.hpp"
#include "mapping/outbound_literal_check.hpp"
#include "mapping/path_parser.hpp"
#include "schema/compiled_schema.hpp"

#include <algorithm>

namespace edigate::mapping {
namespace {

using Target = std::vector<std::string>;
using check_detail::all_digits;
using check_detail::closest;
using check_detail::default_fits;
using check_detail::dotted;

class Checker {
 public:
  Checker(const MapNode& root, const schema::CompiledSchema* standard, bool canonical)
      : root_(root), standard_(standard), schemas_(canonical::JsonSchemas::embedded()), canonical_(canonical) {
    type_ = root.get("type");
    inbound_ = root.get("direction") == "inbound";
    json_source_ = root.get("source", inbound_ ? "edi" : "json") == "json";
    for (const MapNode& t : root.children)
      if (t.kind == "table") tables_.push_back(&t);
  }

  Result<void> run() {
    if (canonical_ && !schemas_.has_type(type_)) {
      std::string known;
      for (const auto& t : schemas_.types()) known += (known.empty() ? "" : ", ") + t;
      return std::move(root_.error("mapping.type.unknown", "type \"" + type_ + "\" is not a canonical message type"))
          .want("one of " + known, type_);
    }
    std::string ctx;
    if (inbound_ && !json_source_) {
      if (const std::string* m = root_.attr("messages")) {
        EDIGATE_TRY_VOID(edi_path(root_, *m, false, "", &ctx));
      }
      for (const MapNode& s : root_.children)
        if (s.kind == "selector")
          for (const MapNode& w : s.children) EDIGATE_TRY_VOID(edi_path(w, w.get("path"), false, "", nullptr));
    }
    if (inbound_) return inbound_items(root_, {}, ctx);
    return outbound_items(root_, {});
  }

 private:
  // --- canonical side ---------------------------------------------------------------------

  Result<canonical::FieldInfo> target(const MapNode& n, const Target& path) {
    if (!canonical_) return canonical::FieldInfo{true, false, false, {}};
    canonical::FieldInfo info = schemas_.field(type_, path);
    if (!info.found) {
      const auto siblings = schemas_.members(type_, std::span<const std::string>(path).first(path.size() - 1));
      const std::string guess = closest(siblings, path.back());
      return std::move(
                 n.error("mapping.target.unknown", "\"" + dotted(path) + "\" is not a field of the canonical " + type_ +
                                                       " schema (docs/canonical/" + type_ + ".schema.json)" +
                                                       (guess.empty() ? "" : "; did you mean \"" + guess + "\"?")))
          .want(guess.empty() ? "a field the schema declares" : guess, path.back());
    }
    return info;
  }

  const MapNode* table(const std::string& name) const {
    for (const MapNode* t : tables_)
      if (t->get("name") == name) return t;
    return nullptr;
  }

  // A value written to a field whose schema has an enum must be one of its values.
  Result<void> enum_value(const MapNode& n, const canonical::FieldInfo& info, const Target& path,
                          const std::string& value, const std::string& what) {
    if (info.enum_values.empty() || value.empty()) return {};
    if (std::find(info.enum_values.begin(), info.enum_values.end(), value) != info.enum_values.end()) return {};
    std::string values;
    for (const auto& v : info.enum_values) values += (values.empty() ? "" : ", ") + v;
    return std::move(n.error("mapping.target.enum", what + " \"" + value + "\" is not a value of " + dotted(path) +
                                                        " in the canonical " + type_ + " schema"))
        .want("one of " + values, value);
  }

  // const=, default= and the table values (entries and default) a field or part can write.
  Result<void> written_values(const MapNode& n, const canonical::FieldInfo& info, const Target& path) {
    if (const std::string* c = n.attr("const")) {
      EDIGATE_TRY_VOID(enum_value(n, info, path, *c, "const"));
    }
    if (const std::string* t = n.attr("table")) {
      if (const MapNode* tab = table(*t)) {
        if (const std::string* d = tab->attr("default")) {
          EDIGATE_TRY_VOID(enum_value(*tab, info, path, *d, "table " + *t + " default"));
        }
        for (const MapNode& e : tab->children) {
          EDIGATE_TRY_VOID(
              enum_value(e, info, path, e.get("value"), "table " + *t + " value for code " + e.get("code")));
        }
      }
    }
    return {};
  }

  Result<void> default_value(const MapNode& n, const canonical::FieldInfo& info, const Target& path) {
    const std::string* d = n.attr("default");
    if (!d) return {};
    std::string want;
    if (const std::string* conv = n.attr("convert"); conv && !default_fits(*conv, *d, want))
      return std::move(n.error("mapping.default.invalid",
                               "default of " + dotted(path) + " is not what convert=\"" + *conv + "\" produces"))
          .want(want, *d);
    if (!n.attr("table")) return enum_value(n, info, path, *d, "default");
    return {};
  }

  // --- standard side (EDI paths) ----------------------------------------------------------

  std::string standard_name() const {
    const auto& i = standard_->info;
    return i.standard + " " + i.version + " " + i.set;
  }

  // The segment a step names (a placed segment, or a loop's trigger), or "" when unknown.
  std::string step_segment(const std::string& name) const {
    std::uint32_t s = standard_->find_segment(name);
    if (s != schema::kNone && standard_->segments[s].placed) return name;
    for (const schema::Node& node : standard_->nodes)
      if (node.loop && node.id == name) return standard_->segments[node.segment].id;
    return "";
  }

  Result<void> element(const MapNode& n, const std::string& attr, const std::string& tag, std::uint16_t element,
                       std::uint16_t component, const std::string& text) {
    std::uint32_t s = standard_->find_segment(tag);
    if (s == schema::kNone || !standard_->segments[s].placed)
      return std::move(n.error("mapping.source.segment",
                               attr + "=\"" + text + "\": segment " + tag + " is not in " + standard_name()))
          .want("a segment of the transaction set", tag);
    const schema::SegmentDef& seg = standard_->segments[s];
    const std::uint32_t count = seg.ref_end - seg.ref_begin;
    if (element == 0 || element > count)
      return std::move(n.error("mapping.source.element", attr + "=\"" + text + "\": " + tag + " has " +
                                                             std::to_string(count) + " elements in " + standard_name()))
          .want(tag + " element 1.." + std::to_string(count), std::to_string(element));
    if (tag == group_tag_ && element + group_shift_ > count)
      return std::move(n.error("mapping.source.element",
                               attr + "=\"" + text + "\": the last position group reads " + tag + " element " +
                                   std::to_string(element + group_shift_) + ", " + tag + " has " +
                                   std::to_string(count) + " elements in " + standard_name()))
          .want(tag + " element 1.." + std::to_string(count), std::to_string(element + group_shift_));
    if (component > 0) {
      const schema::ElementRef& ref = standard_->element_refs[seg.ref_begin + element - 1];
      std::uint32_t comps =
          ref.composite ? standard_->composites[ref.def].comp_end - standard_->composites[ref.def].comp_begin : 1;
      if (component > comps)
        return std::move(n.error("mapping.source.element",
                                 attr + "=\"" + text + "\": " + tag + " element " + std::to_string(element) + " has " +
                                     std::to_string(comps) + " component(s) in " + standard_name()))
            .want("component 1.." + std::to_string(comps), std::to_string(component));
    }
    return {};
  }

  Result<void> path_steps(const MapNode& n, const std::string& attr, const Path& p, std::string ctx, std::string* out) {
    if (p.absolute) ctx.clear();
    for (const Step& step : p.steps) {
      if (step.name == "..") {
        ctx.clear();
        continue;
      }  // the enclosing loop: not tracked here
      std::string seg = step_segment(step.name);
      if (seg.empty())
        return std::move(n.error("mapping.source.segment", attr + "=\"" + p.text + "\": " + step.name +
                                                               " is not a segment or loop of " + standard_name()))
            .want("a segment or loop of the transaction set", step.name);
      for (const Cond& c : step.conds) {
        for (const Path& sub : c.sub) EDIGATE_TRY_VOID(path_steps(n, attr, sub, seg, nullptr));
        if (c.sub.empty() && c.key.empty()) {
          const std::string tag = c.ref.tag.empty() ? seg : c.ref.tag;
          EDIGATE_TRY_VOID(element(n, attr, tag, c.ref.element, c.ref.component, p.text));
        }
      }
      ctx = seg;
    }
    if (p.has_elem) {
      const std::string tag = p.elem.tag.empty() ? ctx : p.elem.tag;
      if (!tag.empty()) EDIGATE_TRY_VOID(element(n, attr, tag, p.elem.element, p.elem.component, p.text));
    }
    if (out) *out = ctx;
    return {};
  }

  Result<void> edi_path(const MapNode& n, const std::string& text, bool want_element, const std::string& ctx,
                        std::string* out, const std::string& attr = "path") {
    if (out) *out = ctx;
    if (!standard_ || !inbound_ || json_source_) return {};
    Path p;
    std::string why;
    if (!parse_edi_path(text, want_element, p, why)) return {};  // compile_map reports syntax
    return path_steps(n, attr, p, ctx, out);
  }

  Result<void> edi_attr(const MapNode& n, const char* attr, bool want_element, const std::string& ctx,
                        std::string* out = nullptr) {
    const std::string* v = n.attr(attr);
    if (!v) {
      if (out) *out = ctx;
      return {};
    }
    return edi_path(n, *v, want_element, ctx, out, attr);
  }

  // --- inbound ----------------------------------------------------------------------------

  Result<void> value_sources(const MapNode& n, const std::string& ctx) {
    EDIGATE_TRY_VOID(edi_attr(n, "path", true, ctx));
    for (const MapNode& part : n.children)
      if (part.kind == "part" || part.kind == "item") EDIGATE_TRY_VOID(edi_attr(part, "path", true, ctx));
    return {};
  }

  Result<void> inbound_items(const MapNode& parent, const Target& at, const std::string& ctx) {
    for (const MapNode& c : parent.children) {
      if (c.kind != "field" && c.kind != "timestamp" && c.kind != "list" && c.kind != "object" && c.kind != "array")
        continue;
      Target path = at;
      path.push_back(c.get("name"));
      EDIGATE_TRY(auto info, target(c, path));
      if (c.kind == "field") {
        EDIGATE_TRY_VOID(written_values(c, info, path));
        for (const MapNode& part : c.children)
          if (part.kind == "part") EDIGATE_TRY_VOID(written_values(part, info, path));
        EDIGATE_TRY_VOID(default_value(c, info, path));
        EDIGATE_TRY_VOID(value_sources(c, ctx));
      } else if (c.kind == "timestamp") {
        for (const char* a : {"date", "time", "zone", "value", "format"}) EDIGATE_TRY_VOID(edi_attr(c, a, true, ctx));
      } else if (c.kind == "list") {
        std::string inner;
        EDIGATE_TRY_VOID(edi_attr(c, "each", false, ctx, &inner));
        EDIGATE_TRY_VOID(value_sources(c, inner));
      } else if (c.kind == "object") {
        EDIGATE_TRY_VOID(inbound_items(c, path, ctx));
      } else {
        std::string inner = ctx;
        if (c.attr("level")) inner = standard_ && !json_source_ ? "HL" : "";
        EDIGATE_TRY_VOID(edi_attr(c, "each", false, ctx, &inner));
        EDIGATE_TRY_VOID(edi_attr(c, "each-else", false, ctx));
        if (c.attr("level") && !c.attr("each")) inner = standard_ && !json_source_ ? "HL" : "";
        const std::string* groups = c.attr("groups");
        const std::string* stride = c.attr("stride");
        if (!groups || !stride) {
          EDIGATE_TRY_VOID(inbound_items(c, path, inner));
          continue;
        }
        // compile_map has checked both (1-2 digits, product within 99)
        const std::string outer_tag = group_tag_;
        const std::uint16_t outer_shift = group_shift_;
        group_tag_ = inner;
        group_shift_ = static_cast<std::uint16_t>((std::stoi(*groups) - 1) * std::stoi(*stride));
        auto checked = edi_attr(c, "when", true, inner);
        if (checked) checked = inbound_items(c, path, inner);
        group_tag_ = outer_tag;
        group_shift_ = outer_shift;
        EDIGATE_TRY_VOID(checked);
      }
    }
    return {};
  }

  // --- outbound ---------------------------------------------------------------------------

  // A JSON path an outbound map reads, from the canonical context `at`; returns the full path.
  Result<Target> canonical_path(const MapNode& n, const char* attr, const Target& at) {
    const std::string* v = n.attr(attr);
    if (!v) return at;
    Path p;
    std::string why;
    if (!parse_json_path(*v, p, why)) return at;  // compile_map reports syntax
    Target full = p.absolute ? Target{} : at;
    for (const Step& s : p.steps) full.push_back(s.name);
    if (!canonical_ || full.empty() || full == at) return full;
    if (!schemas_.field(type_, full).found)
      return std::move(
                 n.error("mapping.source.unknown_field", std::string(attr) + "=\"" + *v + "\": \"" + dotted(full) +
                                                             "\" is not a field of the canonical " + type_ + " schema"))
          .want("a field the schema declares", *v);
    return full;
  }

  Result<void> outbound_value(const MapNode& n, const Target& at) {
    EDIGATE_TRY_VOID(canonical_path(n, "path", at));
    EDIGATE_TRY_VOID(canonical_path(n, "when", at));
    for (const MapNode& part : n.children)
      if (part.kind == "part" || part.kind == "pair") EDIGATE_TRY_VOID(canonical_path(part, "path", at));
    return {};
  }

  Result<void> outbound_segment(const MapNode& seg, const Target& at) {
    const std::string tag = seg.get("tag");
    EDIGATE_TRY_VOID(canonical_path(seg, "when", at));
    if (standard_) {
      std::uint32_t s = standard_->find_segment(tag);
      if (s == schema::kNone || !standard_->segments[s].placed)
        return std::move(seg.error("mapping.source.segment", "segment " + tag + " is not in " + standard_name()))
            .want("a segment of the transaction set", tag);
    }
    for (const MapNode& c : seg.children) {
      if (c.kind == "element") {
        EDIGATE_TRY_VOID(outbound_value(c, at));
        if (standard_) {
          ElemRef r;
          if (parse_elem_ref(c.get("pos"), r)) {
            EDIGATE_TRY_VOID(element(c, "pos", tag, r.element, r.component, tag + c.get("pos")));
            EDIGATE_TRY_VOID(check_outbound_literal(c, tag, *standard_));
          }
        }
      } else if (c.kind == "pairs") {
        for (const MapNode& pair : c.children)
          if (pair.kind == "pair") EDIGATE_TRY_VOID(canonical_path(pair, "path", at));
        if (standard_) {
          std::uint32_t last = 0;
          if (const std::string* to = c.attr("to"); to && all_digits(*to)) last = std::stoul(*to);
          if (const std::string* list = c.attr("at"))
            for (std::size_t i = 0; i < list->size();) {
              std::size_t j = list->find(' ', i);
              if (j == std::string::npos) j = list->size();
              std::string w = list->substr(i, j - i);
              if (all_digits(w)) last = std::max<std::uint32_t>(last, std::stoul(w) + 1);
              i = j + 1;
            }
          if (last > 0 && last < 100) EDIGATE_TRY_VOID(element(c, "pairs", tag, std::uint16_t(last), 0, tag));
        }
      }
    }
    return {};
  }

  Result<void> outbound_items(const MapNode& parent, const Target& at) {
    for (const MapNode& c : parent.children) {
      if (c.kind == "segment") {
        EDIGATE_TRY_VOID(outbound_segment(c, at));
      } else if (c.kind == "loop") {
        EDIGATE_TRY(auto inner, canonical_path(c, "each", at));
        EDIGATE_TRY_VOID(outbound_items(c, inner));
      }
    }
    return {};
  }

  const MapNode& root_;
  const schema::CompiledSchema* standard_;
  const canonical::JsonSchemas& schemas_;
  bool canonical_ = true;
  std::string type_;
  bool inbound_ = true, json_source_ = false;
  std::vector<const MapNode*> tables_;
  // Inside an array over position groups: the last group reads this segment's elements this
  // many positions further on, so those must exist too.
  std::string group_tag_;
  std::uint16_t group_shift_ = 0;
};

}  // namespace

Result<void> check_map(const MapNode& root, const schema::CompiledSchema* standard, bool canonical) {
  return Checker(root, standard, canonical).run();
}

}  // namespace edigate::mapping
