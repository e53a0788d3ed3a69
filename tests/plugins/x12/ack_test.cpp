// 997, 999 and TA1 outputs, compared in full with expectations written by hand from the
// X12 code lists (AK304/IK304 720, AK403/IK403 723, AK502 718, AK905 716, TA105 I18).
#include "fixtures.hpp"
#include "reader_helpers.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::x12::test;

namespace {

// The report the host builds from reader events (mirrors core's report_builder).
InterchangeReport report_of(const std::string& doc) {
  auto p = plugin();
  MemoryInput in(doc, "in.x12");
  ReaderOptions o;
  o.file = "in.x12";
  auto reader = p->open(in, o);
  REQUIRE(reader);
  InterchangeReport r;
  Event ev;
  while (*(*reader)->next(ev)) {
    auto add = [](std::vector<Error>& to, std::span<const Error> from) {
      to.insert(to.end(), from.begin(), from.end());
    };
    switch (ev.kind) {
      case EventKind::interchange_begin:
        r.delimiters = *ev.delimiters;
        r.header = SegmentData::from(*ev.segment, *ev.delimiters);
        add(r.issues, ev.issues);
        break;
      case EventKind::group_begin:
        r.groups.emplace_back();
        r.groups.back().header = SegmentData::from(*ev.segment, *ev.delimiters);
        add(r.groups.back().issues, ev.issues);
        break;
      case EventKind::transaction: {
        TransactionReport t;
        t.header = SegmentData::from(ev.segments.front(), *ev.delimiters);
        t.trailer = SegmentData::from(ev.segments.back(), *ev.delimiters);
        t.version = std::string(ev.info.version);
        t.segment_count = ev.info.segment_count;
        add(t.issues, ev.issues);
        r.groups.back().transactions.push_back(std::move(t));
        break;
      }
      case EventKind::group_end:
        if (ev.segment) r.groups.back().trailer = SegmentData::from(*ev.segment, *ev.delimiters);
        add(r.groups.back().issues, ev.issues);
        break;
      case EventKind::interchange_end:
        if (ev.segment) r.trailer = SegmentData::from(*ev.segment, *ev.delimiters);
        add(r.issues, ev.issues);
        break;
      case EventKind::issue:
        break;
    }
  }
  return r;
}

AckOptions options() {
  AckOptions o;
  o.interchange_control = "123";
  o.group_control = "45";
  o.transaction_control = "0001";
  o.date = "20240102";
  o.time = "0304";
  return o;
}

std::string write_all(const std::vector<InterchangeData>& acks) {
  auto p = plugin();
  std::string out;
  for (const auto& a : acks) {
    auto w = p->write(a, WriteOptions{});
    REQUIRE(w);
    out += *w;
  }
  return out;
}

// A schema error as core's validator reports it.
Error schema_error(std::string_view code, const Segment& at, std::uint32_t element, std::uint32_t component,
                   std::string ref, std::string found) {
  Error e(std::string(code), "schema");
  e.position.segment_index = at.index;
  e.position.segment_tag = std::string(at.tag());
  e.position.element = element;
  e.position.component = component;
  e.position.element_ref = std::move(ref);
  e.found = std::move(found);
  return e;
}

}  // namespace

TEST_CASE("999 accepts the good set and rejects the bad one in the same group", "[x12][ack]") {
  std::string doc = interchange(Seps{}, {kPoBody, kPoBody});
  doc.replace(doc.find("SE*7*0002"), 9, "SE*8*0002");
  auto report = report_of(doc);
  REQUIRE(report.groups.size() == 1);
  auto& bad = report.groups[0].transactions[1];
  Segment beg;
  std::string_view tag[] = {"BEG"};
  beg.elements = tag;
  beg.index = bad.header.index + 1;
  bad.issues.push_back(schema_error(codes::element_invalid_code, beg, 1, 0, "353", "99"));

  auto acks = x12::test::plugin()->acknowledge(report, options());
  REQUIRE(acks);
  REQUIRE(acks->size() == 1);
  CHECK(write_all(*acks) ==
        "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *240102*0304*^*00501*000000123*0*P*:~\n"
        "GS*FA*RECEIVER*SENDER*20240102*0304*45*X*005010X231A1~\n"
        "ST*999*0001*005010X231A1~\n"
        "AK1*PO*1*005010~\n"
        "AK2*850*0001~\n"
        "IK5*A~\n"
        "AK2*850*0002~\n"
        "IK3*BEG*2**8~\n"
        "IK4*1*353*7*99~\n"
        "IK5*R*4*5~\n"
        "AK9*P*2*2*1~\n"
        "SE*10*0001~\n"
        "GE*1*45~\n"
        "IEA*1*000000123~\n");
}

TEST_CASE("997 rejects a group whose GE01 count is wrong", "[x12][ack]") {
  Seps s{'*', ':', 0, "~", "\n"};
  std::string doc = interchange(s, {kPoBody, kPoBody}, "004010");
  doc.replace(doc.find("GE*2*1"), 6, "GE*3*1");
  auto acks = x12::test::plugin()->acknowledge(report_of(doc), options());
  REQUIRE(acks);
  CHECK(write_all(*acks) ==
        "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *240102*0304*U*00401*000000123*0*P*:~\n"
        "GS*FA*RECEIVER*SENDER*20240102*0304*45*X*004010~\n"
        "ST*997*0001~\n"
        "AK1*PO*1~\n"
        "AK2*850*0001~\n"
        "AK5*A~\n"
        "AK2*850*0002~\n"
        "AK5*A~\n"
        "AK9*R*3*2*2*5~\n"
        "SE*8*0001~\n"
        "GE*1*45~\n"
        "IEA*1*000000123~\n");
}

TEST_CASE("997 reports segment and component errors with AK3/AK4", "[x12][ack]") {
  Seps s{'*', '>', 0, "~", ""};
  std::string doc = interchange(s, {kPoBody}, "004010");
  auto report = report_of(doc);
  auto& t = report.groups[0].transactions[0];
  Segment n1, td5;
  std::string_view n1_tag[] = {"N1"}, td5_tag[] = {"TD5"};
  n1.elements = n1_tag;
  n1.index = t.header.index + 3;
  td5.elements = td5_tag;
  td5.index = t.header.index + 4;
  t.issues.push_back(schema_error(codes::element_too_long, n1, 2, 2, "93", "EASTERN*REGION"));
  t.issues.push_back(schema_error(codes::segment_unexpected, td5, 0, 0, "", ""));
  t.issues.back().position.loop_id = "PO1";
  AckOptions o = options();
  o.report_accepted_sets = false;
  auto acks = x12::test::plugin()->acknowledge(report, o);
  REQUIRE(acks);
  std::string out = write_all(*acks);
  std::string body = out.substr(out.find("ST*"));
  // The bad-data copy drops the element separator so the 997 stays writable.
  CHECK(body ==
        "ST*997*0001~AK1*PO*1~AK2*850*0001~AK3*N1*4**8~AK4*2>2*93*5*EASTERNREGION~AK3*TD5*5*PO1*2~AK5*R*5~"
        "AK9*R*1*1*0~SE*9*0001~GE*1*45~IEA*1*000000123~");
}

TEST_CASE("TA1 is added when ISA14 requests it and reports IEA02 mismatches", "[x12][ack]") {
  std::string doc = interchange(Seps{}, {kPoBody});
  doc.replace(doc.find("*000000001*0*P*"), 15, "*000000001*1*P*");
  auto acks = x12::test::plugin()->acknowledge(report_of(doc), options());
  REQUIRE(acks);
  REQUIRE(acks->size() == 1);
  std::string out = write_all(*acks);
  CHECK(out.find("~\nTA1*000000001*210101*1200*A*000~\nGS*FA*") != std::string::npos);

  std::string bad = interchange(Seps{'*', ':', 0, "~", "\n"}, {kPoBody}, "004010");
  bad.replace(bad.find("IEA*1*000000001"), 15, "IEA*1*000000002");
  AckOptions ta1_only = options();
  ta1_only.kind = AckKind::x12_ta1_only;
  auto t = x12::test::plugin()->acknowledge(report_of(bad), ta1_only);
  REQUIRE(t);
  CHECK(write_all(*t) ==
        "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *240102*0304*U*00401*000000123*0*P*:~\n"
        "TA1*000000001*210101*1200*R*001~\n"
        "IEA*0*000000123~\n");

  AckOptions never = options();
  never.ta1 = Ta1Policy::never;
  auto none = x12::test::plugin()->acknowledge(report_of(bad), never);
  REQUIRE(none);
  CHECK(write_all(*none).find("TA1") == std::string::npos);
}

TEST_CASE("automatic acknowledgement picks 997 before 005010 and 999 from it", "[x12][ack]") {
  auto p = x12::test::plugin();
  auto a4 = p->acknowledge(report_of(interchange(Seps{'*', ':', 0, "~", "\n"}, {kPoBody}, "004010")), options());
  auto a5 = p->acknowledge(report_of(interchange(Seps{}, {kPoBody}, "005010")), options());
  REQUIRE(a4);
  REQUIRE(a5);
  CHECK((*a4)[0].groups[0].transactions[0].segments[0].value(1) == "997");
  CHECK((*a5)[0].groups[0].transactions[0].segments[0].value(1) == "999");
  AckOptions force = options();
  force.kind = AckKind::x12_997;
  auto a5_997 = p->acknowledge(report_of(interchange(Seps{}, {kPoBody}, "005010")), force);
  REQUIRE(a5_997);
  CHECK(write_all(*a5_997).find("ST*997*0001*005010X230~\nAK1*PO*1*005010~") != std::string::npos);
}

TEST_CASE("acknowledgements stay writable when the sender's delimiters or values are unusable", "[x12][ack]") {
  auto report = report_of(interchange(Seps{}, {kPoBody}));
  report.delimiters.element = 'A';  // alphanumeric: cannot be reused
  report.header->set(6, "SEND*ER~");
  AckOptions o = options();
  o.ta1 = Ta1Policy::always;
  auto acks = x12::test::plugin()->acknowledge(report, o);
  REQUIRE(acks);
  REQUIRE(acks->size() == 1);
  CHECK((*acks)[0].delimiters.element == '*');
  std::string out = write_all(*acks);
  CHECK(out.find("*ZZ*SENDER         *240102*") != std::string::npos);  // delimiters dropped from the ID
  CHECK(out.find("TA1*000000001*210101*1200*A*000~") != std::string::npos);
}
