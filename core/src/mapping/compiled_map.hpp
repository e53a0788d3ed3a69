#pragma once
// A map compiled once into an evaluation plan: paths parsed into steps, tables sorted, items
// typed. Read-only after compilation, so one instance serves every thread.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace edigate::mapping {

/// An element (and component) of a segment: "N104" (tag + two digits), "3", "1.2", "PO106.1".
struct ElemRef {
  std::string tag;  ///< empty when given by position only
  std::uint16_t element = 0;
  std::uint16_t component = 0;  ///< 0: the whole element (first component when composite)
};

struct Path;

struct Cond {
  ElemRef ref;      ///< EDI paths
  std::string key;  ///< JSON paths: a member of the object
  std::vector<std::string> values;
  bool negate = false;
  bool presence = false;  ///< [N103]: the element is not empty
  /// EDI: [AT7/AT701=AF], [AT7[AT701]]: a path from the step's match (one element, 0 or 1):
  /// some match has that value (or, without a value, exists / is not empty).
  std::vector<Path> sub;
};

struct Step {
  std::string name;  ///< loop id, segment tag or JSON member
  std::vector<Cond> conds;
  std::int32_t index = -1;  ///< JSON: [n], 0-based
};

struct Path {
  std::vector<Step> steps;
  bool has_elem = false;
  ElemRef elem;
  bool pair = false;  ///< pair(START,'Q'): value after the element equal to Q at START, START+2...
  std::string pair_qualifier;
  bool json = false;
  bool absolute = false;  ///< "/a/b": from the document (JSON) or transaction (EDI) root
  std::string text;       ///< as written, for messages
  /// EDI: one step without conditions naming the element's own segment ("PO101"): a context
  /// already on that segment is the match (set by compile_map).
  bool self_step = false;
};

enum class Convert : std::uint8_t {
  none,
  date,
  date8,
  date6,
  time,
  decimal,
  integer,
  upper,
  lower,
  trim,
  implied,
  zone,
  sscc,
  upc,
  gtin,
  length,
  range_start,  ///< EDIFACT 2379 periods in one value (718 CCYYMMDD-CCYYMMDD): the first date
  range_end     ///< ... the second
};

struct Part {
  std::int32_t path = -1;  ///< index into CompiledMap::paths
  bool has_const = false;
  std::string constant;
  Convert convert = Convert::none;
  std::uint8_t scale = 0;  ///< implied decimals
  std::int32_t table = -1;
};

struct Value {
  Part main;                ///< the field's own path/const/convert/table
  std::vector<Part> parts;  ///< <part> children: joined with separator, then main's convert/table
  std::string separator;
  bool coalesce = false;  ///< the first non-empty part is the value (fallbacks), not the join
  bool has_default = false;
  std::string default_value;
  bool required = false;
};

/// One id of an outbound <pairs>: the value (path/convert/table) and its qualifier, constant
/// (qualifier="BP") or derived from the written value (qualifier-convert/qualifier-table:
/// a GTIN's length picks UK/EN).
struct PairSpec {
  Part value;
  Part qualifier;  ///< has_const: fixed; else convert/table applied to the written value
};

enum class Correlation : std::uint8_t { none, po_number, shipment_id, bol, tracking_numbers };
enum class Special : std::uint8_t { none, control, segment_count, index, hl_id, hl_parent, count };

struct Item {
  enum class Kind : std::uint8_t { field, timestamp, list, object, array, segment, element, loop, pairs };
  Kind kind = Kind::field;
  std::string name;      ///< output key (inbound), tag (segment)
  std::string json_key;  ///< name as a JSON member key with its ':' ("\"po_number\":"), set by compile_map
  Value value;
  Correlation correlation = Correlation::none;
  bool required = false;
  std::int32_t each = -1;  ///< array/list/loop path
  /// Inbound array: the path read instead when `each` matches nothing (a 204 stop's weight from
  /// its AT8s, else from S503-S504 of the S5 itself); -1 when none.
  std::int32_t each_else = -1;
  std::vector<std::string> levels;  ///< array over HL loops: HL03 codes
  bool deep = false;
  bool hl = false;  ///< outbound loop opens an HL level
  /// Inbound array over position groups of each matched segment (RCD06-08, RCD09-11, ...):
  /// `groups` passes, the k-th reading the segment's own elements k * `stride` positions further
  /// on; 0 when the array is one item per match. `when` (a path) keeps a group only when set.
  std::uint16_t groups = 0, stride = 0;
  std::int32_t ts_date = -1, ts_time = -1, ts_zone = -1, ts_value = -1, ts_format = -1;
  std::string ts_offset;
  std::uint16_t pos = 0, comp = 0;  ///< element
  Special special = Special::none;
  std::int32_t when = -1;            ///< segment: only when this path has a value
  std::vector<std::uint16_t> slots;  ///< pairs: qualifier positions, the value follows each
  std::vector<PairSpec> pair_specs;  ///< pairs: candidates in order; empty ones are skipped
  std::uint32_t line = 0, column = 0;
  std::vector<Item> children;
};

struct Table {
  std::string name;
  std::vector<std::pair<std::string, std::string>> entries;  ///< sorted by code
  bool has_default = false;
  std::string default_value;
  /// nullptr when the code is not listed and there is no default.
  const std::string* find(std::string_view code) const;
};

struct CompiledMap {
  std::string id, file, direction, source, standard, version, set, type;
  std::int32_t messages = -1;  ///< one message per match of this path (JSON or EDI loop path)
  /// <selector> (inbound EDI maps, selector.hpp): loop/segment paths from the transaction root.
  /// The map takes a transaction when one <when> path matches (or there is none) and no
  /// <unless> path does.
  std::vector<std::int32_t> select_when, select_unless;
  std::vector<Path> paths;
  std::vector<Table> tables;
  std::vector<Item> items;
  bool unique_output_keys = true;  ///< no object of the output repeats a key (translate_members)

  bool inbound() const { return direction == "inbound"; }
  bool json_source() const { return source == "json"; }
  bool has_selector() const { return !select_when.empty() || !select_unless.empty(); }
};

}  // namespace edigate::mapping
