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

#include <cstdint>
#include <filesystem>
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
};

/// Reads one BizTalk EDI XSD. Errors (code schema.import.*) carry file:line:col.
Result<Message> import_xsd(const std::filesystem::path& file);
Result<Message> import_xsd_text(std::string_view xml, const std::string& name);

}  // namespace edigate::schema::biztalk
