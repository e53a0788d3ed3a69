// validate, ack and translate read through one inbound pass: routed by sender and receiver, read
// with the routed partner's tolerance, one verdict per transaction. These pin that they agree.
#include "cli_workspace.hpp"
#include "synthetic_850.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using Workspace = edigate::test::Workspace;

std::string interchange(const std::string& receiver, const std::string& se01) {
  std::string padded = receiver;
  padded.resize(15, ' ');
  return "ISA*00*          *00*          *ZZ*ACME           *ZZ*" + padded +
         "*240312*1200*U*00401*000000905*0*P*>~\n"
         "GS*PO*ACME*EDIGATE*20240312*1200*905*X*004010~\n"
         "ST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA~\nCTT*1~\nSE*" +
         se01 +
         "*0001~\n"
         "GE*1*905~\nIEA*1*000000905~\n";
}

void setup(const Workspace& w, const std::string& tolerance = "") {
  w.write("partners/acme/partner.xml", edigate::test::acme_partner({edigate::test::kAcme850In}, tolerance));
  w.write("partners/acme/maps/850.in.xml", edigate::test::kSynthetic850In);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a partner tolerating count mismatches gets the same verdict from translate, ack and validate",
          "[cli][pass]") {
  Workspace w("pass-counts");
  setup(w, R"(<tolerance count-mismatch-is-warning="true"/>)");
  w.write("po.edi", interchange("EDIGATE", "9"));  // SE01 says 9, the set has 5 segments
  auto t = w.run("translate po.edi");
  INFO(t.err);
  CHECK(t.status == 0);
  CHECK(contains(t.out, R"("po_number":"PO-1")"));
  // Without --partner, ack routes to acme by the sender and reads with its tolerance: the set the
  // ERP receives is the set the partner is told was accepted.
  auto a = w.run("ack --date 20240312 --time 1200 po.edi");
  INFO(a.err);
  CHECK(a.status == 0);
  CHECK(contains(a.out, "AK5*E*4"));  // accepted, the count error noted (X12 718 code 4)
  CHECK(!contains(a.out, "AK5*R"));
  auto v = w.run("validate po.edi");
  CHECK(v.status == 0);
  CHECK(contains(v.out, "warning"));
}

TEST_CASE("without that tolerance the same file is rejected by all three", "[cli][pass]") {
  Workspace w("pass-strict-counts");
  setup(w);
  w.write("po.edi", interchange("EDIGATE", "9"));
  auto t = w.run("translate po.edi");
  CHECK(t.status == 1);
  CHECK(t.out.empty());
  CHECK(contains(t.err, "[x12.se.count]"));
  auto a = w.run("ack --date 20240312 --time 1200 po.edi");
  CHECK(a.status == 0);  // a rejection is still an acknowledgement written
  CHECK(contains(a.out, "AK5*R"));
  CHECK(w.run("validate po.edi").status == 1);
}

TEST_CASE("an interchange addressed to somebody else is refused by every command", "[cli][pass][routing]") {
  Workspace w("pass-receiver");
  setup(w);
  w.write("po.edi", interchange("SOMEONEELSE", "5"));
  auto t = w.run("translate po.edi");
  CHECK(t.status == 1);
  CHECK(t.out.empty());
  CHECK(
      contains(t.err, "X12 receiver ZZ/SOMEONEELSE (ISA07/ISA08) is not one of our identities towards partner 'acme'"));
  CHECK(contains(t.err, "expected ZZ/EDIGATE"));
  CHECK(contains(t.err, "[route.receiver.unknown]"));
  auto a = w.run("ack --date 20240312 --time 1200 po.edi");
  CHECK(a.status == 1);  // nothing acknowledged for somebody else's interchange
  CHECK(a.out.empty());
  CHECK(w.run("validate po.edi").status == 1);
}

TEST_CASE("a partner may tolerate an unknown receiver: accepted with a warning", "[cli][pass][routing]") {
  Workspace w("pass-receiver-tolerated");
  setup(w, R"(<tolerance unknown-receiver-is-warning="true"/>)");
  w.write("po.edi", interchange("SOMEONEELSE", "5"));
  auto t = w.run("translate po.edi");
  INFO(t.err);
  CHECK(t.status == 0);
  CHECK(contains(t.out, R"("po_number":"PO-1")"));
  CHECK(contains(t.err, "warning: segment 1 (ISA): X12 receiver ZZ/SOMEONEELSE"));
  CHECK(contains(t.err, "(accepted: the partner's tolerance allows it)"));
}

TEST_CASE("a missing schema is the same warning for validate, ack and translate, translate says why it cannot map",
          "[cli][pass]") {
  Workspace w("pass-no-schema");
  setup(w);
  w.write("schemas/empty/.keep", "");
  w.write("po.edi", interchange("EDIGATE", "5"));
  auto v = w.run("validate --schemas schemas/empty po.edi");
  CHECK(v.status == 0);
  CHECK(contains(v.out, "warning: "));
  CHECK(contains(v.out, "content not validated (envelope only)"));
  auto a = w.run("ack --schemas schemas/empty --date 20240312 --time 1200 po.edi");
  CHECK(a.status == 0);
  CHECK(contains(a.out, "AK5*A"));
  auto t = w.run("translate --schemas schemas/empty po.edi");
  CHECK(t.status == 3);  // configuration: install the schema, then replay
  CHECK(contains(t.err, "content not validated (envelope only)"));
  CHECK(contains(t.err, "[translate.schema.missing]"));
}

TEST_CASE("a receive-only JSON file is not validated as EDI by validate", "[cli][pass]") {
  Workspace w("pass-json");
  setup(w);
  w.write("t.json", "{\"trackResponse\":{}}\n");
  auto v = w.run("validate t.json");
  CHECK(v.status == 1);
  CHECK(contains(v.out, "not recognised as X12"));
}
