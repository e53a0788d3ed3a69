#include "translation/document_maps.hpp"

#include "mapping/selector.hpp"
#include "partners/scaffold.hpp"

#include <optional>

namespace edigate::translation {
namespace {

Error profile_error(const partners::Profile& p, std::string code, std::string message) {
  Error e(std::move(code), std::move(message));
  e.position.file = p.file.string();
  return e;
}

bool is_file(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

}  // namespace

std::filesystem::path base_map_file(const FileCache& files, const partners::Profile& profile, const std::string& set,
                                    partners::Direction direction) {
  return files.maps_root() / partners::base_map_reference(profile.standard, set, direction);
}

Result<DocumentMap> inbound_map(FileCache& files, const partners::Profile& profile, const std::string& set,
                                bool base_fallback) {
  DocumentMap out;
  out.document = profile.document(set, partners::Direction::inbound);
  if (out.document) {
    EDIGATE_TRY(out.file, profile.resolve(out.document->map, files.maps_root()));
  } else if (base_fallback && profile.standard.family != partners::Family::json &&
             is_file(base_map_file(files, profile, set, partners::Direction::inbound))) {
    out.file = base_map_file(files, profile, set, partners::Direction::inbound);
  } else {
    return std::move(profile_error(profile, "translate.document.undeclared",
                                   "partner '" + profile.id + "' declares no inbound document " + set))
        .want("<document type=\"" + set + "\" direction=\"inbound\" map=\"...\"/> in " + profile.file.string(), set);
  }
  EDIGATE_TRY(out.map, files.map(out.file));
  if (!out.map->inbound() || out.map->json_source())
    return std::move(profile_error(profile, "translate.map.direction",
                                   "the map for inbound " + set + " is not an inbound EDI map"))
        .want("direction=\"inbound\" and source=\"edi\"", out.file.string());
  return out;
}

Result<std::vector<DocumentMap>> inbound_maps(FileCache& files, const partners::Profile& profile,
                                              const std::string& set, bool base_fallback) {
  std::vector<DocumentMap> with_selector;
  std::optional<DocumentMap> rest;
  for (const auto& d : profile.documents) {
    if (d.type != set || d.direction != partners::Direction::inbound) continue;
    DocumentMap out{&d, {}, nullptr};
    EDIGATE_TRY(out.file, profile.resolve(d.map, files.maps_root()));
    EDIGATE_TRY(out.map, files.map(out.file));
    if (!out.map->inbound() || out.map->json_source())
      return std::move(profile_error(profile, "translate.map.direction",
                                     "the map for inbound " + set + " is not an inbound EDI map"))
          .want("direction=\"inbound\" and source=\"edi\"", out.file.string());
    if (out.map->has_selector()) {
      with_selector.push_back(std::move(out));
    } else if (rest) {
      // Which of two catch-all maps a transaction goes to would depend on declaration order
      // alone; a selector on one of them says what sets them apart.
      Error e("translate.document.ambiguous", "partner '" + profile.id + "' declares two inbound " + set +
                                                  " maps without a <selector>: " + rest->file.string() + " and " +
                                                  out.file.string());
      e.position.file = profile.file.string();
      e.position.line = d.line;
      return std::move(e).want("at most one inbound " + set + " map without <selector>", out.file.string());
    } else {
      rest = std::move(out);
    }
  }
  if (with_selector.empty() && !rest) {
    EDIGATE_TRY(auto one, inbound_map(files, profile, set, base_fallback));
    return std::vector<DocumentMap>{std::move(one)};
  }
  if (rest) with_selector.push_back(std::move(*rest));
  return with_selector;
}

Error unselected(const partners::Profile& profile, const std::string& set, const std::vector<DocumentMap>& maps) {
  std::string which;
  for (const auto& m : maps)
    which += (which.empty() ? "" : "; ") + m.file.filename().string() + " (" + mapping::describe_selector(*m.map) + ")";
  Error e("translate.document.unselected",
          "no inbound " + set + " map of partner '" + profile.id + "' takes this transaction: " + which);
  return std::move(e).want("a transaction one of the maps' <selector>s takes", set);
}

Result<DocumentMap> json_inbound_map(FileCache& files, const partners::Profile& profile) {
  for (const auto& d : profile.documents) {
    if (d.direction != partners::Direction::inbound) continue;
    DocumentMap out{&d, {}, nullptr};
    EDIGATE_TRY(out.file, profile.resolve(d.map, files.maps_root()));
    EDIGATE_TRY(out.map, files.map(out.file));
    if (out.map->inbound() && out.map->json_source()) return out;
  }
  return std::move(profile_error(profile, "translate.document.undeclared",
                                 "partner '" + profile.id + "' declares no inbound JSON document"))
      .want("an inbound <document> whose map has source=\"json\"", "");
}

Result<DocumentMap> outbound_map(FileCache& files, const partners::Profile& profile, const std::string& type,
                                 const std::vector<std::filesystem::path>& extra) {
  std::string types;
  for (const auto& d : profile.documents) {
    if (d.direction != partners::Direction::outbound) continue;
    DocumentMap out{&d, {}, nullptr};
    EDIGATE_TRY(out.file, profile.resolve(d.map, files.maps_root()));
    EDIGATE_TRY(out.map, files.map(out.file));
    if (out.map->type == type && !out.map->inbound()) return out;
    types += (types.empty() ? "" : ", ") + d.type + " -> " + out.map->type;
  }
  for (const auto& file : extra) {
    if (!is_file(file)) continue;
    auto map = files.map(file);
    if (map && (*map)->type == type && !(*map)->inbound()) return DocumentMap{nullptr, file, *map};
  }
  return std::move(profile_error(profile, "render.document.undeclared",
                                 "partner '" + profile.id + "' has no outbound document for canonical type " + type))
      .want(types.empty() ? std::string("an outbound <document> whose map has type=\"") + type + "\""
                          : "one of: " + types,
            type);
}

}  // namespace edigate::translation
