#pragma once
// Where segments live once split: an arena of stable blocks per transaction (no per-element
// heap allocation, reused across transactions) and owned copies of envelope segments.
#include <edigate/segment.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::x12 {

/// Bump allocator over blocks that never move, so views into it stay valid until reset().
class Arena {
 public:
  char* alloc(std::size_t n);
  void reset() noexcept;  ///< keeps the first block for the next transaction
  std::size_t used() const noexcept { return used_total_; }

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::size_t current_ = 0, offset_ = 0, used_total_ = 0;
};

/// Copies `raw` to `dst` (which has raw.size() bytes), dropping CR/LF when `drop_line_breaks`,
/// and appends one view per element (tag first) to `out`. A binary (BIN) segment keeps its
/// payload, the third field, whole. Returns the number of views appended.
std::size_t split_segment(std::string_view raw, char element, bool drop_line_breaks, bool binary, char* dst,
                          std::vector<std::string_view>& out);

/// An envelope segment (ISA, GS, ST, SE, GE, IEA ...) with its own storage. Not movable: the
/// segment's views point into it.
class OwnedSegment {
 public:
  OwnedSegment(std::string_view raw, char element, bool drop_line_breaks, std::uint64_t offset, std::uint64_t index);
  OwnedSegment(const std::vector<std::string>& fields, std::uint64_t offset, std::uint64_t index);
  OwnedSegment(const OwnedSegment&) = delete;
  OwnedSegment& operator=(const OwnedSegment&) = delete;
  const Segment& segment() const noexcept { return segment_; }

 private:
  std::unique_ptr<char[]> data_;
  std::vector<std::string_view> views_;
  Segment segment_;
};

/// The segment's tag, CR/LF skipped, up to 3 characters plus one to tell a longer tag apart.
std::string_view read_tag(std::string_view raw, char element, char (&buf)[4]) noexcept;

}  // namespace edigate::x12
