// The validator's one-pass paths (byte classes, packed code keys, the segment tag hash) must
// give exactly what the byte-by-byte checks give: compared here over many values and types.
#include "schema/byte_classes.hpp"
#include "schema/compiled_schema.hpp"
#include "schema/value_check.hpp"

#include <edigate/delimiters.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace edigate;
using namespace edigate::schema;

namespace {

ElementDef element(DataType type, std::uint32_t min, std::uint32_t max) {
  ElementDef e;
  e.id = "9999";
  e.type = type;
  e.min = min;
  e.max = max;
  return e;
}

}  // namespace

TEST_CASE("the class-union value check agrees with the byte-by-byte check for every type and value",
          "[schema][element][classes]") {
  CompiledSchema s;
  const std::vector<std::string> values = {
      "1",        "12",        "0042",    "-12",      "1.5",      "1,5",      "-1.5",   "1.",   ".5",
      "--1",      "1-2",       "1.2.3",   "12A",      "A",        "ABC",      "A B",    "AB1",  "M\xC3\xBCller",
      "\xFC",     "a\x01",     "\x7F",    "20240229", "20230229", "20241301", "240101", "1200", "2360",
      "235959",   "2359599",   "12:30",   "5?+1",     "??",       "?",        "AB:CD",  "1*2",  "x^y",
      "12345678", "123456789", "       ", "0",        "9",        "-",        "."};
  const std::vector<DataType> types = {DataType::x12_an, DataType::x12_id, DataType::x12_n, DataType::x12_r,
                                       DataType::x12_dt, DataType::x12_tm, DataType::x12_b, DataType::ed_a,
                                       DataType::ed_n,   DataType::ed_an};
  for (const Delimiters& d :
       {Delimiters::edifact_default(), Delimiters::x12_default(), Delimiters{'+', ':', 0, '?', ',', "'", "", ""}}) {
    const ByteClasses classes(d);
    for (DataType type : types) {
      for (auto [min, max] : {std::pair<std::uint32_t, std::uint32_t>{1, 3}, {2, 8}, {6, 8}, {4, 8}, {1, 35}}) {
        const ElementDef e = element(type, min, max);
        for (const std::string& v : values) {
          std::string scratch_slow, scratch_fast;
          INFO("type " << int(type) << " min " << min << " max " << max << " value \"" << v << "\" decimal "
                       << d.decimal);
          CHECK(check_value(s, e, v, d, scratch_fast, classes.scan(v)) == check_value(s, e, v, d, scratch_slow));
        }
      }
    }
  }
}

TEST_CASE("a value split into components carries each part's classes, release characters marked",
          "[schema][element][classes]") {
  const Delimiters d = Delimiters::edifact_default();
  const ByteClasses classes(d);
  std::vector<std::pair<std::string, std::uint8_t>> parts;
  std::size_t n = split_classified("137:2024?:01:ab\x01", classes, d.component, d.release,
                                   [&](std::size_t, std::string_view p, std::uint8_t m) { parts.emplace_back(p, m); });
  REQUIRE(n == 3);
  CHECK(parts[0].first == "137");
  CHECK(parts[0].second == ByteClasses::kDigit);
  CHECK(parts[1].first == "2024?:01");  // the released ':' does not split
  CHECK((parts[1].second & ByteClasses::kSeparator) != 0);
  CHECK(parts[2].first == "ab\x01");
  CHECK((parts[2].second & ByteClasses::kControl) != 0);
  CHECK((parts[2].second & ByteClasses::kSeparator) == 0);
}

TEST_CASE("the split into classified components agrees with split_raw and a byte scan of each part",
          "[schema][element][classes]") {
  // The split reads four bytes at a time between separators: every length and every position
  // of separators, releases (also a released release and a release as the last byte) and
  // control, high and digit bytes must give the parts and classes of the plain rule.
  std::mt19937 rng(9);
  const char alphabet[] = {':', '?', '+', '*', 'A', '7', '\x01', '\xC3', ' '};
  for (const Delimiters& d : {Delimiters::edifact_default(), Delimiters{'+', ':', '*', '?', '.', "'", "", ""}}) {
    const ByteClasses classes(d);
    for (int round = 0; round < 20000; ++round) {
      std::string v(rng() % 24, 'A');
      for (char& c : v) c = alphabet[rng() % sizeof(alphabet)];
      std::vector<std::pair<std::string, int>> want, got;
      split_raw(v, d.component, d.release, [&](std::size_t, std::string_view p) {
        std::uint8_t m = 0;
        for (char c : p) m |= classes.of(c);  // a release and its escaped byte both count
        want.emplace_back(std::string(p), m);
      });
      const std::size_t n = split_classified(
          v, classes, d.component, d.release,
          [&](std::size_t, std::string_view p, std::uint8_t m) { got.emplace_back(std::string(p), m); });
      INFO("value \"" << v << "\"");
      CHECK(n == got.size());
      CHECK(got == want);
    }
  }
}

TEST_CASE("code lookup by packed keys finds exactly the listed codes, short and long lists, long codes",
          "[schema][element][codes]") {
  CompiledSchema s;
  std::vector<std::string> short_list = {"1", "10", "AB", "Z"};
  std::vector<std::string> long_list;
  for (int i = 0; i < 40; ++i) long_list.push_back("C" + std::to_string(i));
  long_list.push_back("LONGCODE1");  // longer than 7 bytes: string comparison
  long_list.push_back("LONGCODE2");
  long_list.push_back("LONGCOD");  // exactly 7
  for (auto* list : {&short_list, &long_list}) {
    ElementDef e = element(DataType::ed_an, 1, 35);
    e.codes_begin = static_cast<std::uint32_t>(s.codes.size());
    std::sort(list->begin(), list->end());
    s.codes.insert(s.codes.end(), list->begin(), list->end());
    e.codes_end = static_cast<std::uint32_t>(s.codes.size());
    e.closed_codes = true;
    s.elements.push_back(e);
  }
  s.build_indexes();
  const ElementDef& small = s.elements[0];
  const ElementDef& big = s.elements[1];
  for (const char* v : {"1", "10", "AB", "Z"}) CHECK(s.has_code(small, v));
  for (const char* v : {"", "0", "100", "A", "ab", "ZZ", "1 "}) CHECK_FALSE(s.has_code(small, v));
  for (int i = 0; i < 40; ++i) CHECK(s.has_code(big, "C" + std::to_string(i)));
  for (const char* v : {"LONGCODE1", "LONGCODE2", "LONGCOD"}) CHECK(s.has_code(big, v));
  for (const char* v : {"C40", "LONGCODE", "LONGCODE3", "LONGCO", "C", "LONGCODE10"}) CHECK_FALSE(s.has_code(big, v));
  CHECK_FALSE(s.has_code(small, "C1"));  // another element's code
}

TEST_CASE("segment tags are found by hash whatever their length, long tags by their full text",
          "[schema][structure][tags]") {
  CompiledSchema s;
  for (const char* id : {"ST", "BEG", "N1", "UNH", "LONGTAG1", "LONGTAG2", "X"}) {
    SegmentDef sd;
    sd.id = id;
    s.segments.push_back(sd);
  }
  s.build_indexes();
  for (std::uint32_t i = 0; i < s.segments.size(); ++i) CHECK(s.find_segment(s.segments[i].id) == i);
  for (const char* tag : {"", "S", "BE", "BEGX", "LONGTAG", "LONGTAG3", "LONGTAG11", "unh"})
    CHECK(s.find_segment(tag) == kNone);
}
