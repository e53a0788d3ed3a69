// Tokenizer behaviour seen through the reader: delimiters, escapes, chunking, line handling.
#include "read_all.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::edifact::test;

namespace {
const std::string kBasic =
    "UNB+UNOA:3+SENDER:14+RECEIVER:14+240101:1200+REF1'UNH+M1+ORDERS:D:96A:UN'BGM+220+PO1+9'UNT+3+M1'UNZ+1+REF1'";

const Rec& first_tx(const std::vector<Rec>& recs) {
  for (const auto& r : recs)
    if (r.kind == EventKind::transaction) return r;
  FAIL("no transaction");
  return recs.front();
}
}  // namespace

TEST_CASE("default delimiters give interchange, implicit group and message events", "[edifact][tokenizer]") {
  auto recs = read_all(kBasic);
  CHECK(shape(recs) == "IB GB- T(ORDERS) GE- IE");
  CHECK(errors_of(recs, true).empty());
  const Rec& t = first_tx(recs);
  CHECK(t.control == "M1");
  CHECK(t.version == "D96A");
  CHECK(t.release == "D:96A:UN");
  CHECK(t.segment_count == 3);
  REQUIRE(t.segments.size() == 3);
  CHECK(t.segments[1].tag == "BGM");
  CHECK(t.segments[1].value(2) == "PO1");
  CHECK(t.segments[1].offset == 73);
  CHECK(t.segments[1].index == 3);
  CHECK(t.delimiters.element == '+');
  CHECK(t.delimiters.release == '?');
  CHECK(t.delimiters.repetition == 0);
}

TEST_CASE("non-default UNA delimiters from the corpus are honoured", "[edifact][tokenizer]") {
  // staedi invoic_d97b_una style: component '=', element '*', segment '~'
  auto a = read_all("UNA=*.? ~UNB*UNOA=3*S*R*240101=1200*9~UNH*1*INVOIC=D=97B=UN~BGM*380*1?*2~UNT*3*1~UNZ*1*9~");
  CHECK(errors_of(a, true).empty());
  const Rec& ta = first_tx(a);
  CHECK(ta.set_id == "INVOIC");
  CHECK(ta.segments[1].value(2) == "1*2");  // released element separator
  CHECK(ta.delimiters.component == '=');
  CHECK(ta.delimiters.segment == "~");
  // smooks style: component '*', element '@', segment '#'
  auto b = read_all("UNA*@.? #UNB@UNOA*3@S@R@240101*1200@9#UNH@1@MSG1*D*93A*UN#AAA@x?#y#UNT@3@1#UNZ@1@9#");
  CHECK(errors_of(b).empty());
  CHECK(first_tx(b).segments[1].value(1) == "x#y");
  // decimal comma and release '\' (IATA style)
  auto c = read_all("UNA:+,\\*'UNB+IATA:1+1A+KRC+130527:0649+3'UNH+1+PNRGOV:11:1:IA'SRC+a\\'b*c'UNT+3+1'UNZ+1+3'");
  CHECK(errors_of(c).empty());
  const Rec& tc = first_tx(c);
  CHECK(tc.delimiters.decimal == ',');
  CHECK(tc.delimiters.release == '\\');
  CHECK(tc.delimiters.repetition == '*');
  CHECK(tc.version == "11:1");
  REQUIRE(tc.segments[1].elements[0].size() == 2);  // two repetitions
  CHECK(tc.segments[1].elements[0][0][0] == "a'b");
  CHECK(tc.segments[1].elements[0][1][0] == "c");
}

TEST_CASE("release character escapes every delimiter and itself", "[edifact][tokenizer]") {
  auto recs = read_all("UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'FTX+AAI+++A?+B?:C?\?\?'D'UNT+3+1'UNZ+1+9'");
  CHECK(errors_of(recs).empty());
  const Rec& t = first_tx(recs);
  CHECK(t.segments[1].value(4) == "A+B:C?'D");
  CHECK(t.segment_count == 3);
}

TEST_CASE("syntax 4 without UNA uses '*' as repetition separator", "[edifact][tokenizer]") {
  auto recs = read_all("UNB+UNOC:4+S+R+20240101:1200+9'UNH+1+PAXLST:D:03B:UN'NAT+2+FRA*DEU'UNT+3+1'UNZ+1+9'");
  CHECK(errors_of(recs).empty());
  const Rec& t = first_tx(recs);
  CHECK(t.delimiters.repetition == '*');
  REQUIRE(t.segments[1].elements[1].size() == 2);
  CHECK(t.segments[1].elements[1][1][0] == "DEU");
  // Syntax 3: '*' is plain data
  auto v3 = read_all("UNB+UNOA:3+S+R+240101:1200+9'UNH+1+PAXLST:D:03B:UN'NAT+2+FRA*DEU'UNT+3+1'UNZ+1+9'");
  CHECK(first_tx(v3).segments[1].value(2) == "FRA*DEU");
}

TEST_CASE("chunk sizes 1, 7 and 4096 give the same events", "[edifact][tokenizer]") {
  std::string input =
      "\xEF\xBB\xBFUNA:+.? '\r\n" + kBasic +
      "\r\n  UNB+UNOC:3+A+B+240101:1200+X?'1'\nUNH+7+INVOIC:D:01B:UN'\nMOA+77:1,5?'x'\nUNT+3+7'\nUNZ+1+X?'1'\n";
  auto render = [](const std::vector<Rec>& recs) {
    std::string s = shape(recs);
    for (const auto& r : recs) {
      for (const auto& seg : r.segments)
        s += "|" + seg.tag + "@" + std::to_string(seg.offset) + ":" + seg.value(1) + seg.value(2);
      for (const auto& e : r.issues) s += "|" + e.to_string();
    }
    return s;
  };
  ReaderOptions o;
  o.chunk_size = 4096;
  std::string ref = render(read_all(input, o));
  CHECK(ref.find("MOA@") != std::string::npos);
  for (std::size_t cs : {1u, 2u, 3u, 7u, 13u}) {
    o.chunk_size = cs;
    CHECK(render(read_all(input, o)) == ref);
  }
  o.materialize = false;
  CHECK(shape(read_all(input, o)) == "IB GB- T(ORDERS) GE- IE IB GB- T(INVOIC) GE- IE");
}

TEST_CASE("newline suffix, indentation and hard-wrapped lines are handled", "[edifact][tokenizer]") {
  auto crlf = read_all(
      "UNB+UNOA:3+S+R+240101:1200+9'\r\n    "
      "UNH+1+ORDERS:D:96A:UN'\r\nBGM+2\r\n20+PO\n1+9'\r\nUNT+3+1'\r\nUNZ+1+9'\r\n");
  CHECK(errors_of(crlf, true).empty());
  const Rec& t = first_tx(crlf);
  CHECK(t.delimiters.suffix == "\r\n");
  CHECK(t.segments[0].offset == 35);  // 29 + CRLF + 4 spaces of indentation: offset of the tag
  CHECK(t.segments[1].value(1) == "220");
  CHECK(t.segments[1].value(2) == "PO1");
  // Wrapped inside UNA and UNH as in staedi wrapped_invoic_d97b_una.edi
  auto wrapped = read_all("UNA=*.? ~UN\nB*UNOA=3*S*R*240101=1200*9~U\nNH*1*INVOIC=D=9\n7B=UN~UNT*2*1~UNZ*1*9~");
  CHECK(errors_of(wrapped).empty());
  CHECK(first_tx(wrapped).version == "D97B");
}

TEST_CASE("newline-terminated segments without UNA are read with a warning", "[edifact][tokenizer]") {
  auto recs =
      read_all("UNB+UNOA:1+S+R+180525:2030+2216\nUNH+1+IFCSUM:D:01B:UN:EAN003\nBGM+610+1+9\nUNT+3+1\nUNZ+1+2216\n");
  CHECK(shape(recs) == "IB GB- T(IFCSUM) GE- IE");
  CHECK(errors_of(recs).empty());
  const Error* w = find_code(recs, "edifact.terminator.newline");
  REQUIRE(w);
  CHECK(w->is_warning());
  CHECK(first_tx(recs).segments[1].value(1) == "610");
}

TEST_CASE("level B control-character separators are detected after UNB", "[edifact][tokenizer]") {
  auto recs = read_all(
      "UNB\x1DUNOB\x1F"
      "3\x1DS\x1DR\x1D"
      "240101\x1F"
      "1200\x1D"
      "9\x1CUNH\x1D"
      "1\x1DORDERS\x1F"
      "D\x1F"
      "96A\x1FUN\x1CUNT\x1D"
      "2\x1D"
      "1\x1CUNZ\x1D"
      "1\x1D"
      "9\x1C");
  CHECK(errors_of(recs).empty());
  CHECK(first_tx(recs).set_id == "ORDERS");
}
