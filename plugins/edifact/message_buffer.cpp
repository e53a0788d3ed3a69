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
  n_elements_ = 0;
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

std::string_view* MessageBuffer::grow_elements(std::string_view* out, std::size_t more) {
  const std::size_t used = static_cast<std::size_t>(out - elements_.data());
  elements_.resize(std::max(2 * elements_.size(), used + std::max<std::size_t>(more, 64)));
  return elements_.data() + used;
}

bool MessageBuffer::add(const RawSegment& seg, const Delimiters& d) {
  // The budget is what the message costs in memory, not its raw length: a bare terminator
  // (an empty segment) is 1 byte of input but a record, a view and a Segment here, so 50 MB of
  // them would otherwise hold gigabytes under a 64 MB limit.
  const std::size_t size = seg.bytes.size();
  if (bytes_ + size + kPerSegment > max_bytes_) return false;
  char* p = allocate(size ? size : 1);
  if (size) std::memcpy(p, seg.bytes.data(), size);
  // Split straight into elements_ (split_elements' rule: the release character escapes the
  // next byte), written through a pointer: elements_ is storage sized ahead, n_elements_ its
  // use, so a view costs two stores, not a push_back (its capacity and bounds checks were most
  // of this function, measured with callgrind). The separators are looked for in the source
  // bytes, not in the copy just written: loading 16 bytes over the memcpy's fresh stores
  // stalled on store forwarding (measured: the load was the hottest instruction of the reader).
  // Views point into the copy at the same offsets.
  std::string_view* out = elements_.data() + n_elements_;
  std::string_view* end = elements_.data() + elements_.size();
  const char* src = seg.bytes.data();
  const char sep = d.element, rel = d.release;
  std::size_t start = 0;
  const std::size_t first = n_elements_;
#if defined(__SSE2__)
  if (seg.padded && sep != rel) [[likely]] {  // sep == rel: the byte loop's rule (a release) applies
    // 16 bytes at a time, every separator of a block taken from its bit mask, and the last
    // block read whole (the tokenizer's padding) with the bytes past the end masked off. A
    // release character escapes the next byte (also the first of the next block: `carry`); an
    // escaped release escapes nothing.
    const __m128i want_sep = _mm_set1_epi8(sep), want_rel = _mm_set1_epi8(rel);
    unsigned carry = 0;
    for (std::size_t i = 0; i < size; i += 16) {
      if (end - out < 17) [[unlikely]] {  // room for this block's views and the last one
        out = grow_elements(out, 17);
        end = elements_.data() + elements_.size();
      }
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      const unsigned valid = size - i >= 16 ? 0xFFFFu : (1u << (size - i)) - 1;
      unsigned seps = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, want_sep))) & valid;
      const unsigned rels = rel ? static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, want_rel))) & valid : 0u;
      if (rels | carry) [[unlikely]] {
        unsigned escaped = carry;  // bit b: byte b of this block is data whatever it is
        for (unsigned r = rels; r; r &= r - 1) {
          const unsigned b = static_cast<unsigned>(__builtin_ctz(r));
          if (!(escaped >> b & 1u)) escaped |= 1u << (b + 1);
        }
        seps &= ~escaped;
        carry = escaped >> 16 & 1u;
      }
      for (; seps; seps &= seps - 1) {
        const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(seps));
        *out++ = std::string_view(p + start, at - start);
        start = at + 1;
      }
    }
  } else
#endif
  {
    for (std::size_t i = 0; i < size; ++i) {
      const char c = src[i];
      if (rel && c == rel) {
        ++i;
        continue;
      }
      if (c == sep) {
        if (out == end) [[unlikely]] {
          out = grow_elements(out, 1);
          end = elements_.data() + elements_.size();
        }
        *out++ = std::string_view(p + start, i - start);
        start = i + 1;
      }
    }
  }
  if (out == end) [[unlikely]]
    out = grow_elements(out, 1);
  *out++ = std::string_view(p + start, size - start);
  const std::size_t count = static_cast<std::size_t>(out - (elements_.data() + first));
  std::size_t cost = std::max<std::size_t>(size, 1) + kPerSegment + count * sizeof(std::string_view);
  if (bytes_ + cost > max_bytes_) return false;  // the views written stay unused
  bytes_ += cost;
  n_elements_ += count;
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
