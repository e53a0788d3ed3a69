#pragma once
// Which map a partner uses for what: the inbound document declared for a set (ST01 / UNH 0065),
// the JSON-source inbound document, the outbound document whose map produces a canonical type.
// Map and schema references resolve beside the profile first, then under the maps folder.
#include "partners/profile.hpp"
#include "translation/file_cache.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace edigate::translation {

struct DocumentMap {
  const partners::DocumentType* document = nullptr;  ///< null when found as a base map fallback
  std::filesystem::path file;
  mapping::MapPtr map;
};

/// The inbound EDI map for `set`. Errors: translate.document.undeclared (naming the profile
/// file and the set), or the map's own load error (file:line:col). With `base_fallback`, an
/// undeclared set uses base/<family>/<version>/<set>.inbound.xml when that file exists.
Result<DocumentMap> inbound_map(FileCache& files, const partners::Profile& profile, const std::string& set,
                                bool base_fallback = false);

/// Every inbound EDI map the partner declares for `set`, in the order a transaction tries them
/// (docs/maps.md, "Several inbound maps for one message type"): the maps with a <selector> in
/// the order declared, then the one without (at most one: two are
/// translate.document.ambiguous, naming both). Without any declared document, as inbound_map.
Result<std::vector<DocumentMap>> inbound_maps(FileCache& files, const partners::Profile& profile,
                                              const std::string& set, bool base_fallback = false);

/// The error for a transaction none of `maps` takes: translate.document.unselected, naming
/// each map and its selector.
Error unselected(const partners::Profile& profile, const std::string& set, const std::vector<DocumentMap>& maps);

/// The first inbound document whose map is JSON-sourced (source="json").
Result<DocumentMap> json_inbound_map(FileCache& files, const partners::Profile& profile);

/// The outbound document whose map's type= is `type` (purchase_order_ack -> the 855 map).
/// `extra` maps (base maps, for round-trip checks) are tried after the profile's documents.
Result<DocumentMap> outbound_map(FileCache& files, const partners::Profile& profile, const std::string& type,
                                 const std::vector<std::filesystem::path>& extra = {});

/// base/<x12|edifact>/<version>/<set>.<direction>.xml under the maps folder (may not exist).
std::filesystem::path base_map_file(const FileCache& files, const partners::Profile& profile, const std::string& set,
                                    partners::Direction direction);

}  // namespace edigate::translation
