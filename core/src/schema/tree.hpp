#pragma once
// One transaction's segments as a tree of loop instances, built with the schema's structure
// (the same cursor rules as the validator), so maps address loops by their schema ids ("N1",
// "PO1", "HL", "SG2"). Flat vectors, no per-segment allocation: a loop instance is a contiguous
// range of segments, and each segment knows the innermost instance that owns it.
#include <edigate/segment.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace edigate::schema {

class CompiledSchema;

inline constexpr std::uint32_t kNoInstance = 0xFFFFFFFFu;

struct LoopInstance {
  std::string_view id;          ///< schema loop id; "" for the root (the whole transaction)
  std::uint32_t parent = kNoInstance;
  std::uint32_t first = 0;      ///< index of the trigger segment (root: 0)
  std::uint32_t last = 0;       ///< index of the last segment inside, inclusive
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

 private:
  std::span<const Segment> segments_;
  std::vector<LoopInstance> instances_;
  std::vector<std::uint32_t> owner_;
  struct Frame { std::uint32_t node, pos, instance; };
  std::vector<Frame> stack_;
  std::vector<std::uint32_t> last_child_;  // per instance, while building
  void open(std::uint32_t node, std::uint32_t seg, const CompiledSchema& schema);
};

}  // namespace edigate::schema
