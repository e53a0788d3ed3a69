#pragma once
// Test helpers: a minimal EDI splitter (test input only; the product reads with the format
// plugins), schema loading and segment printing for expected-output comparisons.
#include "mapping/mapping.hpp"
#include "schema/compiled_schema.hpp"
#include "schema/registry.hpp"

#include <edigate/document.hpp>

#include <catch2/catch.hpp>

#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace edigate::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Splits `text` into transactions (ST..SE / UNH..UNT) with offsets and 1-based indexes.
class EdiFixture {
 public:
  EdiFixture(std::string text, Delimiters d) : text_(std::move(text)), d_(d) {
    std::size_t pos = 0, index = 0;
    if (text_.rfind("UNA", 0) == 0) pos = 9;
    std::vector<std::size_t> current;
    while (pos < text_.size()) {
      while (pos < text_.size() && (text_[pos] == '\n' || text_[pos] == '\r')) ++pos;
      if (pos >= text_.size()) break;
      std::size_t end = pos;
      while (end < text_.size() && text_[end] != d_.segment[0]) {
        if (d_.release && text_[end] == d_.release) ++end;
        ++end;
      }
      std::string_view raw(text_.data() + pos, std::min(end, text_.size()) - pos);
      auto& parts = parts_.emplace_back();
      split_raw(raw, d_.element, d_.release, [&](std::size_t, std::string_view p) { parts.push_back(p); });
      Segment seg;
      seg.elements = parts;
      seg.offset = pos;
      seg.index = ++index;
      std::string_view tag = seg.tag();
      if (tag == "ST" || tag == "UNH") open_ = true;
      if (open_) all_.back().push_back(seg);
      if (tag == "SE" || tag == "UNT") {
        open_ = false;
        all_.emplace_back();
      }
      pos = end + 1;
    }
    all_.pop_back();
  }
  const std::vector<Segment>& transaction(std::size_t i) const { return all_.at(i); }
  std::size_t size() const { return all_.size(); }
  const Delimiters& delimiters() const { return d_; }

 private:
  std::string text_;
  Delimiters d_;
  std::deque<std::vector<std::string_view>> parts_;
  std::vector<std::vector<Segment>> all_{1};
  bool open_ = false;
};

inline std::shared_ptr<const schema::CompiledSchema> load_test_schema(const std::string& rel) {
  auto s = schema::load_schema(std::string(EDIGATE_SOURCE_DIR) + "/" + rel);
  REQUIRE(s.ok());
  return s.value();
}

/// Checks for synthetic engine-test maps: the load-time checks minus the canonical schema.
inline mapping::MapChecks engine_only_checks() {
  mapping::MapChecks c;
  c.canonical = false;
  return c;
}

/// A synthetic map for engine tests: its fields need not be canonical ones (MapChecks::canonical
/// off); shipped maps are loaded with every check (map_files_test.cpp).
inline mapping::MapPtr map_from_text(const std::string& xml, const std::string& name = "test.map.xml") {
  mapping::MapChecks engine_only;
  engine_only.canonical = false;
  auto m = mapping::load_map_from_memory(xml, name, std::string(EDIGATE_SOURCE_DIR) + "/maps", engine_only);
  if (!m) FAIL(m.error().to_string());
  return m.value();
}

inline std::string print(const TransactionData& t, char el = '*', char comp = '>') {
  std::string out;
  for (const auto& s : t.segments) {
    out += s.tag;
    for (const auto& e : s.elements) {
      out += el;
      if (e.empty()) continue;
      for (std::size_t c = 0; c < e[0].size(); ++c) out += (c ? std::string(1, comp) : "") + e[0][c];
    }
    out += "~\n";
  }
  return out;
}

}  // namespace edigate::test
