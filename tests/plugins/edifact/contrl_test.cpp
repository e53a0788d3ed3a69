// CONTRL output for hand-built reports, expected bytes written by hand from ISO 9735 CONTRL
// (D:3 for syntax 3, 4:1 for syntax 4), and the 0085 mapping.
#include "contrl_codes.hpp"
#include "edifact_plugin.hpp"

#include <catch2/catch.hpp>

#include <edigate/sdk.hpp>

#include <memory>

using namespace edigate;
using namespace edigate::edifact;

namespace {

SegmentData unb(const std::string& syntax) {
  SegmentData s("UNB");
  s.elements = {Element{{"UNOA", syntax}}, Element{{"SENDER", "14"}}, Element{{"RECEIVER", "14"}},
                Element{{"240101", "1200"}}, Element{{"REF1"}}};
  return s;
}

TransactionReport message(const std::string& ref, std::uint64_t header_index) {
  TransactionReport t;
  t.header = SegmentData("UNH");
  t.header.elements = {Element{{ref}}, Element{{"ORDERS", "D", "96A", "UN"}}};
  t.header.index = header_index;
  return t;
}

Error at(std::string code, std::uint64_t index, std::string tag, std::uint32_t el, std::uint32_t comp = 0) {
  Error e(std::move(code), "x");
  e.position.segment_index = index;
  e.position.segment_tag = std::move(tag);
  e.position.element = el;
  e.position.component = comp;
  return e;
}

std::string ack(const InterchangeReport& r, AckOptions o = {}) {
  std::unique_ptr<FormatPlugin> p(static_cast<FormatPlugin*>(create_plugin()));
  o.interchange_control = "ACK1";
  o.date = "20240102";
  o.time = "0930";
  auto acks = p->acknowledge(r, o);
  REQUIRE(acks.ok());
  REQUIRE(acks->size() == 1);
  auto text = p->write(acks->front(), WriteOptions{});
  REQUIRE(text.ok());
  return *text;
}

}  // namespace

TEST_CASE("CONTRL acknowledges good messages and rejects the bad one with UCS/UCD", "[edifact][contrl]") {
  InterchangeReport r;
  r.delimiters = Delimiters::edifact_default();
  r.header = unb("3");
  GroupReport g;
  g.transactions.push_back(message("M1", 2));
  TransactionReport bad = message("M2", 6);
  bad.issues.push_back(at("edifact.unt.count", 10, "UNT", 1));
  bad.issues.push_back(at(std::string(codes::element_too_long), 8, "NAD", 2, 1));
  bad.issues.push_back(at(std::string(codes::segment_missing), 9, "", 0));
  bad.issues.push_back(at("edifact.charset.invalid", 7, "BGM", 1).warn());  // warnings are not reported
  g.transactions.push_back(bad);
  r.groups.push_back(g);
  CHECK(ack(r) ==
        "UNB+UNOA:3+RECEIVER:14+SENDER:14+240102:0930+ACK1'"
        "UNH+1+CONTRL:D:3:UN'"
        "UCI+REF1+SENDER:14+RECEIVER:14+7'"
        "UCM+M1+ORDERS:D:96A:UN+7'"
        "UCM+M2+ORDERS:D:96A:UN+4+29+UNT+1'"
        "UCS+3'UCD+39+2:1'"  // NAD is the 3rd segment of M2 (UNH = 1), element 2 component 1 too long
        "UCS+4+13'"          // mandatory segment missing at position 4
        "UNT+8+1'"
        "UNZ+1+ACK1'");
}

TEST_CASE("CONTRL for syntax 4 rejects the interchange at UCI level", "[edifact][contrl]") {
  InterchangeReport r;
  r.delimiters = Delimiters::edifact_default();
  r.delimiters.repetition = '*';
  r.header = unb("4");
  r.issues.push_back(at("edifact.unz.reference", 5, "UNZ", 2));
  GroupReport g;
  g.transactions.push_back(message("M1", 2));
  r.groups.push_back(g);
  CHECK(ack(r) ==
        "UNB+UNOA:4+RECEIVER:14+SENDER:14+20240102:0930+ACK1'"
        "UNH+1+CONTRL:4:1:UN'"
        "UCI+REF1+SENDER:14+RECEIVER:14+4+28+UNZ+2'"
        "UNT+3+1'"
        "UNZ+1+ACK1'");
}

TEST_CASE("CONTRL reports explicit groups with UCF", "[edifact][contrl]") {
  InterchangeReport r;
  r.delimiters = Delimiters::edifact_default();
  r.header = unb("3");
  GroupReport good, bad;
  good.header = SegmentData::of("UNG", {"ORDERS", "APP1", "APP2", "240101:1200", "G1"});
  good.transactions.push_back(message("M1", 3));
  bad.header = SegmentData::of("UNG", {"ORDERS", "APP1", "APP2", "240101:1200", "G2"});
  bad.issues.push_back(at("edifact.une.count", 12, "UNE", 1));
  bad.transactions.push_back(message("M2", 8));
  r.groups = {good, bad};
  CHECK(ack(r) ==
        "UNB+UNOA:3+RECEIVER:14+SENDER:14+240102:0930+ACK1'"
        "UNH+1+CONTRL:D:3:UN'"
        "UCI+REF1+SENDER:14+RECEIVER:14+7'"
        "UCF+G1+APP1+APP2+7'"
        "UCM+M1+ORDERS:D:96A:UN+7'"
        "UCF+G2+APP1+APP2+4+29+UNE+1'"
        "UNT+6+1'"
        "UNZ+1+ACK1'");
}

TEST_CASE("error codes map to CONTRL 0085 values", "[edifact][contrl]") {
  CHECK(syntax_error_code("edifact.unb.syntax") == 2);
  CHECK(syntax_error_code("edifact.una.invalid") == 20);
  CHECK(syntax_error_code("edifact.charset.invalid") == 21);
  CHECK(syntax_error_code("edifact.unz.reference") == 28);
  CHECK(syntax_error_code("edifact.une.count") == 29);
  CHECK(syntax_error_code("edifact.unt.missing") == 13);
  CHECK(syntax_error_code(codes::segment_too_many) == 35);
  CHECK(syntax_error_code(codes::loop_too_many) == 36);
  CHECK(syntax_error_code(codes::element_too_short) == 40);
  CHECK(syntax_error_code(codes::element_invalid_character) == 37);
  CHECK(syntax_error_code(codes::element_too_many_components) == 16);
  CHECK(syntax_error_code(codes::element_invalid_code) == 12);
  CHECK(syntax_error_code("something.else") == 18);
}

TEST_CASE("plugin identifies itself and detects EDIFACT prefixes", "[edifact][plugin]") {
  std::unique_ptr<FormatPlugin> p(static_cast<FormatPlugin*>(create_plugin()));
  PluginInfo i = p->info();
  CHECK(i.name == "edifact");
  CHECK(i.kind == PluginKind::format);
  CHECK(i.abi == EDIGATE_SDK_ABI);
  CHECK(p->standard() == "EDIFACT");
  CHECK(p->detect("UNA:+.? 'UNB+UNOA:3") == 100);
  CHECK(p->detect("\xEF\xBB\xBF\r\n  UNB+UNOC:3+") == 100);
  CHECK(p->detect("UNH+1+ORDERS:D:96A:UN'") == 80);
  CHECK(p->detect("ISA*00*          *00*") == 0);
  CHECK(p->detect("UNBX") == 0);
  CHECK(p->detect("") == 0);
}
