#pragma once
// One materialised message (UNH..UNT): segment bytes copied into an arena of blocks that never
// move, element views into those blocks, and Segment records built once the message is
// complete. Blocks are reused from message to message, so steady-state reading allocates
// nothing per element or per segment.
#include "tokenizer.hpp"

#include <edigate/segment.hpp>

#include <memory>
#include <span>
#include <vector>

namespace edigate::edifact {

class MessageBuffer {
 public:
  explicit MessageBuffer(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  void clear() noexcept;
  /// Copies one segment; false (and nothing stored) when the message would exceed max_bytes.
  /// Each segment is charged its bytes plus its bookkeeping (record, Segment, element views),
  /// so many tiny or empty segments reach the limit as surely as a few large ones.
  bool add(const RawSegment& seg, const Delimiters& d);
  /// Segments of the message; valid until clear() or add().
  std::span<const Segment> segments();
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  struct Record {
    std::size_t first, count;
    std::uint64_t offset, index;
  };
  static constexpr std::size_t kPerSegment = sizeof(Record) + sizeof(Segment);
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size = 0, used = 0;
  };
  /// n bytes in the current block (inline: once per segment, and as a call it was 2% of a
  /// full EDIFACT validation), else allocate_slow.
  char* allocate(std::size_t n) {
    if (current_ < blocks_.size()) [[likely]] {
      Block& b = blocks_[current_];
      if (b.size - b.used >= n) [[likely]] {
        char* p = b.data.get() + b.used;
        b.used += n;
        return p;
      }
    }
    return allocate_slow(n);
  }
  char* allocate_slow(std::size_t n);
  /// Room for `more` views after `out` (a position in elements_); returns out in the new storage.
  std::string_view* grow_elements(std::string_view* out, std::size_t more);

  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::vector<Block> blocks_;
  std::size_t current_ = 0;                 ///< block being filled
  std::vector<std::string_view> elements_;  ///< storage: the first n_elements_ are in use
  std::size_t n_elements_ = 0;
  std::vector<Record> records_;
  std::vector<Segment> segments_;
};

}  // namespace edigate::edifact
