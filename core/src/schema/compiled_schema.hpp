#pragma once
// The compiled form of one transaction-set schema: flat vectors indexed by small integers, built
// once by the loader and only read by the validator (so one instance is shared by all threads).
// What the validator looks up per segment and per value is interned as integers by
// build_indexes(): segment tags in an open-addressing hash of packed tags, code values as packed
// 8-byte keys beside the sorted strings, so lookups compare integers and validation allocates
// nothing per segment.
#include "schema/registry.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema {

inline constexpr std::uint32_t kUnbounded = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

enum class Usage : std::uint8_t { mandatory, optional, conditional, relational };

enum class DataType : std::uint8_t {
  x12_an,
  x12_id,
  x12_n,
  x12_r,
  x12_dt,
  x12_tm,
  x12_b,  // X12
  ed_a,
  ed_n,
  ed_an,  // EDIFACT
};

// Definitions keep what the validator reads per value first and their names last, so the
// checked fields of one definition share a cache line (the names are read only for messages).
struct ElementDef {
  DataType type = DataType::x12_an;
  std::uint8_t implied_decimals = 0;  ///< N0..N9
  bool closed_codes = false;          ///< codes listed and codes="closed"
  std::uint32_t min = 0;
  std::uint32_t max = 0;
  std::uint32_t codes_begin = 0, codes_end = 0;  ///< range in CompiledSchema::codes (sorted)
  std::string id;
  std::string name;
};

/// A syntax rule: positions in CompiledSchema::rule_positions[begin, end), 1-based.
struct RuleDef {
  char type = 'P';  ///< P R E C L
  std::uint32_t begin = 0, end = 0;
  /// The positions as bits (bit p for position p), so a rule is checked against the segment's
  /// presence bits with a mask; 0 when a position is past 63 (then checked position by position).
  std::uint64_t mask = 0;
};

struct ComponentDef {
  std::uint32_t element = 0;  ///< index into elements
  Usage usage = Usage::optional;
};

struct CompositeDef {
  std::uint32_t comp_begin = 0, comp_end = 0;  ///< range in components
  std::uint32_t rule_begin = 0, rule_end = 0;  ///< range in rules
  std::string id;
  std::string name;
};

/// One element position of a segment: a simple element or a composite.
struct ElementRef {
  bool composite = false;
  Usage usage = Usage::optional;
  std::uint32_t def = 0;     ///< index into elements or composites
  std::uint32_t repeat = 1;  ///< kUnbounded for "unbounded"
};

struct SegmentDef {
  std::uint32_t ref_begin = 0, ref_end = 0;    ///< range in element_refs
  std::uint32_t rule_begin = 0, rule_end = 0;  ///< range in rules
  std::uint32_t last_mandatory = 0;            ///< 1-based position of the last mandatory element; 0: none
  bool placed = false;                         ///< used somewhere in the structure
  std::string id;
  std::string name;
};

/// Structure node: a segment position or a loop. Node 0 is the whole transaction (a loop that
/// occurs once, whose first child is the header segment).
struct Node {
  bool loop = false;
  Usage usage = Usage::optional;
  std::uint32_t max = 1;
  std::uint32_t segment = 0;                     ///< segment position: its SegmentDef; loop: its trigger's SegmentDef
  std::uint32_t child_begin = 0, child_end = 0;  ///< range in children (loops only)
  std::string id;                                ///< loop id ("N1", "SG2"); empty for segments
};

class CompiledSchema;

/// An element's codes in the order people read them: all-digit codes by number ("1 2 10 100",
/// not the byte order "1 10 100 2" the lookup keeps them in), then the others by text. At most
/// `limit` of them, for lists shortened in `schemas show` and in validation errors.
std::vector<std::string_view> codes_for_people(const CompiledSchema& schema, const ElementDef& element,
                                               std::size_t limit);

class CompiledSchema {
 public:
  SchemaInfo info;
  std::vector<ElementDef> elements;
  std::vector<std::string> codes;
  std::vector<CompositeDef> composites;
  std::vector<ComponentDef> components;
  std::vector<ElementRef> element_refs;
  std::vector<RuleDef> rules;
  std::vector<std::uint16_t> rule_positions;
  std::vector<SegmentDef> segments;
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;  ///< node indices, grouped per loop
  /// Parallel to children: the first mandatory child at or after this one, relative to its
  /// loop (the loop's child count when none), so closing a loop skips optional children.
  std::vector<std::uint32_t> next_mandatory;
  std::uint32_t max_depth = 1;  ///< deepest loop nesting including the root
  /// Parallel to children: the child's SegmentDef (a loop's: its trigger's), so the validator
  /// looks for a segment in a loop by scanning one contiguous array instead of following each
  /// child to its node. kChildSegmentPadding entries of kNone follow the last child, so the
  /// scan may read four entries at a time.
  std::vector<std::uint32_t> child_segments;
  static constexpr std::size_t kChildSegmentPadding = 3;

  /// Segment ids interned as (packed key, SegmentDef index), sorted by key. The key packs the
  /// first 7 bytes and the length so that 2-3 character tags compare as one integer.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> segment_index;
  /// The same keys in an open-addressing table (power-of-two size, at most half full): a tag is
  /// found in one or two probes instead of a binary search (measured: find_segment was 3-5% of
  /// a full validation). Slot value is the SegmentDef index + 1; 0 is empty.
  std::vector<std::uint64_t> segment_slot_keys;
  std::vector<std::uint32_t> segment_slots;
  /// Parallel to codes: code_key(code), so a value of up to 7 bytes is looked up by comparing
  /// integers (the keys sort as the strings do).
  std::vector<std::uint64_t> code_keys;

  /// Fills segment_index, the segment hash, code_keys, child_segments, RuleDef::mask and
  /// SegmentDef::last_mandatory; the
  /// loader calls it once all definitions are read.
  void build_indexes();

  static std::uint64_t pack_tag(std::string_view tag) noexcept {
    if (tag.size() == 3)  // most tags (EDIFACT all): no loop
      return std::uint64_t(static_cast<unsigned char>(tag[0])) |
             std::uint64_t(static_cast<unsigned char>(tag[1])) << 8 |
             std::uint64_t(static_cast<unsigned char>(tag[2])) << 16 | std::uint64_t(3) << 56;
    std::uint64_t k = 0;
    std::size_t n = std::min<std::size_t>(tag.size(), 7);
    for (std::size_t i = 0; i < n; ++i) k |= std::uint64_t(static_cast<unsigned char>(tag[i])) << (8 * i);
    return k | (std::uint64_t(std::min<std::size_t>(tag.size(), 255)) << 56);
  }

  /// Big-endian packing of the first 7 bytes, then the length (0xFF past 7): the keys of a
  /// sorted list of codes are sorted too, and a value of up to 7 bytes matches a code exactly
  /// when the keys are equal.
  static std::uint64_t code_key(std::string_view v) noexcept {
    std::uint64_t k = 0;
    for (std::size_t i = 0; i < 7; ++i) k = (k << 8) | (i < v.size() ? static_cast<unsigned char>(v[i]) : 0u);
    return (k << 8) | (v.size() > 7 ? 0xFFu : v.size());
  }

  static std::uint32_t slot_of(std::uint64_t key, std::size_t mask) noexcept {
    return static_cast<std::uint32_t>(((key * 0x9E3779B97F4A7C15ull) >> 32) & mask);
  }

  /// SegmentDef index for a tag, or kNone.
  std::uint32_t find_segment(std::string_view tag) const noexcept {
    if (segment_slots.empty()) return kNone;
    const std::uint64_t key = pack_tag(tag);
    const std::size_t mask = segment_slots.size() - 1;
    for (std::size_t i = slot_of(key, mask);; i = (i + 1) & mask) {
      std::uint32_t v = segment_slots[i];
      if (v == 0) return kNone;
      if (segment_slot_keys[i] == key && (tag.size() <= 7 || segments[v - 1].id == tag)) return v - 1;
    }
  }

  bool has_code(const ElementDef& e, std::string_view value) const noexcept {
    if (value.size() > 7) {
      auto b = codes.begin() + e.codes_begin, end = codes.begin() + e.codes_end;
      auto it = std::lower_bound(b, end, value, [](const std::string& c, std::string_view v) { return c < v; });
      return it != end && *it == value;
    }
    const std::uint64_t key = code_key(value);
    const std::uint64_t* b = code_keys.data() + e.codes_begin;
    const std::uint64_t* end = code_keys.data() + e.codes_end;
    if (end - b <= 16) {  // short lists (most): a linear scan beats the branches of a search
      for (; b != end; ++b)
        if (*b == key) return true;
      return false;
    }
    const std::uint64_t* it = std::lower_bound(b, end, key);
    return it != end && *it == key;
  }
};

}  // namespace edigate::schema
