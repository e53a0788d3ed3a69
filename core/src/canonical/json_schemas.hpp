#pragma once
// The published canonical JSON Schemas (docs/canonical/*.schema.json), compiled into the binary
// at build time. Two uses: validating messages (valijson; `edigate canonical validate`, the
// golden and corpus tests) and answering, when a map loads, whether a target field exists and
// which values its enum allows (mapping/map_check.cpp), so a map cannot write what the schema
// does not publish.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::canonical {

/// One embedded schema file: its name ("purchase_order.schema.json") and text.
struct EmbeddedSchema {
  const char* name;
  const char* text;
};
std::span<const EmbeddedSchema> embedded_schema_texts();

/// A schema violation: the JSON pointer of the offending value ("/lines/0/unit_price", "" for
/// the message itself) and what is wrong.
struct SchemaProblem {
  std::string path;
  std::string message;
};

/// What a schema says about one member of a message (FieldInfo::found false: not declared).
struct FieldInfo {
  bool found = false;
  bool array = false;                    ///< an array (lookups continue in its items)
  bool object = false;                   ///< an object with declared properties
  std::vector<std::string> enum_values;  ///< enum/const of the value (or of array items)
};

class JsonSchemas {
 public:
  /// The embedded schemas, parsed and compiled once (thread-safe). The texts are ours and
  /// tested (tests/core/canonical), so a broken one is a build defect: it aborts with a message.
  static const JsonSchemas& embedded();

  ~JsonSchemas();
  JsonSchemas(const JsonSchemas&) = delete;
  JsonSchemas& operator=(const JsonSchemas&) = delete;

  /// Canonical message types with a schema ("purchase_order", ...), sorted.
  const std::vector<std::string>& types() const { return types_; }
  bool has_type(std::string_view type) const;

  /// The member at `path` (member names from the message root; arrays are stepped through, so
  /// {"lines", "items", "gtin"} is lines[*].items.gtin). Unknown type: not found.
  FieldInfo field(std::string_view type, std::span<const std::string> path) const;
  /// The member names declared at `path` (an object, or the items of an array), sorted; the
  /// message's own members for an empty path.
  std::vector<std::string> members(std::string_view type, std::span<const std::string> path) const;

  /// Problems of one message against the schema its "type" names (none: valid). A message
  /// that is not an object or names no known type is one problem.
  std::vector<SchemaProblem> validate(const Poco::Dynamic::Var& message) const;

 private:
  JsonSchemas();
  struct Compiled;
  std::vector<std::string> types_;
  std::vector<std::unique_ptr<Compiled>> compiled_;  // parallel to types_
  Poco::JSON::Object::Ptr common_;                   // common.schema.json as published
};

}  // namespace edigate::canonical
