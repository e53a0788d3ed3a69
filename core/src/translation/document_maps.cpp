#include "translation/document_maps.hpp"

#include "partners/scaffold.hpp"

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
