// Writer: byte-identical round trips, computed counts, refused values.
#include "fixtures.hpp"
#include "roundtrip.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::x12::test;

TEST_CASE("parse then write gives the same bytes for every delimiter set", "[x12][writer]") {
  std::vector<Seps> variants = {{'*', ':', '^', "~", "\n"},   {'|', '>', 0, "~", "\r\n"},
                                {'~', '|', 0, "\n", ""},      {'+', ':', 0, "'", ""},
                                {'\x7f', '>', 0, "\x15", ""}, {'*', '>', 0, "\xE2\x80\xA6", "\n"},
                                {'*', ':', 0, "\r", "\n"}};
  for (const auto& s : variants) {
    std::string doc = interchange(s, {kPoBody, kPoBody}, s.repetition ? "005010" : "004010") +
                      interchange(s, {kPoBody}, s.repetition ? "005010" : "004010", "000000002");
    auto docs = to_documents(doc);
    REQUIRE(docs.issues == 0);
    bool ok = false;
    std::string out = write_documents(docs, &ok);
    INFO(out);
    REQUIRE(ok);
    CHECK(out == doc);
  }
}

TEST_CASE("the writer computes SE01, GE01, IEA01 and copies control numbers", "[x12][writer]") {
  InterchangeData d;
  d.delimiters = Delimiters::x12_default();
  d.header = SegmentData::of("ISA", {"00", "          ", "00", "          ", "ZZ", "A              ", "ZZ",
                                     "B              ", "240102", "0304", "^", "00501", "000000007", "0", "P", ":"});
  GroupData g;
  g.header = SegmentData::of("GS", {"PO", "A", "B", "20240102", "0304", "12", "X", "005010"});
  TransactionData t;
  t.segments.push_back(SegmentData::of("ST", {"850", "0042"}));
  SegmentData po1 = SegmentData::of("PO1", {"1", "10"});
  po1.elements.push_back(Element{{"X", "Y"}, {"Z"}});  // composite, then a repetition
  t.segments.push_back(po1);
  t.segments.push_back(SegmentData::of("SE", {"99", "9999"}));
  g.transactions.push_back(t);
  d.groups.push_back(g);
  auto out = x12::test::plugin()->write(d, WriteOptions{});
  REQUIRE(out);
  CHECK(*out ==
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240102*0304*^*00501*000000007*0*P*:~\n"
        "GS*PO*A*B*20240102*0304*12*X*005010~\n"
        "ST*850*0042~\n"
        "PO1*1*10*X:Y^Z~\n"
        "SE*3*0042~\n"
        "GE*1*12~\n"
        "IEA*1*000000007~\n");
}

TEST_CASE("the writer refuses an ISA element of the wrong width and values holding delimiters", "[x12][writer]") {
  InterchangeData d;
  d.delimiters = Delimiters::x12_default();
  d.header = SegmentData::of("ISA", {"00", "", "00", "          ", "ZZ", "A              ", "ZZ", "B              ",
                                     "240102", "0304", "^", "00501", "000000007", "0", "P", ":"});
  auto p = x12::test::plugin();
  auto w = p->write(d, WriteOptions{});
  REQUIRE_FALSE(w);
  CHECK(w.error().code == "x12.write.isa_width");
  CHECK(w.error().position.element == 2);

  d.header->set(2, "          ");
  GroupData g;
  g.header = SegmentData::of("GS", {"PO", "A", "B", "20240102", "0304", "12", "X", "005010"});
  TransactionData t;
  t.segments.push_back(SegmentData::of("ST", {"850", "0001"}));
  t.segments.push_back(SegmentData::of("N1", {"ST", "ACME*EAST"}));
  g.transactions.push_back(t);
  d.groups.push_back(g);
  auto v = p->write(d, WriteOptions{});
  REQUIRE_FALSE(v);
  CHECK(v.error().code == "x12.write.delimiter_in_value");
  CHECK(v.error().position.segment_tag == "N1");
  CHECK(v.error().position.element == 2);
  CHECK(v.error().position.segment_index == 4);
}
