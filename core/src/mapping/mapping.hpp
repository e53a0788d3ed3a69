#pragma once
// The map engine (docs/maps.md): load a map file once, then
//  - translate: one EDI transaction (header..trailer) -> the canonical message body;
//  - translate_json: a JSON document (carrier tracking API) -> canonical message bodies;
//  - render: a canonical message -> one transaction's segments (ST..SE / UNH..UNT).
// The canonical envelope (schema, type, message_id, partner_id, direction, source,
// correlation) is the caller's job (canonical/envelope.hpp); correlation values come back in
// the context. No entry point throws; bad input is an Error positioned in the input, bad maps
// an Error at file:line:col.
#include "mapping/compiled_map.hpp"

#include <canonical/envelope.hpp>
#include <edigate/document.hpp>
#include <edigate/result.hpp>
#include <edigate/segment.hpp>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema {
class CompiledSchema;
class Registry;
}  // namespace edigate::schema

namespace edigate::mapping {

using MapPtr = std::shared_ptr<const CompiledMap>;

/// What a map is checked against when it loads (map_check.hpp).
struct MapChecks {
  /// `type` and output fields against the canonical JSON Schemas (compiled in). Only engine
  /// tests with synthetic maps turn this off.
  bool canonical = true;
  /// EDI paths and outbound segments against the transaction-set schema of the map's
  /// standard/version/set, when this registry has one.
  schema::Registry* standards = nullptr;
};

/// Reads, XSD-checks, resolves `extends` (against `maps_root` for ids), compiles and checks a map.
Result<MapPtr> load_map(const std::filesystem::path& file, const std::filesystem::path& maps_root,
                        const MapChecks& checks = {});
/// Same from memory; `name` is used in positions, `extends` paths resolve against `maps_root`.
Result<MapPtr> load_map_from_memory(std::string_view xml, const std::string& name,
                                    const std::filesystem::path& maps_root = {}, const MapChecks& checks = {});

/// A value that reached the message although it fails a business rule (business_rules.hpp).
struct ValueWarning {
  std::string field;  ///< canonical path of the value: "lines[1].items.upc"
  Error error;        ///< severity warning, positioned at the segment (element when known)
};

struct TranslateContext {
  std::string file;                    ///< input name for error positions
  std::string default_offset;          ///< partner's UTC offset for times without a zone ("+01:00")
  std::string control_number;          ///< render: ST02/SE02, UNH/UNT 0062 (source="control")
  canonical::Correlation correlation;  ///< out: values of fields marked correlation=
  /// in: a value failing a business rule fails the transaction (partner tolerance
  /// business-rule-violations="reject") instead of reaching the message with a warning.
  bool reject_business_rules = false;
  /// out: business-rule warnings of the messages built, in order; each message's own are also
  /// in its body ("warnings").
  std::vector<ValueWarning> warnings;
};

/// EDI -> canonical body (insertion-ordered object without envelope fields).
Result<Poco::JSON::Object::Ptr> translate(const CompiledMap& map, const schema::CompiledSchema& schema,
                                          std::span<const Segment> segments, const Delimiters& delimiters,
                                          TranslateContext& context);

/// Same as translate(), written as JSON text: the body's members ("\"po_number\":\"1\",...",
/// no braces) appended to `out`, byte for byte what canonical::to_json_line writes for
/// translate()'s object, without building it (the throughput path of translate). Needs
/// map.unique_output_keys. On an error `out` holds a partial body: discard it.
Result<void> translate_members(const CompiledMap& map, const schema::CompiledSchema& schema,
                               std::span<const Segment> segments, const Delimiters& delimiters,
                               TranslateContext& context, std::string& out);

/// JSON document -> one body per match of the map's messages= path (or one for the document).
Result<std::vector<Poco::JSON::Object::Ptr>> translate_json(const CompiledMap& map, const Poco::Dynamic::Var& document,
                                                            TranslateContext& context);

/// Canonical message -> one transaction. Counts (source="segment_count") are computed here;
/// the caller wraps envelopes and writes with the format plugin.
Result<TransactionData> render(const CompiledMap& map, const Poco::JSON::Object::Ptr& message,
                               TranslateContext& context);

}  // namespace edigate::mapping
