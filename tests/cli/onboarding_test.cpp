// docs/onboarding.md, step by step, through the binary: a partner from scaffold to translated,
// extended and rendered files with no code and no rebuild. If this test changes, the document
// must change with it.
#include "cli_workspace.hpp"

#include <catch2/catch.hpp>

#include <regex>

using edigate::test::Workspace;

namespace {

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// The walk-through's sample, SE01 wrong as in step 4 (14 segments, 15 claimed).
const std::string kBigmart850 =
    "ISA*00*          *00*          *ZZ*BIGMART        *ZZ*OURCOMPANY     *261123*0915*U*00401*000000417*0*P*>~\n"
    "GS*PO*BIGMART*OURCOMPANY*20261123*0915*417*X*004010~\n"
    "ST*850*0001~\n"
    "BEG*00*SA*BM-448120**20261123~\n"
    "REF*DP*0042~\n"
    "DTM*002*20261204~\n"
    "N1*BY*BigMart Stores Inc*UL*0614141000005~\n"
    "N1*ST*BigMart DC 7*92*0007~\n"
    "N3*4100 Distribution Way~\n"
    "N4*Columbus*OH*43219*US~\n"
    "PO1*1*24*EA*3.15**UP*036000291452*VN*WB-1001*IT*884-2231~\n"
    "PID*F****Widget blue 12 oz~\n"
    "PO1*2*6*CA*41.50**UP*012345678905*VN*WB-2040~\n"
    "PID*F****Widget red case of 12~\n"
    "CTT*2*30~\n"
    "SE*15*0001~\n"
    "GE*1*417~\n"
    "IEA*1*000000417~\n";

const std::string kPartnerMap = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<!-- BigMart sends its own item number as PO1 qualifier IT, not BP: read it as buyer_part. -->
<map id="bigmart-850-inbound" extends="x12-004010-850-inbound" direction="inbound">
  <array name="lines" merge="true">
    <object name="items" merge="true">
      <field name="buyer_part" coalesce="true">
        <part path="PO1/pair(PO106,'IT')"/><part path="PO1/pair(PO106,'BP')"/>
      </field>
    </object>
  </array>
</map>
)xml";

const std::string kAck =
    R"({"schema":"edigate.canonical/v1","type":"purchase_order_ack","partner_id":"bigmart","direction":"outbound",)"
    R"("ack_date":"2026-11-23","ack_type":"accepted_with_changes","purpose":"original","po_number":"BM-448120","po_date":"2026-11-23",)"
    R"("lines":[{"line_number":"1","items":{"vendor_part":"WB-1001","upc":"036000291452"},"status":"accepted",)"
    R"("ordered_quantity":"24","quantity":"24","uom":"EA","unit_price":"3.15"},)"
    R"({"line_number":"2","items":{"vendor_part":"WB-2040","upc":"012345678905"},"status":"accepted_with_changes",)"
    R"("ordered_quantity":"6","quantity":"4","uom":"CA","unit_price":"41.50","scheduled_date":"2026-12-08"}]})"
    "\n";

}  // namespace

TEST_CASE("onboarding guide: scaffold, check, translate, extend a base map, render", "[cli][onboarding]") {
  Workspace w("onboarding");

  // 2. Scaffold.
  auto made = w.run("partners new bigmart --standard x12-004010");
  REQUIRE(made.status == 0);
  CHECK(contains(made.out, "created partners/bigmart/partner.xml"));
  CHECK(contains(w.read("partners/bigmart/partner.xml"), R"(<x12 isa-qualifier="ZZ" isa-id="BIGMART" gs-id="BIGMART"/>)"));

  // 4. A sample with a wrong SE01: positioned error, exit 1.
  w.write("partners/bigmart/samples/bigmart_850.edi", kBigmart850);
  auto bad = w.run("partners check bigmart");
  INFO(bad.out << bad.err);
  CHECK(bad.status == 1);
  CHECK(contains(bad.out, "partners/bigmart/samples/bigmart_850.edi:531: segment 16 (SE) element 1: "
                          "SE01 (number of segments) does not match what was received: expected 14, found \"15\" [x12.se.count]"));

  std::string fixed = kBigmart850;
  fixed.replace(fixed.find("SE*15*"), 6, "SE*14*");
  w.write("partners/bigmart/samples/bigmart_850.edi", fixed);
  auto ok = w.run("partners check bigmart");
  INFO(ok.out << ok.err);
  CHECK(ok.status == 0);
  CHECK(contains(ok.out, "bigmart_850.edi: ok: 1 message(s), 1 round trip(s) equal"));

  // 5. Translate: routed by the ISA sender, heading REF, base map has no buyer part for IT.
  auto t = w.run("translate partners/bigmart/samples/bigmart_850.edi");
  INFO(t.err);
  REQUIRE(t.status == 0);
  CHECK(contains(t.out, R"("partner_id":"bigmart")"));
  CHECK(contains(t.out, R"("references":[{"qualifier":"DP","value":"0042"}])"));
  CHECK(contains(t.out, R"("items":{"vendor_part":"WB-1001","upc":"036000291452"})"));
  auto again = w.run("translate partners/bigmart/samples/bigmart_850.edi");
  CHECK(again.out == t.out);  // same file, same message ids

  // An unknown sender is refused, not guessed.
  std::string other = fixed;
  other.replace(other.find("BIGMART        "), 15, "NEWCO          ");
  w.write("unknown.edi", other);
  auto unknown = w.run("translate unknown.edi");
  CHECK(unknown.status == 3);  // configuration: onboard the sender, then replay
  CHECK(contains(unknown.err, "no partner profile claims X12 sender ZZ/NEWCO (ISA05/ISA06)"));

  // 6. Extend the base map for the partner's IT qualifier.
  w.write("partners/bigmart/maps/850.inbound.xml", kPartnerMap);
  std::string profile = w.read("partners/bigmart/partner.xml");
  const std::string base_ref = R"(map="base/x12/004010/850.inbound.xml")";
  REQUIRE(contains(profile, base_ref));
  profile.replace(profile.find(base_ref), base_ref.size(), R"(map="maps/850.inbound.xml")");
  w.write("partners/bigmart/partner.xml", profile);
  auto extended = w.run("translate partners/bigmart/samples/bigmart_850.edi");
  REQUIRE(extended.status == 0);
  CHECK(contains(extended.out, R"("items":{"buyer_part":"884-2231","vendor_part":"WB-1001","upc":"036000291452"})"));
  CHECK(w.run("partners check bigmart").status == 0);

  // A broken partner map: its own line:col, once, through the document using it.
  std::string broken = kPartnerMap;
  broken.replace(broken.find("'IT')"), 5, "'IT'");
  w.write("partners/bigmart/maps/850.inbound.xml", broken);
  auto b = w.run("partners check bigmart");
  CHECK(b.status == 1);
  CHECK(contains(b.err, "map for 850 inbound does not load: partners/bigmart/maps/850.inbound.xml:7:9: bad path"));
  w.write("partners/bigmart/maps/850.inbound.xml", kPartnerMap);

  // 7. Render an 855 from canonical JSON.
  w.write("ack.jsonl", kAck);
  auto r = w.run("render --partner bigmart --local-id OURCOMPANY --date 20261123 --time 1030 ack.jsonl");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "ISA*00*          *00*          *ZZ*OURCOMPANY     *ZZ*BIGMART        *261123*1030*U*00401*000000001*0*P*:~\n"
        "GS*PR*OURCOMPANY*BIGMART*20261123*1030*1*X*004010~\n"
        "ST*855*0001~\n"
        "BAK*00*AC*BM-448120*20261123*****20261123~\n"
        "PO1*1*24*EA*3.15**VP*WB-1001*UP*036000291452~\n"
        "ACK*IA*24*EA~\n"
        "PO1*2*6*CA*41.50**VP*WB-2040*UP*012345678905~\n"
        "ACK*IC*4*CA*068*20261208~\n"
        "CTT*2~\n"
        "SE*8*0001~\n"
        "GE*1*1~\n"
        "IEA*1*000000001~\n");

  // A canonical sample in samples/ is rendered and translated back by partners check.
  w.write("partners/bigmart/samples/bigmart_855.jsonl", kAck);
  auto with_ack = w.run("partners check bigmart");
  INFO(with_ack.out << with_ack.err);
  CHECK(with_ack.status == 0);
  CHECK(contains(with_ack.out, "bigmart_855.jsonl: ok"));
}
