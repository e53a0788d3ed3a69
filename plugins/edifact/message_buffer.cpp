#include "message_buffer.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace edigate::edifact {

namespace {
constexpr std::size_t kBlockSize = 64 * 1024;
}

void MessageBuffer::clear() noexcept {
  bytes_ = 0;
  for (auto& b : blocks_) b.used = 0;
  current_ = 0;
  elements_.clear();
  records_.clear();
  segments_.clear();
}

char* MessageBuffer::allocate_slow(std::size_t n) {
  while (current_ < blocks_.size()) {
    Block& b = blocks_[current_];
    if (b.size - b.used >= n) {
      char* p = b.data.get() + b.used;
      b.used += n;
      return p;
    }
    ++current_;
  }
  Block b;
  b.size = std::max(kBlockSize, n);
  b.data = std::make_unique<char[]>(b.size);
  b.used = n;
  blocks_.push_back(std::move(b));
  current_ = blocks_.size() - 1;
  return blocks_.back().data.get();
}

bool MessageBuffer::add(const RawSegment& seg, const Delimiters& d) {
  // The budget is what the message costs in memory, not its raw length: a bare terminator
  // (an empty segment) is 1 byte of input but a record, a view and a Segment here, so 50 MB of
  // them would otherwise hold gigabytes under a 64 MB limit.
  if (bytes_ + seg.bytes.size() + kPerSegment > max_bytes_) return false;
  char* p = allocate(seg.bytes.size() ? seg.bytes.size() : 1);
  if (!seg.bytes.empty()) std::memcpy(p, seg.bytes.data(), seg.bytes.size());
  // Split straight into elements_ (split_elements' rule: the release character escapes the
  // next byte), not through a scratch vector copied afterwards: a full validation spent 5% here.
  // The separators are looked for in the source bytes, not in the copy just written: loading
  // 16 bytes over the memcpy's fresh stores stalled on store forwarding (measured: the load was
  // the hottest instruction of the reader). Views point into the copy at the same offsets.
  const std::size_t first = elements_.size();
  const std::string_view bytes(p, seg.bytes.size());
  const char* src = seg.bytes.data();
  const char sep = d.element, rel = d.release;
  std::size_t start = 0, i = 0;
#if defined(__SSE2__)
  // 16 bytes at a time to the next separator or release character (the byte loop below was
  // over half of this function); the tail, shorter than 16 bytes, goes byte by byte.
  const __m128i want_sep = _mm_set1_epi8(sep), want_rel = _mm_set1_epi8(rel ? rel : sep);
  while (i + 16 <= bytes.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const unsigned hits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, want_sep), _mm_cmpeq_epi8(v, want_rel))));
    if (hits == 0) {
      i += 16;
      continue;
    }
    const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(hits));
    if (rel && src[at] == rel) {
      i = at + 2;  // the released byte is data
      continue;
    }
    elements_.push_back(bytes.substr(start, at - start));
    start = i = at + 1;
  }
#endif
  for (; i < bytes.size(); ++i) {
    const char c = src[i];
    if (rel && c == rel) {
      ++i;
      continue;
    }
    if (c == sep) {
      elements_.push_back(bytes.substr(start, i - start));
      start = i + 1;
    }
  }
  elements_.push_back(bytes.substr(start));
  const std::size_t count = elements_.size() - first;
  std::size_t cost = std::max<std::size_t>(seg.bytes.size(), 1) + kPerSegment + count * sizeof(std::string_view);
  if (bytes_ + cost > max_bytes_) {
    elements_.resize(first);
    return false;
  }
  bytes_ += cost;
  records_.push_back({first, count, seg.offset, seg.index});
  return true;
}

std::span<const Segment> MessageBuffer::segments() {
  segments_.resize(records_.size());
  for (std::size_t i = 0; i < records_.size(); ++i) {
    const Record& r = records_[i];
    segments_[i].elements = std::span<const std::string_view>(elements_.data() + r.first, r.count);
    segments_[i].offset = r.offset;
    segments_[i].index = r.index;
  }
  return segments_;
}

}  // namespace edigate::edifact
