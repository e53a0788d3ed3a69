// MessageBuffer's element split (16 bytes at a time over the tokenizer's padded buffer) against
// split_elements, the byte-by-byte rule: a release character escapes the next byte.
#include "message_buffer.hpp"
#include "tokenizer.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace edigate;
using namespace edigate::edifact;

namespace {

Delimiters unoc() {
  Delimiters d;
  d.element = '+';
  d.component = ':';
  d.release = '?';
  d.segment = "'";
  return d;
}

/// The segment's elements as MessageBuffer keeps them; `padded` as the tokenizer would set it.
std::vector<std::string> stored(const std::string& bytes, const Delimiters& d, bool padded) {
  std::string buffer = bytes + std::string(kReadablePadding, '+');  // padding that would split
  RawSegment seg;
  seg.bytes = std::string_view(buffer.data(), bytes.size());
  seg.padded = padded;
  MessageBuffer m(1 << 20);
  REQUIRE(m.add(seg, d));
  auto segs = m.segments();
  REQUIRE(segs.size() == 1);
  std::vector<std::string> out;
  for (auto e : segs[0].elements) out.emplace_back(e);
  return out;
}

std::vector<std::string> expected(const std::string& bytes, const Delimiters& d) {
  std::vector<std::string_view> views;
  split_elements(bytes, d, views);
  return {views.begin(), views.end()};
}

}  // namespace

TEST_CASE("released separators and releases split alike at every position across 16-byte blocks",
          "[edifact][message_buffer]") {
  const Delimiters d = unoc();
  // Every placement of each pattern in segments of 1..50 bytes of filler: covers a release as the
  // last byte of a block (escaping the first of the next), as the last byte of the segment, a
  // released release followed by a real separator, and runs of separators.
  const std::vector<std::string> patterns = {"+", "?+", "??+", "???+", "?", "++", "?:+", "+?"};
  for (const auto& pattern : patterns)
    for (std::size_t len = 1; len <= 50; ++len)
      for (std::size_t at = 0; at + pattern.size() <= len; ++at) {
        std::string bytes(len, 'A');
        bytes.replace(at, pattern.size(), pattern);
        INFO("segment bytes: " << bytes);
        CHECK(stored(bytes, d, true) == expected(bytes, d));
        CHECK(stored(bytes, d, false) == expected(bytes, d));
      }
}

TEST_CASE("random segments of separators, releases and data split as split_elements splits them",
          "[edifact][message_buffer]") {
  const Delimiters d = unoc();
  std::mt19937 rng(12);
  const char alphabet[] = {'+', '?', ':', 'A', '1', ' '};
  for (int round = 0; round < 5000; ++round) {
    std::string bytes(rng() % 70, 'A');
    for (char& c : bytes) c = alphabet[rng() % sizeof(alphabet)];
    INFO("segment bytes: " << bytes);
    CHECK(stored(bytes, d, true) == expected(bytes, d));
  }
}

TEST_CASE("a segment with more elements than the buffer's room grows it and keeps earlier segments",
          "[edifact][message_buffer]") {
  const Delimiters d = unoc();
  MessageBuffer m(64 << 20);
  std::vector<std::string> sources;
  for (std::size_t n : {1, 3, 200, 2, 1000, 5}) {
    std::string bytes = "TAG";
    for (std::size_t i = 0; i < n; ++i) bytes += "+" + std::to_string(i);
    sources.push_back(bytes + std::string(kReadablePadding, ' '));
  }
  for (const auto& src : sources) {
    RawSegment seg;
    seg.bytes = std::string_view(src.data(), src.size() - kReadablePadding);
    seg.padded = true;
    REQUIRE(m.add(seg, d));
  }
  auto segs = m.segments();
  REQUIRE(segs.size() == sources.size());
  for (std::size_t k = 0; k < sources.size(); ++k) {
    const std::string bytes = sources[k].substr(0, sources[k].size() - kReadablePadding);
    std::vector<std::string> got(segs[k].elements.begin(), segs[k].elements.end());
    CHECK(got == expected(bytes, d));
  }
}
