#include "runtime/profile_check.hpp"

#include "mapping/mapping.hpp"
#include "translation/document_maps.hpp"
#include "translation/document_schema.hpp"

#include <set>

namespace edigate::runtime {
namespace {

/// A map that loads but does not fit its <document>: direction, source, set.
std::string map_mismatch(const partners::Profile& p, const partners::DocumentType& d, const mapping::CompiledMap& m) {
  const bool inbound = d.direction == partners::Direction::inbound;
  if (m.inbound() != inbound) return "the map's direction is " + m.direction;
  const bool json = p.standard.family == partners::Family::json;
  if (inbound && m.json_source() != json)
    return json ? "a JSON partner needs a map with source=\"json\"" : "the map reads JSON, not EDI";
  if (!json && !m.set.empty() && m.set != d.type) return "the map is for set " + m.set;
  if (m.type.empty()) return "the map has no type= (the canonical type)";
  return "";
}

}  // namespace

std::vector<Error> check_references(const partners::Profile& p, translation::FileCache& files,
                                    schema::Registry* schemas) {
  const std::filesystem::path& maps_dir = files.maps_root();
  std::vector<Error> problems;
  auto at_document = [&](const partners::DocumentType& d, std::string code, std::string message) {
    Error e(std::move(code), std::move(message));
    e.position.file = p.file.string();
    e.position.line = d.line;
    return e;
  };
  for (const auto& d : p.documents) {
    if (!d.schema_variant.empty() && schemas && !p.standard.name.empty()) {
      // The partner's version is the one its documents are sent in (a partner sending another
      // directory is told at that transaction: schema.variant.not_found).
      auto table = translation::variant_schema(*schemas, &p, d, {p.standard.name, p.standard.version, d.type, {}});
      if (!table && table.error().code == "schema.variant.not_found")
        problems.push_back(table.error());  // already at the <document> line
      else if (!table)
        problems.push_back(at_document(
            d, table.error().code,
            d.schema_variant + " table of " + d.type + " does not load: " + table.error().to_string(false)));
    }
    for (const auto* ref : {&d.map, &d.schema}) {
      if (ref->empty()) continue;
      auto resolved = p.resolve(*ref, maps_dir);
      if (!resolved) {  // outside the partner's folder and the maps folder: refused, not opened
        problems.push_back(at_document(d, resolved.error().code, resolved.error().message));
        continue;
      }
      const std::filesystem::path& path = *resolved;
      std::error_code ec;
      if (std::filesystem::is_regular_file(path, ec)) {
        const std::string what =
            std::string(ref == &d.map ? "map" : "schema") + " for " + d.type + " " + partners::to_string(d.direction);
        if (ref == &d.map) {
          auto map = files.map(path);
          if (!map)
            problems.push_back(
                at_document(d, map.error().code, what + " does not load: " + map.error().to_string(false)));
          else if (auto why = map_mismatch(p, d, **map); !why.empty())
            problems.push_back(std::move(at_document(d, "partner.map.mismatch", what + " does not fit: " + why))
                                   .want(path.string(), ""));
        } else if (auto schema = files.schema(path); !schema) {
          problems.push_back(
              at_document(d, schema.error().code, what + " does not load: " + schema.error().to_string(false)));
        }
        continue;
      }
      Error e("partner.reference.missing", std::string(ref == &d.map ? "map" : "schema") + " file for " + d.type + " " +
                                               partners::to_string(d.direction) + " not found");
      e.position.file = p.file.string();
      e.position.line = d.line;
      e.expected = (p.folder / *ref).string() + " or " + (maps_dir / *ref).string();
      problems.push_back(std::move(e));
    }
  }
  // Several inbound maps for one type must be told apart by their <selector>s (docs/maps.md):
  // two without one would be refused at every transaction, so say it when the profile is checked.
  std::set<std::string> types;
  for (const auto& d : p.documents) {
    if (d.direction != partners::Direction::inbound || !types.insert(d.type).second) continue;
    auto maps = translation::inbound_maps(files, p, d.type);
    if (!maps && maps.error().code == "translate.document.ambiguous") problems.push_back(maps.error());
  }
  return problems;
}

}  // namespace edigate::runtime
