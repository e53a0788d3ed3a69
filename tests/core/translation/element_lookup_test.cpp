// Element values as maps read them (mapping::EdiSource): a plain element is its own first
// component; a composite gives the component asked for; a component past the last is no value.
// The lookup returns plain elements without splitting, so both kinds are pinned here.
#include "translation_fixture.hpp"

using namespace edigate;
using test::write_text;

TEST_CASE("element lookups: plain elements, composites and absent components", "[translation][inbound][lookup]") {
  test::Runtime rt(false);  // the map's fields are lookup probes, not canonical fields
  test::TempDir dir("lookup");
  const std::string map =
      R"M(<map id="t-lookup" direction="inbound" standard="X12" version="004010" set="850" type="purchase_order">
  <field name="po_number" path="BEG03" required="true"/>
  <array name="refs" each="REF">
    <field name="whole" path="REF04"/>
    <field name="first" path="REF04.1"/>
    <field name="second" path="REF04.2"/>
    <field name="fourth" path="REF04.4"/>
    <field name="plain_first" path="REF02.1"/>
  </array>
  <array name="lines" each="PO1">
    <field name="pair" path="PO1/pair(PO106,'VP')"/>
  </array>
</map>
)M";
  write_text(dir.path / "acme" / "partner.xml",
             test::x12_partner("acme", "ACME", "<document type=\"850\" direction=\"inbound\" map=\"maps/850.xml\"/>"));
  write_text(dir.path / "acme" / "maps" / "850.xml", map);
  partners::PartnerRegistry registry(dir.path);
  translation::InboundOptions o;
  o.file = "po.edi";
  o.registry = registry.snapshot();
  // REF04 is composite C040; REF02 and the PO1 id pairs are simple (REF02.2, a component a
  // simple element cannot have, is refused when the map loads: map_check_test.cpp).
  const std::string set =
      "ST*850*0001~\nBEG*00*SA*PO-1**20240312~\n"
      "REF*DP*42**ZZ>A1>YY>B2~\nREF*IA*43**XX>C1~\nREF*PD*44**ZZ>P3~\n"
      "PO1*1*2*EA*3.50**BP*A*VP*V1~\nPO1*2*1*EA*1**BP*B*IN*V2~\nSE*8*0001~\n";
  const std::string text = test::interchange_850("ACME", {set});
  MemoryInput memory(text, o.file);
  io::PeekInput in(memory);
  std::vector<std::string> lines;
  translation::InboundSink sink;
  sink.on_line = [&](std::string_view line) { lines.emplace_back(line); };
  sink.on_issue = [&](const Error& e) { FAIL(e.to_string()); };
  auto summary = translation::translate_inbound(rt.services, in, o, sink);
  if (!summary) FAIL(summary.error().to_string());
  REQUIRE(lines.size() == 1);
  const std::string& l = lines[0];
  INFO(l);
  CHECK(
      l.find(
          R"("refs":[{"whole":"ZZ","first":"ZZ","second":"A1","fourth":"B2","plain_first":"42"},)"
          R"({"whole":"XX","first":"XX","second":"C1","plain_first":"43"},{"whole":"ZZ","first":"ZZ","second":"P3","plain_first":"44"}],)"
          R"("lines":[{"pair":"V1"}])") != std::string::npos);
}
