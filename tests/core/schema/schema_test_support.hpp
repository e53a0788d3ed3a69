#pragma once
// Test helpers: a tiny tokenizer that turns "ST*850*0001~BEG*..." into Segments (views into
// an owned copy), and loading of the fixture schemas.
#include "schema/compiled_schema.hpp"
#include "schema/error_sink.hpp"
#include "schema/registry.hpp"

#include <edigate/delimiters.hpp>
#include <edigate/segment.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::test {

/// Owns the text and the element views the Segments point into.
struct Tokenized {
  std::string text;
  std::deque<std::vector<std::string_view>> storage;
  std::vector<Segment> segments;
};

/// Splits on the (one-byte) segment terminator and the element separator, honouring the
/// release character; a newline after a terminator is skipped. Segment index starts at
/// `first_index`; offsets are byte offsets in `text`.
inline std::unique_ptr<Tokenized> tokenize(std::string text, const Delimiters& d, std::uint64_t first_index = 1) {
  auto t = std::make_unique<Tokenized>();
  t->text = std::move(text);
  std::string_view all = t->text;
  std::size_t start = 0;
  std::uint64_t index = first_index;
  char term = d.segment.at(0);
  while (start < all.size()) {
    while (start < all.size() && (all[start] == '\n' || all[start] == '\r')) ++start;
    if (start >= all.size()) break;
    std::size_t end = start;
    while (end < all.size() && all[end] != term) {
      if (d.release && all[end] == d.release) ++end;
      ++end;
    }
    std::string_view seg = all.substr(start, std::min(end, all.size()) - start);
    auto& els = t->storage.emplace_back();
    split_raw(seg, d.element, d.release, [&](std::size_t, std::string_view p) { els.push_back(p); });
    Segment s;
    s.elements = els;
    s.offset = start;
    s.index = index++;
    t->segments.push_back(s);
    start = end + 1;
  }
  return t;
}

inline std::string fixture_path(const std::string& name) {
  return std::string(EDIGATE_TEST_DATA_DIR) + "/schema/fixtures/" + name;
}

inline std::shared_ptr<const schema::CompiledSchema> load_fixture(const std::string& name) {
  auto r = schema::load_schema(fixture_path(name));
  if (!r) FAIL("fixture " << name << " does not load: " << r.error().to_string());
  return *r;
}

inline std::shared_ptr<const schema::CompiledSchema> x12_850() {
  static auto s = load_fixture("x12_test_850.xml");
  return s;
}
inline std::shared_ptr<const schema::CompiledSchema> edifact_orders() {
  static auto s = load_fixture("edifact_test_orders.xml");
  return s;
}

/// Validates X12 text (default delimiters, '~' terminator) against the test 850.
inline std::vector<Error> check_x12(const std::string& text, Delimiters d = Delimiters::x12_default()) {
  auto t = tokenize(text, d);
  std::vector<Error> out;
  schema::validate(*x12_850(), t->segments, d, "t.edi", out);
  return out;
}

inline std::vector<Error> check_edifact(const std::string& text, Delimiters d = Delimiters::edifact_default()) {
  auto t = tokenize(text, d);
  std::vector<Error> out;
  schema::validate(*edifact_orders(), t->segments, d, "t.edi", out);
  return out;
}

/// Validates text against a schema the project ships, `rel` under plugins/ (e.g.
/// "x12/schemas/004010/850.xml"); fails the test when it does not load.
inline std::vector<Error> check_shipped(const std::string& rel, const std::string& text, const Delimiters& d) {
  auto schema = schema::load_schema(std::filesystem::path(EDIGATE_SOURCE_DIR) / "plugins" / rel);
  if (!schema) FAIL("shipped schema " << rel << " does not load: " << schema.error().to_string());
  auto t = tokenize(text, d);
  std::vector<Error> out;
  schema::validate(**schema, t->segments, d, "t.edi", out);
  return out;
}

/// Whether an error with `code` stands on segment `tag` (and, when given, at element `element`).
inline bool has_error(const std::vector<Error>& errors, std::string_view code, std::string_view tag,
                      std::optional<std::uint32_t> element = std::nullopt) {
  for (const auto& e : errors)
    if (e.code == code && e.position.segment_tag == tag && (!element || e.position.element == *element)) return true;
  return false;
}

inline std::string describe(const std::vector<Error>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.to_string() + "\n";
  return s.empty() ? "(no errors)" : s;
}

}  // namespace edigate::test

namespace edigate::test {
inline std::string read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace edigate::test
