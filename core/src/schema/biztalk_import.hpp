#pragma once
// Reading BizTalk Server EDI message schemas (XSD, EDIFACT and X12 flavours) into an in-memory
// message model that library_builder merges into edigate schema files.
//
// A BizTalk EDI XSD describes one message: the root element's sequence holds segments (global
// elements with a `tag_name` in their b:recordInfo) and segment groups (global `...LoopN`
// elements whose sequence starts with their trigger segment); a segment's sequence holds simple
// data elements (`BGM02`) and composites (global `C002`), each with minOccurs/maxOccurs; a data
// element's type is a restriction of EDIFACT_AN/_N/_A/_R (X12_AN/_N0../_R/_DT/_TM/_B) with
// min/maxLength, or a named EDIFACT_ID_<number> / X12_ID_<number> enumeration (its code list).
// The element number is the `_NNNN` suffix of the b:fieldInfo notes ("Message function,
// coded_1225"). Whatever the model cannot express is an Error at file:line:col.
#include <edigate/result.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema::biztalk {

inline constexpr std::uint32_t kUnboundedOccurs = 0;  ///< max 0 = unbounded

struct ElementDef {
  std::string id;  ///< data element number ("1225"), X12 element number or position name
  std::string name;
  std::string type;  ///< edigate DataType: an n a (EDIFACT); AN ID N0..N9 R DT TM B (X12)
  std::uint32_t min = 1, max = 1;
  std::vector<std::string> codes;  ///< sorted, unique; empty = not a coded element
  bool operator==(const ElementDef&) const = default;
};

/// A position in a segment or composite.
struct Ref {
  bool composite = false;
  std::string id;  ///< element or composite id
  char usage = 'C';
  std::uint32_t repeat = 1;  ///< kUnboundedOccurs = unbounded
  bool operator==(const Ref&) const = default;
};

struct CompositeDef {
  std::string id, name;
  std::vector<Ref> components;
  bool operator==(const CompositeDef&) const = default;
};

struct SegmentDef {
  std::string id, name;
  std::vector<Ref> refs;
  bool operator==(const SegmentDef&) const = default;
};

/// A structure node: a segment position (id = tag) or a group/loop (id = "SG1" / trigger tag).
struct StructureNode {
  bool loop = false;
  std::string id;
  char usage = 'C';
  std::uint32_t max = 1;  ///< kUnboundedOccurs = unbounded
  std::vector<StructureNode> children;
};

struct Message {
  std::string standard;                  ///< "EDIFACT" / "X12"
  std::string version;                   ///< "D96A" / "004010"
  std::string set;                       ///< "ORDERS" / "850"
  std::string name;                      ///< "Purchase order message"
  std::string file;                      ///< the XSD it came from
  std::vector<ElementDef> elements;      ///< as first met, one per id
  std::vector<CompositeDef> composites;  ///< one per id
  std::vector<SegmentDef> segments;      ///< one per tag
  StructureNode root;                    ///< loop node: header .. trailer
  std::vector<std::string> notes;        ///< what was adjusted (variants merged), for the report
  /// Defects of the XSD read another way ("file:line:col: what was read how, and why"): the
  /// group-trigger rule below and the corrections applied. For the report; never silent.
  std::vector<std::string> repairs;
  std::vector<std::size_t> corrections_applied;  ///< indexes into ImportOptions::corrections
};

/// One correction of one XSD, for a defect a third source settles (the list, with its sources,
/// is scripts/schemas/biztalk-corrections.tsv). `file` matches the XSD's path by its last
/// components ("EDIFACT/D94A/EFACT_D94A_DELFOR.xsd"); `element` names a position by its ref
/// (or name) in that file, unique there ("CTALoop4", "DTM_23"). Actions: "min=N" / "max=N"
/// (N a number or unbounded) replace the position's minOccurs / maxOccurs; "unwrap" reads a
/// group's positions as the last positions of the group just before it (BizTalk wrapped the
/// tail of that group in a group of its own).
struct Correction {
  std::string file, element, action, source;
  std::size_t line = 0;  ///< in the corrections file
};

struct ImportOptions {
  std::vector<Correction> corrections;
};

/// Reads a corrections file: tab-separated file, element, action, source; '#' starts a comment.
/// Errors (schema.import.corrections) name the file and line.
Result<std::vector<Correction>> read_corrections(const std::filesystem::path& file);

/// "unbounded" (kUnboundedOccurs) or a number; nullopt otherwise.
std::optional<std::uint32_t> parse_occurs(std::string_view v);

/// Reads one BizTalk EDI XSD. Errors (code schema.import.*) carry file:line:col.
///
/// EDIFACT group triggers: a segment group's first segment, its trigger, is M 1 and the group's
/// own status and repeat carry its condition (ISO 9735-1 "trigger segment"; every UN
/// segment table writes its triggers "M 1"). A BizTalk XSD whose trigger is minOccurs 0 or
/// maxOccurs > 1 is therefore read with the trigger M 1 and the group's own occurrence as given,
/// and the repair is reported in Message::repairs. X12 loops keep the error.
Result<Message> import_xsd(const std::filesystem::path& file, const ImportOptions& options = {});
Result<Message> import_xsd_text(std::string_view xml, const std::string& name, const ImportOptions& options = {});

}  // namespace edigate::schema::biztalk
