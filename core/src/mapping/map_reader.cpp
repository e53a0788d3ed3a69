#include "mapping/map_reader.hpp"

#include "config/safe_xml.hpp"
#include "config/xml_positions.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace edigate::mapping {

extern const std::string_view kMapsXsd;

namespace {

constexpr std::size_t kMaxMapBytes = 8u << 20;
constexpr std::size_t kMaxExtendsDepth = 16;

std::string key_of(const MapNode& n) {
  if (n.kind == "entry") return n.get("code");
  if (n.kind == "element") return n.get("pos");
  if (n.kind == "segment") return n.attr("name") ? n.get("name") : n.get("tag");
  if (n.kind == "loop") return n.attr("name") ? n.get("name") : n.get("each");
  // A segment's id pairs by their first position; a pair by its qualifier (or its path when the
  // qualifier is computed), so a partner map can add or <remove name="BP"/> one id.
  if (n.kind == "pairs") return "pairs@" + (n.attr("at") ? n.get("at") : n.get("from"));
  if (n.kind == "pair") return n.attr("qualifier") ? n.get("qualifier") : n.get("path");
  // One selector per map: an extending map's <selector> replaces the base's whole (its paths are
  // not merged one by one), <remove name="selector"/> drops it.
  if (n.kind == "selector") return "selector";
  return n.get("name");
}

// Tables and fields live in different name spaces ("purpose" may be both).
bool same_slot(const MapNode& a, const MapNode& b) {
  return (a.kind == "table") == (b.kind == "table") && a.key == b.key;
}

MapNode convert(const pugi::xml_node& x, const config::TextPositions& where, const std::string& file) {
  MapNode n;
  n.kind = std::string(config::local_name(x));
  for (const auto& a : x.attributes()) n.attrs.emplace_back(a.name(), a.value());
  Error pos = where.at_node(x, Error{});
  n.file = file;
  n.line = pos.position.line;
  n.column = pos.position.column;
  for (const auto& c : x.children())
    if (c.type() == pugi::node_element) n.children.push_back(convert(c, where, file));
  n.key = key_of(n);
  return n;
}

}  // namespace

Result<MapNode> read_map_text(std::string_view xml, const std::string& file) {
  if (xml.size() > kMaxMapBytes) return Error("mapping.file.invalid", "map file too large").at(file_position(file));
  pugi::xml_document doc;
  EDIGATE_TRY_VOID(config::load_config_xml(doc, {"maps.xsd", kMapsXsd}, xml, file, "mapping.file.invalid"));
  config::TextPositions where(xml, file);
  return convert(doc.document_element(), where, file);
}

Result<MapNode> read_map_file(const std::filesystem::path& file) {
  EDIGATE_TRY(auto xml,
              config::read_config_file(file, kMaxMapBytes, "mapping.file.unreadable", "mapping.file.invalid"));
  return read_map_text(xml, file.string());
}

// before="KEY" / after="KEY" on an item of an extending map: put it next to the base item with
// that key (a segment's name or tag, a loop's name or each) instead of where it would go (its
// own place when it replaces one, the end when it is new), so an added segment keeps the
// standard's segment order without copying the base's loop.
static Result<void> place(MapNode& parent, std::size_t index) {
  const MapNode& n = parent.children[index];
  const std::string* before = n.attr("before");
  const std::string* after = n.attr("after");
  if (!before && !after) return {};
  if (before && after) return n.error("mapping.extends.position", "use before= or after=, not both");
  const std::string& key = before ? *before : *after;
  std::size_t target = parent.children.size();
  for (std::size_t i = 0; i < parent.children.size(); ++i)
    if (i != index && parent.children[i].kind != "table" && parent.children[i].key == key) {
      target = i;
      break;
    }
  if (target == parent.children.size())
    return std::move(n.error("mapping.extends.position", std::string(before ? "before" : "after") + "=\"" + key +
                                                             "\": no item with that name here"))
        .want("a sibling segment (name or tag) or loop (name or each)", key);
  MapNode moved = std::move(parent.children[index]);
  parent.children.erase(parent.children.begin() + static_cast<std::ptrdiff_t>(index));
  if (target > index) --target;
  if (after) ++target;
  parent.children.insert(parent.children.begin() + static_cast<std::ptrdiff_t>(target), std::move(moved));
  return {};
}

static Result<void> merge_children(MapNode& base, const MapNode& child) {
  for (const MapNode& c : child.children) {
    if (c.kind == "remove") {
      auto it = std::find_if(base.children.begin(), base.children.end(),
                             [&](const MapNode& b) { return b.kind != "table" && b.key == c.key; });
      if (it == base.children.end())
        return c.error("mapping.extends.remove_unknown", "remove: the base map has no item named '" + c.key + "'");
      base.children.erase(it);
      continue;
    }
    auto it =
        std::find_if(base.children.begin(), base.children.end(), [&](const MapNode& b) { return same_slot(b, c); });
    std::size_t index;
    if (it == base.children.end() || c.key.empty()) {
      base.children.push_back(c);
      index = base.children.size() - 1;
    } else if (c.get("merge") == "true" || c.get("merge") == "1") {
      for (const auto& a : c.attrs) it->set(a.first, a.second);
      it->file = c.file;
      it->line = c.line;
      it->column = c.column;
      EDIGATE_TRY_VOID(merge_children(*it, c));
      index = static_cast<std::size_t>(it - base.children.begin());
    } else {
      *it = c;
      index = static_cast<std::size_t>(it - base.children.begin());
    }
    EDIGATE_TRY_VOID(place(base, index));
  }
  return {};
}

Result<MapNode> merge_maps(MapNode base, const MapNode& child) {
  for (const auto& a : child.attrs)
    if (a.first != "extends") base.set(a.first, a.second);
  if (!child.attr("extends"))
    base.attrs.erase(
        std::remove_if(base.attrs.begin(), base.attrs.end(), [](const auto& a) { return a.first == "extends"; }),
        base.attrs.end());
  base.file = child.file;
  base.line = child.line;
  base.column = child.column;
  EDIGATE_TRY_VOID(merge_children(base, child));
  return base;
}

Result<std::filesystem::path> MapResolver::find_base(const MapNode& map, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::string ref = map.get("extends");
  std::error_code ec;
  if (ref.find('/') != std::string::npos || (ref.size() > 4 && ref.compare(ref.size() - 4, 4, ".xml") == 0)) {
    for (const fs::path& p : {dir / ref, root_ / ref})
      if (!p.empty() && fs::is_regular_file(p, ec)) return p;
    return map.error("mapping.extends.not_found",
                     "extends: no map file '" + ref + "' (looked beside the map and in " + root_.string() + ")");
  }
  if (!indexed_) {
    indexed_ = true;
    if (fs::is_directory(root_, ec)) {
      for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->path().extension() != ".xml") continue;
        // Only the root start tag is read: the folder may hold large files that are not maps.
        auto root = config::read_root_tag(it->path(), "mapping.file.invalid");
        if (!root || root->name != "map" || root->get("id").empty()) continue;
        auto [pos, added] = ids_.emplace(root->get("id"), it->path());
        // Directory order is arbitrary: a stray copy must not silently replace a base map.
        if (!added)
          duplicate_ids_.emplace(root->get("id"), std::min(pos->second, it->path()).string() + " and " +
                                                      std::max(pos->second, it->path()).string());
      }
    }
  }
  if (auto dup = duplicate_ids_.find(ref); dup != duplicate_ids_.end())
    return std::move(map.error("mapping.extends.duplicate_id", "extends: two maps under " + root_.string() +
                                                                   " have the id '" + ref + "': " + dup->second))
        .want("one map per id", dup->second);
  auto found = ids_.find(ref);
  if (found == ids_.end())
    return map.error("mapping.extends.not_found", "extends: no map with id '" + ref + "' under " + root_.string());
  return found->second;
}

Result<MapNode> MapResolver::resolve_chain(MapNode map, const std::filesystem::path& dir,
                                           std::vector<std::string>& chain) {
  if (!map.attr("extends")) return map;
  if (chain.size() > kMaxExtendsDepth)
    return map.error("mapping.extends.too_deep", "extends: more than 16 levels of inheritance");
  EDIGATE_TRY(auto base_file, find_base(map, dir));
  std::error_code ec;
  std::string canon = std::filesystem::weakly_canonical(base_file, ec).string();
  for (const std::string& seen : chain)
    if (seen == canon) return map.error("mapping.extends.cycle", "extends: cycle through " + base_file.string());
  chain.push_back(canon);
  EDIGATE_TRY(auto base, read_map_file(base_file));
  EDIGATE_TRY(auto merged_base, resolve_chain(std::move(base), base_file.parent_path(), chain));
  return merge_maps(std::move(merged_base), map);
}

Result<MapNode> MapResolver::load(const std::filesystem::path& file) {
  EDIGATE_TRY(auto node, read_map_file(file));
  std::vector<std::string> chain;
  std::error_code ec;
  chain.push_back(std::filesystem::weakly_canonical(file, ec).string());
  return resolve_chain(std::move(node), file.parent_path(), chain);
}

Result<MapNode> MapResolver::resolve(MapNode map, const std::filesystem::path& dir) {
  std::vector<std::string> chain;
  return resolve_chain(std::move(map), dir, chain);
}

}  // namespace edigate::mapping
