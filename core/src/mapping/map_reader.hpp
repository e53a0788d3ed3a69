#pragma once
// Reading map files: XSD check (maps/maps.xsd, embedded), pugixml into MapNode trees, and
// inheritance: a map that `extends` another (by id or by path) is merged onto it.
#include "mapping/map_node.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::mapping {

/// One map file, XSD-checked and read; `extends` is not resolved. Errors are
/// `mapping.file.invalid` at file:line:col.
Result<MapNode> read_map_text(std::string_view xml, const std::string& file);
Result<MapNode> read_map_file(const std::filesystem::path& file);

/// Merges `child` onto `base` (docs/maps.md, "Inheritance"): items and tables match by name
/// (entries by code, segments by name or tag, elements by pos); a match is replaced, or merged
/// when the child says merge="true"; <remove name=.../> deletes one; the rest is appended.
/// Root attributes of the child win, except `extends`.
Result<MapNode> merge_maps(MapNode base, const MapNode& child);

/// Finds base maps for `extends`: a value with '/' or ending in ".xml" is a path (relative to
/// the extending file, then to the maps root); otherwise an id, looked up among every *.xml
/// under the maps root. Chains are followed to the end; cycles are `mapping.extends.cycle`.
class MapResolver {
 public:
  explicit MapResolver(std::filesystem::path maps_root) : root_(std::move(maps_root)) {}
  /// The fully merged tree of `file`.
  Result<MapNode> load(const std::filesystem::path& file);
  /// Same for a map given in memory (its extends resolves against the maps root).
  Result<MapNode> resolve(MapNode map, const std::filesystem::path& dir);

 private:
  Result<MapNode> resolve_chain(MapNode map, const std::filesystem::path& dir, std::vector<std::string>& chain);
  Result<std::filesystem::path> find_base(const MapNode& map, const std::filesystem::path& dir);
  std::filesystem::path root_;
  std::map<std::string, std::filesystem::path> ids_;
  std::map<std::string, std::string> duplicate_ids_;  ///< id -> "FILE1 and FILE2" (an error when used)
  bool indexed_ = false;
};

}  // namespace edigate::mapping
