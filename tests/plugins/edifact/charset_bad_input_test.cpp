// Character repertoires and hostile input: positioned errors, never a crash.
#include "read_all.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace edigate;
using namespace edigate::edifact::test;

namespace {
std::string wrap(const std::string& syntax, const std::string& ftx) {
  return "UNB+" + syntax + ":3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'FTX+AAI+++" + ftx + "'UNT+3+1'UNZ+1+9'";
}
}  // namespace

TEST_CASE("UNOA: control characters are errors, lower case and UTF-8 text are warnings", "[edifact][charset]") {
  auto ctl = read_all(wrap("UNOA", "AB\x01"));
  const Error* e = find_code(ctl, "edifact.charset.invalid");
  REQUIRE(e);
  CHECK_FALSE(e->is_warning());
  CHECK(e->position.segment_index == 3);
  CHECK(e->position.segment_tag == "FTX");
  CHECK(e->position.element == 4);
  CHECK(e->position.offset == 51 + 12);  // FTX at 51 (29 + 22), \x01 is byte 12 of "FTX+AAI+++AB\x01"
  auto lower = read_all(wrap("UNOA", "Bonjour"));
  CHECK(errors_of(lower).empty());
  REQUIRE(find_code(lower, "edifact.charset.invalid"));
  CHECK(find_code(lower, "edifact.charset.invalid")->is_warning());
  auto utf8 = read_all(wrap("UNOA", "B\xC3\x9CTTNER"));
  CHECK(errors_of(utf8).empty());
  auto latin1 = read_all(wrap("UNOA", "B\xDCTTNER"));  // Latin-1 byte under UNOA: not text we can read
  CHECK(errors_of(latin1).size() == 1);
  CHECK(errors_of(read_all(wrap("UNOB", "Bonjour"))).empty());
  CHECK(errors_of(read_all(wrap("UNOB", "Bonjour")), true).empty());
}

TEST_CASE("UNOC accepts Latin-1 and reports UTF-8 text precisely", "[edifact][charset]") {
  CHECK(errors_of(read_all(wrap("UNOC", "B\xDCTTNER caf\xE9")), true).empty());
  auto utf8 = read_all(wrap("UNOC", "B\xC3\x9CTTNER"));
  CHECK(errors_of(utf8).empty());
  const Error* w = find_code(utf8, "edifact.charset.utf8_in_latin1");
  REQUIRE(w);
  CHECK(w->position.offset == 51 + 11);
  auto c1 = read_all(wrap("UNOC", "A\x85Z"));
  CHECK(errors_of(c1).size() == 1);
}

TEST_CASE("UNOY requires valid UTF-8", "[edifact][charset]") {
  CHECK(errors_of(read_all(wrap("UNOY", "\xE2\x82\xAC 5")), true).empty());
  for (std::string bad : {"\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF5\x80\x80\x80", "\x80"}) {
    auto recs = read_all(wrap("UNOY", "A" + bad + "B"));
    auto errs = errors_of(recs);
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].code == "edifact.charset.invalid");
    CHECK(errs[0].position.offset == 51 + 11);
  }
  CHECK(errors_of(read_all(wrap("UNOD", "\xC3\x28 any 8-bit"))).empty());
}

TEST_CASE("a giant segment is skipped with a positioned error under a small limit", "[edifact][bad]") {
  ReaderOptions o;
  o.max_segment_length = 100;
  o.chunk_size = 16;
  std::string in = wrap("UNOA", std::string(5000, 'X'));
  auto recs = read_all(in, o);
  CHECK(shape(recs) == "IB GB- T(ORDERS) GE- IE");
  const Error* e = find_code(recs, "edifact.segment.too_long");
  REQUIRE(e);
  CHECK(e->position.offset == 51);
  CHECK(e->position.segment_index == 3);
  // The UNT count still sees the skipped segment.
  CHECK_FALSE(find_code(recs, "edifact.unt.count"));
}

TEST_CASE("max_transaction_bytes bounds a materialised message", "[edifact][bad]") {
  ReaderOptions o;
  o.max_transaction_bytes = 64;
  auto recs = read_all(wrap("UNOA", std::string(100, 'X')), o);
  REQUIRE(find_code(recs, "edifact.transaction.too_large"));
  for (const auto& r : recs) CHECK(r.segments.empty());
}

TEST_CASE("truncated input closes every open structure", "[edifact][bad]") {
  std::string full = wrap("UNOA", "TEXT");
  for (std::size_t cut = 1; cut < full.size(); ++cut) {
    auto recs = read_all(full.substr(0, cut));
    INFO(cut);
    CHECK_FALSE(errors_of(recs, true).empty());
  }
  auto recs = read_all("UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'BGM+9");
  CHECK(shape(recs) == "IB GB- T(ORDERS) GE- IE-");
  const Error* u = find_code(recs, "edifact.segment.unterminated");
  REQUIRE(u);
  CHECK(u->position.offset == 51);
  CHECK(u->is_warning());
}

TEST_CASE("random garbage never crashes and stays bounded", "[edifact][bad]") {
  std::mt19937 rng(42);
  const std::string alphabet =
      "UNBHTZAG+:'?*\n\r \x01\xC3\x80"
      "ABC123";
  ReaderOptions o;
  o.max_segment_length = 64;
  for (int round = 0; round < 300; ++round) {
    std::string in;
    std::size_t n = rng() % 600;
    for (std::size_t i = 0; i < n; ++i) in += alphabet[rng() % alphabet.size()];
    if (round % 3 == 0) in = "UNB+UNOA:3+S+R+240101:1200+9'" + in;
    o.chunk_size = 1 + rng() % 50;
    auto recs = read_all(in, o);
    for (const auto& r : recs) CHECK(r.issues.size() <= 100);
  }
}
