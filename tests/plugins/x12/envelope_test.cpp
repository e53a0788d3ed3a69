// Envelope rules: each check on a hand-written fixture, asserting code, byte offset, segment
// index and the event the problem is attached to.
#include "fixtures.hpp"
#include "reader_helpers.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::x12::test;

namespace {

const Seps kS{};

// The n-th (1-based) occurrence of `what` in doc.
std::size_t nth(const std::string& doc, const std::string& what, int n = 1) {
  std::size_t at = std::string::npos;
  for (int i = 0; i < n; ++i) at = doc.find(what, at == std::string::npos ? 0 : at + 1);
  return at;
}

// The event a code was attached to.
const Collected::Ev* event_with(const Collected& c, const std::string& code) {
  for (const auto& e : c.events)
    for (const auto& i : e.issues)
      if (i.code == code) return &e;
  return nullptr;
}

std::string replace(std::string doc, const std::string& from, const std::string& to) {
  auto at = doc.find(from);
  REQUIRE(at != std::string::npos);
  return doc.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a well-formed interchange has no envelope issues and the expected events", "[x12][envelope]") {
  std::string doc = interchange(kS, {kPoBody, kPoBody});
  auto c = read_all(doc);
  REQUIRE(c.all_issues.empty());
  REQUIRE(c.events.size() == 6);
  CHECK(c.events[0].kind == EventKind::interchange_begin);
  CHECK(c.events[1].kind == EventKind::group_begin);
  CHECK(c.events[2].kind == EventKind::transaction);
  CHECK(c.events[2].version == "005010");
  CHECK(c.events[2].release == "005010");
  CHECK(c.events[2].segment_count == 7);
  CHECK(c.events[3].kind == EventKind::transaction);
  CHECK(c.events[3].control == "0002");
  CHECK(c.events[4].kind == EventKind::group_end);
  CHECK(c.events[5].kind == EventKind::interchange_end);
  // Offsets and 1-based ordinals: ISA is segment 1, GS 2, first ST 3.
  CHECK(c.events[1].seg_offset == doc.find("GS*"));
  CHECK(c.events[1].seg_index == 2);
  CHECK(c.events[2].segments[0].offset == doc.find("ST*"));
  CHECK(c.events[2].segments[0].index == 3);
  CHECK(c.events[5].seg_index == 18);  // 1 ISA + 1 GS + 2 x 7 + 1 GE + 1 IEA
}

TEST_CASE("SE01 that does not count the segments is reported on the transaction", "[x12][envelope]") {
  std::string doc = replace(interchange(kS, {kPoBody, kPoBody}), "SE*7*0001", "SE*9*0001");
  auto c = read_all(doc);
  const Error* e = c.find("x12.se.count");
  REQUIRE(e);
  CHECK(e->position.offset == doc.find("SE*9"));
  CHECK(e->position.segment_index == 9);
  CHECK(e->position.element == 1);
  CHECK(e->expected == "7");
  CHECK(e->found == "9");
  CHECK_FALSE(e->is_warning());
  const auto* ev = event_with(c, "x12.se.count");
  REQUIRE(ev);
  CHECK(ev->kind == EventKind::transaction);
  CHECK(ev->control == "0001");
  CHECK(c.events[3].issues.empty());  // the second set is fine

  ReaderOptions lenient;
  lenient.tolerance.count_mismatch_is_warning = true;
  CHECK(read_all(doc, lenient).find("x12.se.count")->is_warning());
}

TEST_CASE("leading zeros in counts are accepted", "[x12][envelope]") {
  std::string doc = replace(replace(replace(interchange(kS, {kPoBody}), "SE*7*", "SE*0000007*"), "GE*1*", "GE*0001*"),
                            "IEA*1*", "IEA*00001*");
  CHECK(read_all(doc).all_issues.empty());
}

TEST_CASE("SE02 different from ST02 is reported", "[x12][envelope]") {
  std::string doc = replace(interchange(kS, {kPoBody}), "SE*7*0001", "SE*7*0002");
  auto c = read_all(doc);
  const Error* e = c.find("x12.se.control");
  REQUIRE(e);
  CHECK(e->position.offset == doc.find("SE*7*0002"));
  CHECK(e->position.segment_index == 9);
  CHECK(e->position.element == 2);
  CHECK(e->expected == "0001");
  CHECK(e->found == "0002");
  CHECK(event_with(c, "x12.se.control")->kind == EventKind::transaction);
}

TEST_CASE("GE01 and GE02 mismatches are reported on group_end", "[x12][envelope]") {
  std::string doc = replace(interchange(kS, {kPoBody, kPoBody}), "GE*2*1", "GE*3*7");
  auto c = read_all(doc);
  const Error* count = c.find("x12.ge.count");
  const Error* control = c.find("x12.ge.control");
  REQUIRE(count);
  REQUIRE(control);
  CHECK(count->position.offset == doc.find("GE*3*7"));
  CHECK(count->position.segment_index == 17);
  CHECK(count->expected == "2");
  CHECK(control->expected == "1");
  CHECK(control->found == "7");
  CHECK(event_with(c, "x12.ge.count")->kind == EventKind::group_end);
  // The transactions themselves stay clean, so an ack can still accept them.
  CHECK(c.events[2].issues.empty());
  CHECK(c.events[3].issues.empty());
}

TEST_CASE("IEA01 and IEA02 mismatches are reported on interchange_end", "[x12][envelope]") {
  std::string doc = replace(interchange(kS, {kPoBody}), "IEA*1*000000001", "IEA*2*000000009");
  auto c = read_all(doc);
  const Error* count = c.find("x12.iea.count");
  const Error* control = c.find("x12.iea.control");
  REQUIRE(count);
  REQUIRE(control);
  CHECK(count->position.offset == doc.find("IEA*2"));
  CHECK(count->position.segment_index == 11);
  CHECK(count->expected == "1");
  CHECK(control->found == "000000009");
  CHECK(event_with(c, "x12.iea.control")->kind == EventKind::interchange_end);
}

TEST_CASE("a missing SE closes the set at the next envelope segment", "[x12][envelope]") {
  std::string doc = interchange(kS, {kPoBody});
  doc.erase(doc.find("SE*7*0001~\n"), 11);
  auto c = read_all(doc);
  const Error* e = c.find("x12.st.missing_se");
  REQUIRE(e);
  CHECK(e->position.offset == doc.find("GE*"));
  CHECK(event_with(c, "x12.st.missing_se")->kind == EventKind::transaction);
  CHECK(c.count(EventKind::group_end) == 1);
  CHECK(c.count(EventKind::interchange_end) == 1);
  CHECK(c.find("x12.gs.missing_ge") == nullptr);
}

TEST_CASE("missing GE and IEA at end of input are reported on their events", "[x12][envelope]") {
  std::string doc = interchange(kS, {kPoBody});
  doc.erase(doc.find("GE*"));
  auto c = read_all(doc);
  REQUIRE(c.find("x12.gs.missing_ge"));
  REQUIRE(c.find("x12.isa.missing_iea"));
  CHECK(c.find("x12.gs.missing_ge")->position.offset == doc.size());
  CHECK(event_with(c, "x12.gs.missing_ge")->kind == EventKind::group_end);
  CHECK(event_with(c, "x12.isa.missing_iea")->kind == EventKind::interchange_end);
  CHECK(c.events[2].issues.empty());  // the set itself is complete
}

TEST_CASE("a new ISA before IEA closes the open interchange", "[x12][envelope]") {
  std::string first = interchange(kS, {kPoBody});
  first.erase(first.find("IEA*"));
  std::string doc = first + interchange(kS, {kPoBody}, "005010", "000000002");
  auto c = read_all(doc);
  REQUIRE(c.find("x12.isa.missing_iea"));
  CHECK(c.find("x12.isa.missing_iea")->position.offset == first.size());
  CHECK(c.count(EventKind::interchange_begin) == 2);
  CHECK(c.count(EventKind::transaction) == 2);
}

TEST_CASE("ST outside a group, segments outside a set and GS outside ISA are structure errors", "[x12][envelope]") {
  std::string doc = isa(kS) + seg(kS, "ST*850*0001") + seg(kS, "BEG*00") + seg(kS, "SE*3*0001") +
                    seg(kS, "GS*PO*S*R*20210101*1200*1*X*005010") + seg(kS, "REF*DP*1") + seg(kS, "GE*0*1") +
                    seg(kS, "IEA*1*000000001");
  auto c = read_all(doc);
  const Error* st = c.find("x12.st.outside_group");
  REQUIRE(st);
  CHECK(st->position.offset == doc.find("ST*"));
  CHECK(st->position.segment_index == 2);
  const Error* ref = c.find("x12.segment.outside_transaction");
  REQUIRE(ref);
  CHECK(ref->position.offset == doc.find("REF*"));
  CHECK(event_with(c, "x12.segment.outside_transaction")->kind == EventKind::group_end);
  CHECK(c.count(EventKind::transaction) == 0);

  auto orphan = read_all(seg(kS, "GS*PO*S*R*20210101*1200*1*X*005010") + seg(kS, "GE*0*1"));
  REQUIRE(orphan.find("x12.envelope.outside_interchange"));
  CHECK(orphan.find("x12.envelope.outside_interchange")->position.offset == 0);
  CHECK_FALSE(orphan.find("x12.envelope.outside_interchange")->is_warning());
}

TEST_CASE("a duplicate ST02 in a 5010 group is an error, in 4010 a warning", "[x12][envelope]") {
  std::string doc =
      replace(replace(interchange(kS, {kPoBody, kPoBody}), "ST*850*0002", "ST*850*0001"), "SE*7*0002", "SE*7*0001");
  auto c = read_all(doc);
  const Error* e = c.find("x12.st.duplicate_control");
  REQUIRE(e);
  CHECK(e->position.offset == nth(doc, "ST*850*0001", 2));
  CHECK_FALSE(e->is_warning());
  Seps old{'*', ':', 0, "~", "\n"};
  std::string doc4 = replace(replace(interchange(old, {kPoBody, kPoBody}, "004010"), "ST*850*0002", "ST*850*0001"),
                             "SE*7*0002", "SE*7*0001");
  CHECK(read_all(doc4).find("x12.st.duplicate_control")->is_warning());
}

TEST_CASE("ISA field values are checked with the element position", "[x12][envelope]") {
  std::string doc = interchange(kS, {kPoBody});
  // ISA05 qualifier "QQ", ISA09 month 13, ISA13 with a letter, ISA14 "2", ISA15 "X".
  doc = replace(doc, "*ZZ*SENDER", "*QQ*SENDER");
  doc = replace(doc, "*210101*1200*", "*211301*2500*");
  auto c = read_all(replace(replace(doc, "*000000001*0*P*", "*00000000A*2*X*"), "IEA*1*000000001", "IEA*1*00000000A"));
  auto code_at = [&](const char* code) -> std::uint32_t {
    const Error* e = c.find(code);
    return e ? e->position.element : 0;
  };
  CHECK(code_at("x12.isa.sender_qualifier") == 5);
  CHECK(code_at("x12.isa.date") == 9);
  CHECK(code_at("x12.isa.time") == 10);
  CHECK(code_at("x12.isa.control") == 13);
  CHECK(code_at("x12.isa.ack_requested") == 14);
  CHECK(code_at("x12.isa.usage") == 15);
  CHECK(c.find("x12.isa.date")->position.offset == 0);
  CHECK(c.find("x12.isa.date")->found == "211301");
  CHECK(event_with(c, "x12.isa.date")->kind == EventKind::interchange_begin);
}

TEST_CASE("clashing delimiters in the ISA are reported", "[x12][envelope]") {
  Seps s{'*', '*', '^', "~", "\n"};
  auto c = read_all(interchange(s, {kPoBody}));
  REQUIRE(c.find("x12.isa.component_separator"));
  CHECK(c.find("x12.isa.component_separator")->position.element == 16);

  // Terminator equal to the element separator: the interchange cannot be read at all.
  std::string bad = isa(Seps{'*', ':', '^', "*", ""}) + "GS*PO*S*R*20210101*1200*1*X*005010*";
  auto b = read_all(bad);
  CHECK(b.find("x12.isa.terminator"));
  CHECK(b.count(EventKind::transaction) == 0);
}

TEST_CASE("version keys come from GS08, or ST03 in 5010", "[x12][envelope]") {
  Seps s{};
  std::string doc = isa(s) + seg(s, "GS*HC*S*R*20210101*1200*1*X*005010X222A1") + seg(s, "ST*837*0001*005010X222A1") +
                    seg(s, "BHT*0019") + seg(s, "SE*3*0001") + seg(s, "GE*1*1") + seg(s, "IEA*1*000000001");
  auto c = read_all(doc);
  REQUIRE(c.events[2].kind == EventKind::transaction);
  CHECK(c.events[2].version == "005010");
  CHECK(c.events[2].release == "005010X222A1");
  CHECK(c.events[2].set_id == "837");
  auto v4 = read_all(interchange(Seps{'*', ':', 0, "~", "\n"}, {kPoBody}, "004010VICS"));
  CHECK(v4.events[2].version == "004010");
  CHECK(v4.events[2].release == "004010VICS");
}

TEST_CASE("materialize=false gives the same envelope events without segments", "[x12][envelope]") {
  std::string doc = replace(interchange(kS, {kPoBody, kPoBody}), "SE*7*0002", "SE*8*0002");
  ReaderOptions o;
  o.materialize = false;
  auto lean = read_all(doc, o);
  auto full = read_all(doc);
  REQUIRE(lean.events.size() == full.events.size());
  for (std::size_t i = 0; i < lean.events.size(); ++i) {
    CHECK(lean.events[i].kind == full.events[i].kind);
    CHECK(lean.events[i].segments.empty());
    CHECK(lean.events[i].issues.size() == full.events[i].issues.size());
    CHECK(lean.events[i].segment_count == full.events[i].segment_count);
  }
  CHECK(lean.find("x12.se.count"));
}
