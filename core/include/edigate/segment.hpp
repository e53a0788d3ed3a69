#pragma once
// A segment as a reader delivers it: views into the reader's buffer, valid until the reader is
// asked for its next event. Element values are raw: composites still hold their component
// separators and EDIFACT values still hold release characters; use the helpers below.
#include <edigate/delimiters.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace edigate {

struct Segment {
  /// elements[0] is the tag, elements[i] the i-th element (1-based as in the standards).
  std::span<const std::string_view> elements;
  std::uint64_t offset = 0;  ///< byte offset of the segment's first byte in the input
  std::uint64_t index = 0;   ///< 1-based ordinal of the segment in the input

  std::string_view tag() const noexcept { return elements.empty() ? std::string_view{} : elements[0]; }
  std::size_t element_count() const noexcept { return elements.empty() ? 0 : elements.size() - 1; }
  /// The raw element i (1-based); empty when absent.
  std::string_view element(std::size_t i) const noexcept {
    return i < elements.size() ? elements[i] : std::string_view{};
  }
};

/// Splits a raw value on `sep`, honouring the release character (which escapes the next byte).
/// Returns the number of parts; calls f(index0, part) for each. Parts are still escaped.
template <typename F>
inline std::size_t split_raw(std::string_view raw, char sep, char release, F&& f) {
  std::size_t part = 0, start = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (release && c == release) {
      ++i;
      continue;
    }
    if (c == sep) {
      f(part++, raw.substr(start, i - start));
      start = i + 1;
    }
  }
  f(part++, raw.substr(start));
  return part;
}

/// Component n (1-based) of a raw element, still escaped; empty when absent.
inline std::string_view component(std::string_view raw, std::size_t n, const Delimiters& d) {
  std::string_view out;
  split_raw(raw, d.component, d.release, [&](std::size_t i, std::string_view p) {
    if (i + 1 == n) out = p;
  });
  return out;
}

/// Removes release characters: "ABC?+D" -> "ABC+D".
inline std::string unescape(std::string_view raw, char release) {
  if (!release || raw.find(release) == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == release && i + 1 < raw.size()) ++i;
    out += raw[i];
  }
  return out;
}

}  // namespace edigate
