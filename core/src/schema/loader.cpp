// Loads one schema file: XSD check (libxml2), then reading and reference checks (pugixml), then
// compilation into CompiledSchema.
#include "config/safe_xml.hpp"
#include "schema/loader_detail.hpp"
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
namespace detail {

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
  s_->build_indexes();
  return std::shared_ptr<const CompiledSchema>(std::move(s_));
}

}  // namespace detail

namespace {
constexpr std::size_t kMaxSchemaFileBytes = 64u << 20;
}  // namespace

Result<std::shared_ptr<const CompiledSchema>> load_schema_from_memory(std::string_view xml, const std::string& name,
                                                                      const DictionaryLookup* dictionaries) {
  try {
    EDIGATE_TRY_VOID(check_against_xsd(xml, name));
    detail::Loader loader(xml, name, dictionaries);
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
