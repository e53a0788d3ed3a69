// Envelope rules, one hand-written fixture per check: code, byte offset and segment index.
#include "read_all.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::edifact::test;

namespace {
// Offsets: UNG 29, UNH 68, BGM 90, UNT 104, UNE 112, UNZ 121 (segment indexes 2..7).
const std::string kGrouped =
    "UNB+UNOA:3+S+R+240101:1200+9'UNG+ORDERS+S+R+240101:1200+G1+UN+D:96A'UNH+1+ORDERS:D:96A:UN'BGM+220+PO1+9'"
    "UNT+4+1'UNE+2+G2'UNZ+2+8'";

const Rec& event(const std::vector<Rec>& recs, EventKind k) {
  for (const auto& r : recs)
    if (r.kind == k) return r;
  FAIL("event missing");
  return recs.front();
}
}  // namespace

TEST_CASE("trailer counts and references are checked against what was received", "[edifact][envelope]") {
  auto recs = read_all(kGrouped);
  CHECK(shape(recs) == "IB GB T(ORDERS) GE IE");
  const Rec& t = event(recs, EventKind::transaction);
  REQUIRE(t.issues.size() == 1);
  CHECK(t.issues[0].code == "edifact.unt.count");
  CHECK(t.issues[0].position.offset == 104);
  CHECK(t.issues[0].position.segment_index == 5);
  CHECK(t.issues[0].position.element == 1);
  CHECK(t.issues[0].expected == "3");
  CHECK(t.issues[0].found == "4");

  const Rec& ge = event(recs, EventKind::group_end);
  REQUIRE(ge.issues.size() == 2);
  CHECK(ge.issues[0].code == "edifact.une.count");
  CHECK(ge.issues[0].position.offset == 112);
  CHECK(ge.issues[0].position.segment_index == 6);
  CHECK(ge.issues[1].code == "edifact.une.reference");
  CHECK(ge.issues[1].expected == "G1");

  const Rec& ie = event(recs, EventKind::interchange_end);
  REQUIRE(ie.issues.size() == 2);
  CHECK(ie.issues[0].code == "edifact.unz.count");  // counts groups when UNG is used
  CHECK(ie.issues[0].expected == "1");
  CHECK(ie.issues[0].position.offset == 121);
  CHECK(ie.issues[0].position.segment_index == 7);
  CHECK(ie.issues[1].code == "edifact.unz.reference");
  CHECK(ie.issues[1].expected == "9");
  CHECK(ie.issues[1].found == "8");
}

TEST_CASE("count_mismatch_is_warning turns count and reference mismatches into warnings", "[edifact][envelope]") {
  ReaderOptions o;
  o.tolerance.count_mismatch_is_warning = true;
  auto recs = read_all(kGrouped, o);
  CHECK(errors_of(recs).empty());
  CHECK(errors_of(recs, true).size() == 5);
}

TEST_CASE("UNT reference must match UNH and only the bad message carries the error", "[edifact][envelope]") {
  // UNH at 29/59 (index 2/4), UNT of the second message at 87 (index 6)
  std::string in =
      "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'UNT+2+1'UNH+2+ORDERS:D:96A:UN'BGM+9'UNT+3+3'UNZ+2+9'";
  auto recs = read_all(in);
  CHECK(shape(recs) == "IB GB- T(ORDERS) T(ORDERS) GE- IE");
  CHECK(recs[2].issues.empty());
  REQUIRE(recs[3].issues.size() == 1);
  CHECK(recs[3].issues[0].code == "edifact.unt.reference");
  CHECK(recs[3].issues[0].position.offset == 87);
  CHECK(recs[3].issues[0].position.segment_index == 6);
  CHECK(recs[3].issues[0].position.element == 2);
  CHECK(recs[5].issues.empty());  // UNZ counts 2 messages when no UNG
}

TEST_CASE("missing UNT, UNE and UNZ are reported on the structure they close", "[edifact][envelope]") {
  // Message 1 lacks UNT; the next UNH (offset 68, index 4) resynchronises.
  std::string in = "UNB+UNOA:3+S+R+240101:1200+9'UNG+ORDERS+S+R+240101:1200+G1+UN+D:96A'UNH+1+ORDERS:D:96A:UN'BGM+9'";
  auto recs = read_all(in);
  CHECK(shape(recs) == "IB GB T(ORDERS) GE- IE-");
  const Error* unt = find_code(recs, "edifact.unt.missing");
  REQUIRE(unt);
  CHECK(unt->position.offset == in.size());
  CHECK(event(recs, EventKind::group_end).issues.at(0).code == "edifact.une.missing");
  CHECK(event(recs, EventKind::interchange_end).issues.at(0).code == "edifact.unz.missing");

  std::string two = "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'UNH+2+ORDERS:D:96A:UN'UNT+2+2'UNZ+2+9'";
  auto r2 = read_all(two);
  CHECK(shape(r2) == "IB GB- T(ORDERS) T(ORDERS) GE- IE");
  REQUIRE(r2[2].issues.size() == 1);
  CHECK(r2[2].issues[0].code == "edifact.unt.missing");
  CHECK(r2[2].issues[0].position.offset == 51);  // the UNH that interrupted it
  CHECK(r2[3].issues.empty());
}

TEST_CASE("UNB syntax identifier and version are checked", "[edifact][envelope]") {
  auto recs = read_all("UNB+UNOA:5+S+R+240101:1200+9'UNZ+0+9'");
  const Error* e = find_code(recs, "edifact.unb.syntax");
  REQUIRE(e);
  CHECK(e->position.offset == 0);
  CHECK(e->position.segment_index == 1);
  CHECK(e->position.element == 1);
  CHECK(e->position.component == 2);
  CHECK(e->found == "5");
  CHECK(event(recs, EventKind::interchange_begin).issues.size() == 1);
}

TEST_CASE("an invalid UNA is reported on the interchange it advises", "[edifact][envelope]") {
  auto recs = read_all("UNAA+.? 'UNB+UNOA:3+S+R+240101:1200+9'UNZ+0+9'");
  const Error* e = find_code(recs, "edifact.una.invalid");
  REQUIRE(e);
  CHECK(e->position.offset == 0);
  CHECK(e->position.element == 1);
  CHECK(e->position.segment_tag == "UNA");
}

TEST_CASE("mixing grouped and ungrouped messages is an error", "[edifact][envelope]") {
  std::string in =
      "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'UNT+2+1'UNG+ORDERS+S+R+240101:1200+G1+UN+D:96A'"
      "UNH+2+ORDERS:D:96A:UN'UNT+2+2'UNE+1+G1'UNZ+1+9'";
  auto recs = read_all(in);
  CHECK(shape(recs) == "IB GB- T(ORDERS) GE- GB T(ORDERS) GE IE");
  const Error* e = find_code(recs, "edifact.ung.mixed");
  REQUIRE(e);
  CHECK(e->position.offset == 59);
  CHECK(e->position.segment_index == 4);
}

TEST_CASE("bare messages get implicit interchange and group with a warning", "[edifact][envelope]") {
  auto recs = read_all("UNA:+.? '\nUNH+1+INVOIC:D:01B:UN'\nBGM+380'\nUNT+3+1'\nUNH+2+INVOIC:D:01B:UN'\nUNT+2+2'\n");
  CHECK(shape(recs) == "IB- GB- T(INVOIC) T(INVOIC) GE- IE-");
  CHECK(errors_of(recs).empty());
  const Error* w = find_code(recs, "edifact.unb.missing");
  REQUIRE(w);
  CHECK(w->is_warning());
  CHECK(w->position.offset == 10);
  ReaderOptions strict;
  strict.tolerance.bare_messages = false;
  CHECK(errors_of(read_all("UNH+1+INVOIC:D:01B:UN'UNT+2+1'", strict)).size() == 1);
}

TEST_CASE("junk before UNB is skipped with a warning and multiple interchanges are read", "[edifact][envelope]") {
  std::string in = "####@@@@\r\nUNB+UNOA:3+S+R+240101:1200+9'UNZ+0+9'garbage'UNB+UNOA:3+S+R+240101:1200+10'UNZ+0+10'";
  auto recs = read_all(in);
  CHECK(shape(recs) == "I IB IE I IB IE");
  CHECK(errors_of(recs).empty());
  CHECK(recs[0].issues.at(0).code == "edifact.junk");
  CHECK(recs[0].issues.at(0).position.offset == 0);
  CHECK(recs[3].issues.at(0).position.offset == 47);
  CHECK(recs[5].interchange == 2);
}

TEST_CASE("segments outside a message and stray trailers are errors", "[edifact][envelope]") {
  auto recs = read_all("UNB+UNOA:3+S+R+240101:1200+9'BGM+1'UNT+2+1'UNZ+0+9'");
  const Rec& ie = event(recs, EventKind::interchange_end);
  REQUIRE(ie.issues.size() == 2);
  CHECK(ie.issues[0].code == "edifact.segment.outside_message");
  CHECK(ie.issues[0].position.offset == 29);
  CHECK(ie.issues[1].code == "edifact.unt.unexpected");
  CHECK(ie.issues[1].position.segment_index == 3);
}
