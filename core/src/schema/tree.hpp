#pragma once
// One transaction's segments as a tree of loop instances, built with the schema's structure
// (the same cursor rules as the validator), so maps address loops by their schema ids ("N1",
// "PO1", "HL", "SG2"). Flat vectors, no per-segment allocation: a loop instance is a contiguous
// range of segments, and each segment knows the innermost instance that owns it.
#include <edigate/segment.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace edigate::schema {

class CompiledSchema;

inline constexpr std::uint32_t kNoInstance = 0xFFFFFFFFu;

struct LoopInstance {
  std::string_view id;  ///< schema loop id; "" for the root (the whole transaction)
  std::uint32_t parent = kNoInstance;
  std::uint32_t first = 0;  ///< index of the trigger segment (root: 0)
  std::uint32_t last = 0;   ///< index of the last segment inside, inclusive
  std::uint32_t first_child = kNoInstance;
  std::uint32_t next_sibling = kNoInstance;
  /// X12 HL loops: HL01 (id), HL02 (parent id), HL03 (level code) of the trigger, raw. The 856
  /// hierarchy is flat in the schema; these let a map rebuild S/O/T/P/I by parent id.
  std::string_view hl_id, hl_parent, hl_level;
};

class TransactionTree {
 public:
  /// Rebuilds the tree for `segments` (header..trailer), reusing this object's storage.
  /// Segments the schema does not place stay in the innermost open instance. Never fails.
  void build(const CompiledSchema& schema, std::span<const Segment> segments);

  std::span<const Segment> segments() const noexcept { return segments_; }
  const std::vector<LoopInstance>& instances() const noexcept { return instances_; }
  /// Innermost loop instance owning segment i (0 = root).
  std::uint32_t owner(std::size_t i) const noexcept { return owner_[i]; }
  static constexpr std::uint32_t root() noexcept { return 0; }

  /// X12 HL hierarchy, indexed once per build so that walking it is linear in the number of
  /// HLs (a 100k-HL 856 would otherwise cost a scan of every HL per HL):
  /// every HL loop instance in document order,
  std::span<const std::uint32_t> hl_instances() const noexcept { return hl_list_; }
  /// the HL instances whose HL02 is this instance's HL01, in document order,
  std::span<const std::uint32_t> hl_children(std::uint32_t instance) const noexcept;
  /// and the HL instance named by this one's HL02 (kNoInstance: none, unknown id, not an HL).
  /// When an HL01 repeats (malformed input), the first instance with it is the one found.
  std::uint32_t hl_parent(std::uint32_t instance) const noexcept {
    return instance < hl_parent_.size() ? hl_parent_[instance] : kNoInstance;
  }

 private:
  std::span<const Segment> segments_;
  std::vector<LoopInstance> instances_;
  std::vector<std::uint32_t> owner_;
  struct Frame {
    std::uint32_t node, pos, instance;
  };
  std::vector<Frame> stack_;
  std::vector<std::uint32_t> last_child_;  // per instance, while building
  void open(std::uint32_t node, std::uint32_t seg, const CompiledSchema& schema);
  void index_hl();

  std::vector<std::uint32_t> hl_list_;
  std::vector<std::uint32_t> hl_parent_;       // per instance
  std::vector<std::uint32_t> hl_child_begin_;  // per instance + 1: CSR offsets into hl_child_list_
  std::vector<std::uint32_t> hl_child_list_;
  std::unordered_map<std::string_view, std::uint32_t> hl_by_id_;
};

}  // namespace edigate::schema
