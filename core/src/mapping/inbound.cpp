// Loading maps and the two inbound directions (EDI and JSON sources).
#include "mapping/builder.hpp"
#include "mapping/compile.hpp"
#include "mapping/edi_messages.hpp"
#include "mapping/edi_source.hpp"
#include "mapping/json_source.hpp"
#include "mapping/map_check.hpp"
#include "mapping/map_reader.hpp"
#include "schema/compiled_schema.hpp"

namespace edigate::mapping {

namespace {

// The release an outbound EDIFACT map writes in UNH S009 when it names an association code
// (0057 EAN005: an EANCOM subset), so its constants are checked against the schema the message
// will be read with (schema::Registry::find: an EANCOM message's code lists are open); "" else.
std::string written_release(const CompiledMap& m) {
  if (m.inbound()) return {};
  for (const Item& seg : m.items) {
    if (seg.kind != Item::Kind::segment || seg.name != "UNH") continue;
    for (const Item& e : seg.children)
      if (e.kind == Item::Kind::element && e.pos == 2 && e.comp == 5 && e.value.main.has_const)
        return "D:" + m.version + ":UN:" + e.value.main.constant;
  }
  return {};
}

// compile_map, then the load-time checks against the canonical schema and, when the registry
// has one, the standard's transaction-set schema (map_check.hpp).
Result<MapPtr> compile_checked(const MapNode& node, const MapChecks& checks) {
  EDIGATE_TRY(auto compiled, compile_map(node));
  std::shared_ptr<const schema::CompiledSchema> standard;
  // Inbound EDI maps read the standard; outbound maps (source json) write it; carrier JSON maps
  // have no transaction-set schema.
  const bool edi_side = !compiled.inbound() || !compiled.json_source();
  if (checks.standards && edi_side && !compiled.standard.empty() && !compiled.set.empty()) {
    // A schema file that is broken is reported where transactions are validated; the map
    // checks then do without it.
    auto found = checks.standards->find(compiled.standard, compiled.version, compiled.set, written_release(compiled));
    if (found) standard = *found;
  }
  EDIGATE_TRY_VOID(check_map(node, standard.get(), checks.canonical));
  return std::make_shared<const CompiledMap>(std::move(compiled));
}

}  // namespace

Result<MapPtr> load_map(const std::filesystem::path& file, const std::filesystem::path& maps_root,
                        const MapChecks& checks) {
  try {
    MapResolver resolver(maps_root);
    EDIGATE_TRY(auto node, resolver.load(file));
    return compile_checked(node, checks);
  } catch (const std::exception& ex) {
    return Error("mapping.file.invalid", std::string("cannot load map: ") + ex.what()).at(file_position(file.string()));
  }
}

Result<MapPtr> load_map_from_memory(std::string_view xml, const std::string& name,
                                    const std::filesystem::path& maps_root, const MapChecks& checks) {
  try {
    EDIGATE_TRY(auto node, read_map_text(xml, name));
    MapResolver resolver(maps_root);
    EDIGATE_TRY(auto merged, resolver.resolve(std::move(node), maps_root));
    return compile_checked(merged, checks);
  } catch (const std::exception& ex) {
    return Error("mapping.file.invalid", std::string("cannot load map: ") + ex.what()).at(file_position(name));
  }
}

Result<Poco::JSON::Object::Ptr> translate(const CompiledMap& map, const schema::CompiledSchema& schema,
                                          std::span<const Segment> segments, const Delimiters& delimiters,
                                          TranslateContext& context) {
  if (!map.inbound() || map.json_source())
    return Error("mapping.direction", "map " + map.file + " is not an inbound EDI map").at(file_position(context.file));
  if (segments.empty()) return Error("mapping.input.empty", "no segments to translate").at(file_position(context.file));
  if (map.messages >= 0) return translate_single_message(map, schema, segments, delimiters, context);
  try {
    // One tree per thread, reused: building allocates only when a transaction is bigger than
    // any before it.
    thread_local schema::TransactionTree tree;
    tree.build(schema, segments);
    EdiSource src(map, tree, delimiters, context.file);
    Builder<EdiSource> builder(map, src, context);
    auto out = canonical::make_object();
    EDIGATE_TRY_VOID(builder.build(map.items, src.root(), *out, nullptr));
    return out;
  } catch (const std::exception& ex) {
    Position p;
    p.file = context.file;
    return Error("mapping.internal", std::string("translation aborted: ") + ex.what())
        .at(std::move(p))
        .as(ErrorCategory::internal);
  }
}

Result<void> translate_members(const CompiledMap& map, const schema::CompiledSchema& schema,
                               std::span<const Segment> segments, const Delimiters& delimiters,
                               TranslateContext& context, std::string& out) {
  if (!map.inbound() || map.json_source())
    return Error("mapping.direction", "map " + map.file + " is not an inbound EDI map").at(file_position(context.file));
  if (!map.unique_output_keys)
    return Error("mapping.internal", "map " + map.file + " repeats an output key: use translate()")
        .at(file_position(context.file))
        .as(ErrorCategory::internal);
  if (map.messages >= 0)  // one body per loop: translate_messages (edi_messages.hpp)
    return Error("mapping.internal",
                 "map " + map.file + " gives one message per messages= match: use translate_messages()")
        .at(file_position(context.file))
        .as(ErrorCategory::internal);
  if (segments.empty()) return Error("mapping.input.empty", "no segments to translate").at(file_position(context.file));
  try {
    thread_local schema::TransactionTree tree;  // as translate(): reused across transactions
    tree.build(schema, segments);
    EdiSource src(map, tree, delimiters, context.file);
    Builder<EdiSource, JsonOut> builder(map, src, context);
    JsonOut::Obj body{&out, 0, out.size()};
    EDIGATE_TRY_VOID(builder.build(map.items, src.root(), body, nullptr));
    return {};
  } catch (const std::exception& ex) {
    Position p;
    p.file = context.file;
    return Error("mapping.internal", std::string("translation aborted: ") + ex.what())
        .at(std::move(p))
        .as(ErrorCategory::internal);
  }
}

Result<std::vector<Poco::JSON::Object::Ptr>> translate_json(const CompiledMap& map, const Poco::Dynamic::Var& document,
                                                            TranslateContext& context) {
  if (!map.inbound() || !map.json_source())
    return Error("mapping.direction", "map " + map.file + " is not an inbound JSON-source map")
        .at(file_position(context.file));
  try {
    JsonSource src(map, document, context.file);
    Builder<JsonSource> builder(map, src, context);
    std::vector<Poco::JSON::Object::Ptr> out;
    std::optional<Error> failed;
    auto one = [&](const JsonCtx& c) {
      auto obj = canonical::make_object();
      auto r = builder.build(map.items, c, *obj, nullptr);
      if (!r) {
        failed = std::move(r).error();
        return false;
      }
      out.push_back(obj);
      return true;
    };
    if (map.messages >= 0)
      src.each(map.messages, src.root(), one);
    else
      one(src.root());
    if (failed) return std::move(*failed);
    return out;
  } catch (const std::exception& ex) {
    return Error("mapping.internal", std::string("translation aborted: ") + ex.what())
        .at(file_position(context.file))
        .as(ErrorCategory::internal);
  }
}

}  // namespace edigate::mapping
