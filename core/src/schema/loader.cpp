// Loads one schema file: XSD check (libxml2), then reading and reference checks (pugixml), then
// compilation into CompiledSchema.
#include "config/safe_xml.hpp"
#include "config/xml_positions.hpp"
#include "schema/compiled_schema.hpp"
#include "schema/dictionary.hpp"
#include "schema/xsd_check.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

namespace edigate::schema {
namespace {

constexpr std::size_t kMaxSchemaFileBytes = 64u << 20;
constexpr std::uint32_t kMaxLoopDepth = 64;

using config::local_name;

class Loader {
 public:
  Loader(std::string_view xml, std::string name, const DictionaryLookup* dictionaries)
      : xml_(xml), name_(std::move(name)), where_(xml_, name_), dictionaries_(dictionaries) {}

  Result<std::shared_ptr<const CompiledSchema>> run();

 private:
  Error fail(const pugi::xml_node& node, std::string msg) const {
    return pos_->at_node(node, Error("schema.file.invalid", std::move(msg)));
  }

  static Usage usage_of(std::string_view u) {
    if (u == "M") return Usage::mandatory;
    if (u == "C") return Usage::conditional;
    if (u == "X") return Usage::relational;
    return Usage::optional;
  }
  static std::uint32_t max_of(const pugi::xml_attribute& a, std::uint32_t def) {
    if (!a) return def;
    std::string_view s = a.value();
    if (s == "unbounded") return kUnbounded;
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || v >= kUnbounded) return kUnbounded;  // huge = unbounded
    return static_cast<std::uint32_t>(v);
  }

  using Nodes = std::vector<pugi::xml_node>;
  static Nodes kids_of(const pugi::xml_node& dict) { return Nodes(dict.children().begin(), dict.children().end()); }
  Result<void> read_elements(const Nodes& defs);
  Result<void> read_composites(const Nodes& defs);
  Result<void> read_segments(const Nodes& defs);
  Result<void> read_from_dictionary(const pugi::xml_node& root, const pugi::xml_node& structure);
  Result<void> read_rules(const pugi::xml_node& owner, std::size_t positions, std::uint32_t& begin, std::uint32_t& end);
  Result<void> read_loop(const pugi::xml_node& loop, std::uint32_t node, std::uint32_t depth);
  Result<void> read_structure_segment(const pugi::xml_node& n, Node& out);

  std::string_view xml_;
  std::string name_;
  config::TextPositions where_;
  const config::TextPositions* pos_ = &where_;  ///< the file errors point into (message or dictionary)
  const DictionaryLookup* dictionaries_;
  std::shared_ptr<const Dictionary> dictionary_;  ///< keeps the nodes read below alive
  std::shared_ptr<CompiledSchema> s_ = std::make_shared<CompiledSchema>();
  std::unordered_map<std::string, std::uint32_t> element_ids_, composite_ids_, segment_ids_;
};

Result<void> Loader::read_elements(const Nodes& defs) {
  for (auto el : defs) {
    if (local_name(el) != "element") continue;
    ElementDef d;
    d.id = el.attribute("id").value();
    d.name = el.attribute("name").value();
    std::string_view type = el.attribute("type").value();
    static const std::map<std::string_view, DataType> kTypes = {
        {"AN", DataType::x12_an}, {"ID", DataType::x12_id}, {"R", DataType::x12_r}, {"N", DataType::x12_n},
        {"DT", DataType::x12_dt}, {"TM", DataType::x12_tm}, {"B", DataType::x12_b}, {"a", DataType::ed_a},
        {"n", DataType::ed_n},    {"an", DataType::ed_an}};
    if (type.size() == 2 && type[0] == 'N' && type[1] >= '0' && type[1] <= '9') {
      d.type = DataType::x12_n;
      d.implied_decimals = static_cast<std::uint8_t>(type[1] - '0');
    } else if (auto it = kTypes.find(type); it != kTypes.end()) {
      d.type = it->second;
    } else {
      return fail(el, "element " + d.id + ": unknown type \"" + std::string(type) + "\"");
    }
    d.min = max_of(el.attribute("min"), 0);
    d.max = max_of(el.attribute("max"), 1);
    if (d.min > d.max) {
      return fail(
          el, "element " + d.id + ": min " + std::to_string(d.min) + " is greater than max " + std::to_string(d.max));
    }
    d.codes_begin = static_cast<std::uint32_t>(s_->codes.size());
    for (auto c : el.children()) {
      std::string_view k = local_name(c);
      if (k == "code") s_->codes.emplace_back(c.attribute("value").value());
      if (k != "codes") continue;
      std::string_view list = c.child_value();
      for (std::size_t at = 0; at < list.size();) {
        std::size_t start = list.find_first_not_of(" \t\r\n", at);
        if (start == std::string_view::npos) break;
        std::size_t end = std::min(list.find_first_of(" \t\r\n", start), list.size());
        s_->codes.emplace_back(list.substr(start, end - start));
        at = end;
      }
    }
    d.codes_end = static_cast<std::uint32_t>(s_->codes.size());
    std::sort(s_->codes.begin() + d.codes_begin, s_->codes.end());
    d.closed_codes = d.codes_end > d.codes_begin && std::string_view(el.attribute("codes").value()) != "open";
    if (!element_ids_.emplace(d.id, static_cast<std::uint32_t>(s_->elements.size())).second) {
      return fail(el, "duplicate element id " + d.id);
    }
    s_->elements.push_back(std::move(d));
  }
  return {};
}

Result<void> Loader::read_rules(const pugi::xml_node& owner, std::size_t positions, std::uint32_t& begin,
                                std::uint32_t& end) {
  begin = static_cast<std::uint32_t>(s_->rules.size());
  for (auto r : owner.children()) {
    if (local_name(r) != "rule") continue;
    RuleDef rule;
    rule.type = r.attribute("type").value()[0];
    rule.begin = static_cast<std::uint32_t>(s_->rule_positions.size());
    std::istringstream in(r.attribute("positions").value());
    std::uint64_t p = 0;
    while (in >> p) {
      if (p == 0 || p > positions) {
        return fail(r,
                    "rule position " + std::to_string(p) + " is out of range (1.." + std::to_string(positions) + ")");
      }
      s_->rule_positions.push_back(static_cast<std::uint16_t>(p));
    }
    rule.end = static_cast<std::uint32_t>(s_->rule_positions.size());
    if (rule.end - rule.begin < 2) {
      return fail(r, "a rule needs two or more positions");
    }
    s_->rules.push_back(rule);
  }
  end = static_cast<std::uint32_t>(s_->rules.size());
  return {};
}

Result<void> Loader::read_composites(const Nodes& defs) {
  for (auto c : defs) {
    if (local_name(c) != "composite") continue;
    CompositeDef d;
    d.id = c.attribute("id").value();
    d.name = c.attribute("name").value();
    d.comp_begin = static_cast<std::uint32_t>(s_->components.size());
    for (auto comp : c.children()) {
      if (local_name(comp) != "component") continue;
      auto it = element_ids_.find(comp.attribute("ref").value());
      if (it == element_ids_.end()) {
        return fail(comp, "composite " + d.id + ": unknown element " + comp.attribute("ref").value());
      }
      s_->components.push_back({it->second, usage_of(comp.attribute("usage").value())});
    }
    d.comp_end = static_cast<std::uint32_t>(s_->components.size());
    EDIGATE_TRY_VOID(read_rules(c, d.comp_end - d.comp_begin, d.rule_begin, d.rule_end));
    if (!composite_ids_.emplace(d.id, static_cast<std::uint32_t>(s_->composites.size())).second) {
      return fail(c, "duplicate composite id " + d.id);
    }
    s_->composites.push_back(std::move(d));
  }
  return {};
}

Result<void> Loader::read_segments(const Nodes& defs) {
  for (auto seg : defs) {
    if (local_name(seg) != "segment") continue;
    SegmentDef d;
    d.id = seg.attribute("id").value();
    d.name = seg.attribute("name").value();
    d.ref_begin = static_cast<std::uint32_t>(s_->element_refs.size());
    for (auto e : seg.children()) {
      std::string_view kind = local_name(e);
      if (kind != "element" && kind != "composite") continue;
      ElementRef ref;
      ref.composite = kind == "composite";
      auto& ids = ref.composite ? composite_ids_ : element_ids_;
      auto it = ids.find(e.attribute("ref").value());
      if (it == ids.end()) {
        return fail(e, "segment " + d.id + ": unknown " + std::string(kind) + " " + e.attribute("ref").value());
      }
      ref.def = it->second;
      ref.usage = usage_of(e.attribute("usage").value());
      ref.repeat = max_of(e.attribute("repeat"), 1);
      s_->element_refs.push_back(ref);
    }
    d.ref_end = static_cast<std::uint32_t>(s_->element_refs.size());
    EDIGATE_TRY_VOID(read_rules(seg, d.ref_end - d.ref_begin, d.rule_begin, d.rule_end));
    if (!segment_ids_.emplace(d.id, static_cast<std::uint32_t>(s_->segments.size())).second) {
      return fail(seg, "duplicate segment id " + d.id);
    }
    s_->segments.push_back(std::move(d));
  }
  return {};
}

Result<void> Loader::read_structure_segment(const pugi::xml_node& n, Node& out) {
  auto it = segment_ids_.find(n.attribute("ref").value());
  if (it == segment_ids_.end()) {
    return fail(n, std::string("structure: unknown segment ") + n.attribute("ref").value());
  }
  out.loop = false;
  out.segment = it->second;
  out.usage = usage_of(n.attribute("usage").value());
  out.max = max_of(n.attribute("max"), 1);
  s_->segments[it->second].placed = true;
  return {};
}

// Fills node `index` (already allocated) from a <loop> or <structure> element. Children of one
// loop are contiguous in `children`, so they are allocated before recursing.
Result<void> Loader::read_loop(const pugi::xml_node& loop, std::uint32_t index, std::uint32_t depth) {
  if (depth > kMaxLoopDepth) {
    return fail(loop, "loops nested deeper than " + std::to_string(kMaxLoopDepth));
  }
  s_->max_depth = std::max(s_->max_depth, depth);
  std::vector<pugi::xml_node> kids;
  // X12 reuses loop ids at different levels (N1 in the heading and in the detail of an 850), so
  // ids are unique among siblings only.
  std::set<std::string> loop_ids;
  for (auto c : loop.children()) {
    std::string_view k = local_name(c);
    if (k == "segment" || k == "loop") kids.push_back(c);
  }
  std::uint32_t first_node = static_cast<std::uint32_t>(s_->nodes.size());
  s_->nodes.resize(s_->nodes.size() + kids.size());
  std::uint32_t begin = static_cast<std::uint32_t>(s_->children.size());
  for (std::uint32_t i = 0; i < kids.size(); ++i) s_->children.push_back(first_node + i);
  s_->nodes[index].child_begin = begin;
  s_->nodes[index].child_end = static_cast<std::uint32_t>(s_->children.size());

  for (std::uint32_t i = 0; i < kids.size(); ++i) {
    const auto& c = kids[i];
    std::uint32_t ni = first_node + i;
    if (local_name(c) == "segment") {
      Node n;
      EDIGATE_TRY_VOID(read_structure_segment(c, n));
      s_->nodes[ni] = n;
      continue;
    }
    std::string id = c.attribute("id").value();
    if (!loop_ids.insert(id).second) {
      return fail(c, "duplicate loop id " + id + " in the same loop");
    }
    s_->nodes[ni].loop = true;
    s_->nodes[ni].id = id;
    s_->nodes[ni].usage = usage_of(c.attribute("usage").value());
    s_->nodes[ni].max = max_of(c.attribute("max"), 1);
    EDIGATE_TRY_VOID(read_loop(c, ni, depth + 1));
    const Node& ln = s_->nodes[ni];
    const Node& trigger = s_->nodes[s_->children[ln.child_begin]];  // the XSD requires a first segment
    if (trigger.loop || trigger.usage != Usage::mandatory) {
      return fail(c, "loop " + id +
                         ": its first segment (the trigger) must have usage M, the loop's own usage "
                         "says whether the loop is optional");
    }
    // UN/EDIFACT tables do repeat a group's trigger further inside the group (D95B BAPLIE SG2:
    // LOC ... LOC C9). The walker reads that forward-first: a LOC matches the inner position
    // while the cursor is before it, and opens a new repetition once past it. X12 has no such
    // loop, so there it stays an error that catches a mistyped table.
    bool edifact = s_->info.standard == "EDIFACT";
    for (std::uint32_t k = ln.child_begin + 1; k < ln.child_end && !edifact; ++k) {
      const Node& other = s_->nodes[s_->children[k]];
      if (!other.loop && other.segment == trigger.segment) {
        return fail(
            c, "loop " + id + ": trigger segment " + s_->segments[trigger.segment].id + " appears twice in the loop");
      }
    }
    s_->nodes[ni].segment = trigger.segment;
  }
  return {};
}

// Compiles only what the structure reaches: its segments, their composites and elements, in
// that order of need; a definition missing from the dictionary is an error at the reference.
Result<void> Loader::read_from_dictionary(const pugi::xml_node& root, const pugi::xml_node& structure) {
  std::string_view name = root.attribute("dictionary").value();
  if (!safe_dictionary_name(name)) {
    return where_.at_attribute(root, "dictionary",
                               Error("schema.file.invalid", "dictionary must name a file in the same folder"));
  }
  if (!dictionaries_) {
    return fail(root, "dictionary files are read only through a schema registry");
  }
  std::filesystem::path file = std::filesystem::path(name_).parent_path() / std::string(name);
  auto loaded = (*dictionaries_)(file);
  if (!loaded) {
    return std::move(loaded).error();
  }
  dictionary_ = std::move(loaded).value();
  const Dictionary& d = *dictionary_;
  s_->info.dictionary = d.file;
  if (d.standard != s_->info.standard || d.version != s_->info.version) {
    return fail(root, "dictionary " + d.file + " is for " + d.standard + " " + d.version + ", not " +
                          s_->info.standard + " " + s_->info.version);
  }
  Nodes segs, comps, elems;
  std::set<std::string_view> seen_seg, seen_comp, seen_elem;
  auto need = [&](const std::unordered_map<std::string_view, pugi::xml_node>& index, std::set<std::string_view>& seen,
                  Nodes& out, const pugi::xml_node& at, std::string_view what) -> Result<void> {
    std::string_view id = at.attribute("ref").value();
    if (!seen.insert(id).second) return {};
    auto it = index.find(id);
    if (it == index.end()) {
      return pos_->at_node(at, Error("schema.file.invalid", "unknown " + std::string(what) + " " + std::string(id) +
                                                                " (not in " + d.file + ")"));
    }
    out.push_back(it->second);
    return {};
  };
  std::vector<pugi::xml_node> stack{structure};
  while (!stack.empty()) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    for (auto c : n.children()) {
      std::string_view k = local_name(c);
      if (k == "loop")
        stack.push_back(c);
      else if (k == "segment")
        EDIGATE_TRY_VOID(need(d.segments, seen_seg, segs, c, "segment"));
    }
  }
  pos_ = &d.positions();
  for (const auto& seg : segs) {
    for (auto r : seg.children()) {
      std::string_view k = local_name(r);
      if (k == "composite") EDIGATE_TRY_VOID(need(d.composites, seen_comp, comps, r, "composite"));
      if (k == "element") EDIGATE_TRY_VOID(need(d.elements, seen_elem, elems, r, "element"));
    }
  }
  for (const auto& comp : comps)
    for (auto r : comp.children())
      if (local_name(r) == "component") EDIGATE_TRY_VOID(need(d.elements, seen_elem, elems, r, "element"));
  EDIGATE_TRY_VOID(read_elements(elems));
  EDIGATE_TRY_VOID(read_composites(comps));
  EDIGATE_TRY_VOID(read_segments(segs));
  pos_ = &where_;
  return {};
}

Result<std::shared_ptr<const CompiledSchema>> Loader::run() {
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(xml_.data(), xml_.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    pugi::xml_node none;
    Error e = fail(none, parsed.description());
    return e;
  }
  pugi::xml_node root = doc.document_element();
  s_->info.standard = root.attribute("standard").value();
  s_->info.version = root.attribute("version").value();
  s_->info.set = root.attribute("set").value();
  s_->info.name = root.attribute("name").value();
  s_->info.file = name_;

  pugi::xml_node structure;
  bool own_definitions = false;
  for (auto part : root.children()) {
    std::string_view k = local_name(part);
    if (k == "structure") structure = part;
    if (k == "elements" || k == "segments" || k == "composites") own_definitions = true;
  }
  if (!structure) return fail(root, "no <structure>");
  if (root.attribute("dictionary")) {
    if (own_definitions) return fail(root, "a schema that names a dictionary has no definitions of its own");
    EDIGATE_TRY_VOID(read_from_dictionary(root, structure));
  } else {
    if (!own_definitions) return fail(root, "no <elements> and <segments>, and no dictionary=\"...\" naming them");
    for (auto part : root.children()) {
      std::string_view k = local_name(part);
      if (k == "elements")
        EDIGATE_TRY_VOID(read_elements(kids_of(part)));
      else if (k == "composites")
        EDIGATE_TRY_VOID(read_composites(kids_of(part)));
      else if (k == "segments")
        EDIGATE_TRY_VOID(read_segments(kids_of(part)));
    }
  }
  s_->nodes.resize(1);
  s_->nodes[0].loop = true;
  s_->nodes[0].usage = Usage::mandatory;
  s_->nodes[0].max = 1;
  EDIGATE_TRY_VOID(read_loop(structure, 0, 1));
  if (s_->nodes[0].child_begin == s_->nodes[0].child_end) return fail(structure, "empty <structure>");
  s_->nodes[0].segment = s_->nodes[s_->children[0]].segment;

  s_->next_mandatory.assign(s_->children.size(), 0);
  for (const Node& n : s_->nodes) {
    if (!n.loop) continue;
    std::uint32_t next = n.child_end - n.child_begin;
    for (std::uint32_t i = next; i-- > 0;) {
      if (s_->nodes[s_->children[n.child_begin + i]].usage == Usage::mandatory) next = i;
      s_->next_mandatory[n.child_begin + i] = next;
    }
  }
  for (std::uint32_t i = 0; i < s_->segments.size(); ++i)
    s_->segment_index.emplace_back(CompiledSchema::pack_tag(s_->segments[i].id), i);
  std::sort(s_->segment_index.begin(), s_->segment_index.end());
  return std::shared_ptr<const CompiledSchema>(std::move(s_));
}

}  // namespace

Result<std::shared_ptr<const CompiledSchema>> load_schema_from_memory(std::string_view xml, const std::string& name,
                                                                      const DictionaryLookup* dictionaries) {
  try {
    EDIGATE_TRY_VOID(check_against_xsd(xml, name));
    Loader loader(xml, name, dictionaries);
    return loader.run();
  } catch (const std::exception& ex) {
    Error e("schema.file.invalid", std::string("cannot load: ") + ex.what());
    e.position.file = name;
    return e;
  }
}

Result<std::shared_ptr<const CompiledSchema>> load_schema_from_memory(std::string_view xml, const std::string& name) {
  return load_schema_from_memory(xml, name, nullptr);
}

Result<std::shared_ptr<const CompiledSchema>> load_schema(const std::filesystem::path& file) {
  // Without a registry, a dictionary is read for this one schema and not kept.
  DictionaryLookup direct = [](const std::filesystem::path& f) { return Dictionary::load(f); };
  return load_schema(file, direct);
}

Result<std::shared_ptr<const CompiledSchema>> load_schema(const std::filesystem::path& file,
                                                          const DictionaryLookup& dictionaries) {
  // Regular files only, size checked on the open file: a FIFO or device named as a schema is
  // refused rather than waited on or read forever.
  EDIGATE_TRY(auto text,
              config::read_config_file(file, kMaxSchemaFileBytes, "schema.file.unreadable", "schema.file.unreadable"));
  return load_schema_from_memory(text, file.string(), &dictionaries);
}

const SchemaInfo& info(const CompiledSchema& schema) { return schema.info; }

}  // namespace edigate::schema
