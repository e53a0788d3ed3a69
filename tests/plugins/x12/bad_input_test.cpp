// Garbage, truncation and oversized input: positioned errors, never a crash, bounded output.
#include "fixtures.hpp"
#include "reader_helpers.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace edigate;
using namespace edigate::x12::test;

TEST_CASE("binary garbage yields a positioned no-interchange error", "[x12][bad]") {
  std::string junk;
  std::mt19937 rng(42);
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>(rng() & 0xFF);
  auto c = read_all(junk);
  CHECK_FALSE(c.io_error);
  REQUIRE(c.find("x12.no_interchange"));
  CHECK(c.find("x12.no_interchange")->position.has_offset);
  CHECK(c.count(EventKind::transaction) == 0);
}

TEST_CASE("junk before an interchange is skipped with a warning at its offset", "[x12][bad]") {
  std::string doc = "hello world\n" + interchange(Seps{}, {kPoBody});
  auto c = read_all(doc);
  REQUIRE(c.find("x12.junk"));
  CHECK(c.find("x12.junk")->position.offset == 0);
  CHECK(c.find("x12.junk")->is_warning());
  CHECK(c.errors() == 0);
  CHECK(c.count(EventKind::transaction) == 1);
}

TEST_CASE("an ISA shorter than 106 bytes at end of input is x12.isa.short", "[x12][bad]") {
  std::string doc = isa(Seps{}).substr(0, 60);
  auto c = read_all(doc);
  REQUIRE(c.find("x12.isa.short"));
  CHECK(c.find("x12.isa.short")->position.has_offset);
  CHECK(c.count(EventKind::interchange_begin) == 0);
}

TEST_CASE("every truncation of an interchange reads without crashing and reports the loss", "[x12][bad]") {
  std::string doc = interchange(Seps{}, {kPoBody, kPoBody});
  for (std::size_t n = 0; n < doc.size(); n += 3) {
    auto c = read_all(doc.substr(0, n));
    INFO("truncated at " << n);
    CHECK_FALSE(c.io_error);
    if (n > 0 && n < doc.size() - 20) CHECK(c.errors() > 0);
  }
}

TEST_CASE("a segment longer than max_segment_length is an error, not a memory spike", "[x12][bad]") {
  Seps s{};
  std::string big(100000, 'X');
  std::string doc = isa(s) + seg(s, "GS*PO*S*R*20210101*1200*1*X*005010") + seg(s, "ST*850*0001") +
                    seg(s, "REF*DP*" + big) + seg(s, "SE*3*0001") + seg(s, "GE*1*1") + seg(s, "IEA*1*000000001");
  ReaderOptions o;
  o.max_segment_length = 1000;
  o.chunk_size = 512;
  auto c = read_all(doc, o);
  const Error* e = c.find("x12.segment.too_long");
  REQUIRE(e);
  CHECK(e->position.offset == doc.find("REF*"));
  CHECK(e->position.segment_index == 4);
  // Reading resumes after the long segment: SE counts it and matches.
  CHECK(c.find("x12.se.count") == nullptr);
  CHECK(c.count(EventKind::interchange_end) == 1);
  // An unterminated giant tail is also bounded.
  auto t = read_all(isa(s) + std::string(200000, 'Y'), o);
  CHECK(t.find("x12.segment.too_long"));
}

TEST_CASE("a transaction larger than max_transaction_bytes is reported", "[x12][bad]") {
  std::vector<std::string> body(200, "REF*DP*0123456789012345678901234567890123456789");
  ReaderOptions o;
  o.max_transaction_bytes = 2000;
  auto c = read_all(interchange(Seps{}, {body}), o);
  REQUIRE(c.find("x12.transaction.too_large"));
  CHECK(c.events[2].segment_count == 202);
}

TEST_CASE("invalid UTF-8 is a positioned error on the transaction", "[x12][bad]") {
  std::string doc = interchange(Seps{}, {{"BEG*00*SA*PO\xFF"
                                          "1**20210101"}});
  auto c = read_all(doc);
  const Error* e = c.find("x12.encoding.utf8");
  REQUIRE(e);
  CHECK(e->position.offset == doc.find('\xFF'));
  CHECK(e->position.segment_tag == "BEG");
  CHECK(c.events[2].kind == EventKind::transaction);
  CHECK_FALSE(c.events[2].issues.empty());
  // Valid multi-byte text is fine.
  CHECK(read_all(interchange(Seps{}, {{"N1*ST*Caf\xC3\xA9"}})).errors() == 0);
}

TEST_CASE("random mutations of a valid interchange never crash the reader", "[x12][bad]") {
  std::string doc = interchange(Seps{}, {kPoBody, kPoBody});
  std::mt19937 rng(7);
  const char alphabet[] = "*:^~\nISAGSTEIE0\xC2\xA0\x15 ";
  for (int round = 0; round < 400; ++round) {
    std::string m = doc;
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < edits; ++k) {
      std::size_t at = rng() % m.size();
      switch (rng() % 3) {
        case 0:
          m[at] = alphabet[rng() % (sizeof alphabet - 1)];
          break;
        case 1:
          m.erase(at, 1 + rng() % 8);
          break;
        default:
          m.insert(at, 1, alphabet[rng() % (sizeof alphabet - 1)]);
          break;
      }
      if (m.empty()) m = "I";
    }
    ReaderOptions o;
    o.chunk_size = 1 + rng() % 64;
    auto c = read_all(m, o);
    CHECK_FALSE(c.io_error);
  }
}
