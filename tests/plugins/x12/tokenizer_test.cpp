// Delimiter detection and segmentation: every separator combination the corpus shows,
// multi-byte terminators, line-ending suffixes, hard wraps, chunk boundaries.
#include "fixtures.hpp"
#include "reader_helpers.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::x12::test;

namespace {

// Everything but the positions: what a reader at any chunk size must agree on.
std::string shape(const Collected& c) {
  std::string out;
  for (const auto& e : c.events) {
    out += std::to_string(static_cast<int>(e.kind)) + e.tag + "|";
    for (const auto& s : e.segments) {
      out += s.tag;
      for (std::size_t i = 1; i <= s.elements.size(); ++i) out += "," + s.value(i);
      out += ";";
    }
    for (const auto& i : e.issues) out += i.code + "@" + std::to_string(i.position.offset) + ";";
    out += "\n";
  }
  return out;
}

void check_po(const Collected& c, const Seps& s) {
  INFO(shape(c));
  REQUIRE_FALSE(c.io_error);
  REQUIRE(c.errors() == 0);
  REQUIRE(c.count(EventKind::transaction) == 1);
  const auto& tx = c.events[2];
  REQUIRE(tx.kind == EventKind::transaction);
  CHECK(tx.delimiters.element == s.element);
  CHECK(tx.delimiters.component == s.component);
  CHECK(tx.delimiters.segment == s.terminator);
  CHECK(tx.set_id == "850");
  CHECK(tx.control == "0001");
  REQUIRE(tx.segments.size() == 7);
  CHECK(tx.segments[1].tag == "BEG");
  CHECK(tx.segments[1].value(3) == "PO1");
  CHECK(tx.segments[1].value(5) == "20210101");
  CHECK(tx.segments[3].value(2, 1) == "ACME");
  CHECK(tx.segments[3].value(2, 2) == "EAST");
  CHECK(tx.segments[6].tag == "SE");
}

}  // namespace

TEST_CASE("delimiters are read from the ISA for every separator combination in the corpus", "[x12][tokenizer]") {
  // element, component, terminator (+ suffix) combinations named in the corpus README.
  std::vector<Seps> variants = {
      {'*', ':', '^', "~", "\n"}, {'*', '>', 0, "~", "\r\n"},
      {'|', '>', 0, "~", ""},     {'~', '|', 0, "\n", ""},
      {'+', ':', 0, "'", "\r\n"}, {'\x7f', '>', 0, "\x15", ""},
      {'*', '@', 0, "\n", ""},    {'*', '+', 0, "~", "\n"},
      {'*', '^', 0, "~", "\n"},   {'*', '}', 0, "\x15", "\r\n"},
      {'*', ':', 0, "\r", "\n"},  {'*', '>', 0, "~", " "},
      {'*', '>', ':', "\n", ""},  {'*', '>', 0, "\xE2\x80\xA6", "\n"},
  };
  for (const auto& s : variants) {
    std::string doc = interchange(s, {kPoBody}, s.repetition ? "005010" : "004010");
    INFO("element " << int(s.element) << " component " << s.component << " terminator "
                    << Error::printable(s.terminator));
    auto c = read_all(doc);
    check_po(c, s);
    CHECK(c.events[0].delimiters.suffix == s.suffix);
    CHECK(c.events[0].delimiters.repetition == s.repetition);
  }
}

TEST_CASE("the same input read with chunk sizes 1, 7 and 4096 gives the same events", "[x12][tokenizer]") {
  Seps multi{'*', '>', 0, "\xE2\x80\xA6", "\n"};
  std::string doc = interchange(Seps{}, {kPoBody, kPoBody}) + interchange(multi, {kPoBody}, "004010", "000000002");
  ReaderOptions big;
  big.chunk_size = 4096;
  std::string expected = shape(read_all(doc, big));
  REQUIRE(expected.find("7IEA") == std::string::npos);
  for (std::size_t chunk : {1, 7, 13}) {
    ReaderOptions o;
    o.chunk_size = chunk;
    INFO("chunk " << chunk);
    CHECK(shape(read_all(doc, o)) == expected);
  }
  CHECK(read_all(doc, big).count(EventKind::transaction) == 3);
}

TEST_CASE("hard-wrapped lines inside segments and the ISA are dropped with one warning", "[x12][tokenizer]") {
  Seps s{'*', '>', 0, "~", ""};
  std::string doc = interchange(s, {kPoBody}, "004010");
  // Wrap at 80 columns, as the corpus files are.
  std::string wrapped;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    wrapped += doc[i];
    if (i % 80 == 79) wrapped += "\r\n";
  }
  auto c = read_all(wrapped);
  INFO(shape(c));
  REQUIRE(c.errors() == 0);
  REQUIRE(c.count(EventKind::transaction) == 1);
  CHECK(c.find("x12.segment.line_break") != nullptr);
  CHECK(c.find("x12.segment.line_break")->is_warning());
  const auto& tx = c.events[2];
  REQUIRE(tx.segments.size() == 7);
  CHECK(tx.segments[4].value(7, 1) == "A1^B2");  // wrapped inside an element, rejoined

  ReaderOptions strict;
  strict.tolerance.hard_wrapped_lines = false;
  auto s2 = read_all(wrapped, strict);
  REQUIRE(s2.find("x12.segment.line_break") != nullptr);
  CHECK_FALSE(s2.find("x12.segment.line_break")->is_warning());
}

TEST_CASE("a UTF-8 BOM, indentation and a missing final terminator are tolerated as warnings", "[x12][tokenizer]") {
  std::string doc = interchange(Seps{}, {kPoBody});
  std::string indented;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    indented += doc[i];
    if (doc[i] == '\n' && doc.compare(i + 1, 3, "REF") == 0) indented += "\t  ";
  }
  indented = "\xEF\xBB\xBF" + indented;
  indented.resize(indented.size() - 2);  // drop "~\n" after IEA
  auto c = read_all(indented);
  INFO(shape(c));
  CHECK(c.errors() == 0);
  REQUIRE(c.find("x12.bom"));
  CHECK(c.find("x12.segment.indented"));
  CHECK(c.find("x12.segment.unterminated"));
  REQUIRE(c.count(EventKind::interchange_end) == 1);
  CHECK(c.events.back().tag == "IEA");
  // Offsets count the BOM: the ISA starts at byte 3.
  CHECK(c.events[0].seg_offset == 3);
}

TEST_CASE("an ISA padded with NBSP is read by its separators with a warning", "[x12][tokenizer]") {
  std::string doc = interchange(Seps{'*', '>', 0, "~", "\n"}, {kPoBody}, "004010");
  // Replace the spaces of ISA02/ISA04 with U+00A0 as the edinet samples do.
  std::string padded;
  std::size_t isa_end = doc.find('~');
  for (std::size_t i = 0; i < doc.size(); ++i) {
    if (i < isa_end && doc[i] == ' ')
      padded += "\xC2\xA0";
    else
      padded += doc[i];
  }
  auto c = read_all(padded);
  INFO(shape(c));
  CHECK(c.errors() == 0);
  REQUIRE(c.find("x12.isa.variable_length"));
  CHECK(c.find("x12.isa.variable_length")->is_warning());
  CHECK(c.count(EventKind::transaction) == 1);

  ReaderOptions strict;
  strict.tolerance.variable_length_isa = false;
  CHECK_FALSE(read_all(padded, strict).find("x12.isa.variable_length")->is_warning());
}

TEST_CASE("an EBCDIC interchange is decoded and keeps input byte offsets", "[x12][tokenizer]") {
  std::string ascii = interchange(Seps{'*', '>', 0, "~", ""}, {kPoBody}, "004010");
  // Encode to cp037 for the characters the fixture uses.
  auto enc = [](char c) -> char {
    if (c >= '0' && c <= '9') return static_cast<char>(0xF0 + (c - '0'));
    if (c >= 'A' && c <= 'I') return static_cast<char>(0xC1 + (c - 'A'));
    if (c >= 'J' && c <= 'R') return static_cast<char>(0xD1 + (c - 'J'));
    if (c >= 'S' && c <= 'Z') return static_cast<char>(0xE2 + (c - 'S'));
    switch (c) {
      case ' ':
        return 0x40;
      case '*':
        return 0x5C;
      case '>':
        return 0x6E;
      case ':':
        return 0x7A;
      case '~':
        return static_cast<char>(0xA1);
      case '.':
        return 0x4B;
      case '^':
        return static_cast<char>(0xB0);
    }
    return '?';
  };
  std::string ebcdic;
  for (char c : ascii) ebcdic += enc(c);
  auto c = read_all(ebcdic);
  INFO(shape(c));
  CHECK(c.errors() == 0);
  REQUIRE(c.count(EventKind::transaction) == 1);
  CHECK(c.events[2].segments[1].value(3) == "PO1");
  CHECK(c.events[2].segments[1].offset == ascii.find("BEG"));

  ReaderOptions off;
  off.tolerance.ebcdic = false;
  auto refused = read_all(ebcdic, off);
  CHECK(refused.count(EventKind::transaction) == 0);
  CHECK(refused.find("x12.no_interchange"));
}

TEST_CASE("BIN segments are read by their length even when the payload holds delimiters", "[x12][tokenizer]") {
  Seps s{'*', ':', '^', "~", "\n"};
  std::string payload = "AB~C*D\nE";
  std::string doc = isa(s) + seg(s, "GS*PO*SENDER*RECEIVER*20210101*1200*1*X*005010") + seg(s, "ST*850*0001") + "BIN*" +
                    std::to_string(payload.size()) + "*" + payload + "~\n" + seg(s, "SE*3*0001") + seg(s, "GE*1*1") +
                    seg(s, "IEA*1*000000001");
  auto c = read_all(doc);
  INFO(shape(c));
  CHECK(c.errors() == 0);
  REQUIRE(c.count(EventKind::transaction) == 1);
  REQUIRE(c.events[2].segments.size() == 3);
  CHECK(c.events[2].segments[1].tag == "BIN");
  CHECK(c.events[2].segments[1].value(1) == "8");
}

TEST_CASE("several interchanges with different delimiters are read one after the other", "[x12][tokenizer]") {
  std::string doc = interchange(Seps{'*', ':', '^', "~", "\n"}, {kPoBody}) +
                    interchange(Seps{'|', '>', 0, "\x15", "\r\n"}, {kPoBody, kPoBody}, "004010", "000000002") +
                    interchange(Seps{'+', ':', 0, "'", ""}, {kPoBody}, "004010", "000000003");
  auto c = read_all(doc);
  INFO(shape(c));
  CHECK(c.errors() == 0);
  CHECK(c.count(EventKind::interchange_begin) == 3);
  CHECK(c.count(EventKind::interchange_end) == 3);
  CHECK(c.count(EventKind::transaction) == 4);
  CHECK(c.events.back().delimiters.element == '+');
}
