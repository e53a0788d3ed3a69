#pragma once
// The small synthetic X12 004010 850 partner the CLI tests share: partner "acme" (ISA ZZ/ACME,
// ours ZZ/EDIGATE) and a pair of 850 maps kept here, not the base maps, so expected output
// cannot drift with them.
#include <string>
#include <vector>

namespace edigate::test {

/// 850 in: po_number (correlation), po_date, purpose, lines with PO107 as items.vendor_part.
inline const std::string kSynthetic850In =
    R"(<map id="t-850-in" direction="inbound" standard="X12" version="004010" set="850" type="purchase_order">
  <field name="po_number" path="BEG03" required="true" correlation="po_number"/>
  <field name="po_date" path="BEG05" convert="date"/>
  <field name="purpose" const="original"/>
  <array name="lines" each="PO1"><field name="line_number" path="PO101"/><field name="quantity" path="PO102" convert="decimal"/><field name="uom" path="PO103"/><object name="items"><field name="vendor_part" path="PO107"/></object></array>
</map>
)";

/// 850 out: the same fields back (BEG05 from po_date, PO106 VP + PO107 from items.vendor_part).
inline const std::string kSynthetic850Out =
    R"(<map id="t-850-out" direction="outbound" standard="X12" version="004010" set="850" type="purchase_order">
  <segment tag="ST"><element pos="1" const="850"/><element pos="2" source="control"/></segment>
  <segment tag="BEG"><element pos="1" const="00"/><element pos="2" const="SA"/><element pos="3" path="po_number"/><element pos="5" path="po_date" convert="date8"/></segment>
  <loop each="lines"><segment tag="PO1"><element pos="1" path="line_number"/><element pos="2" path="quantity"/><element pos="3" path="uom"/><element pos="6" const="VP"/><element pos="7" path="items/vendor_part"/></segment></loop>
  <segment tag="CTT"><element pos="1" source="count" path="lines"/></segment>
  <segment tag="SE"><element pos="1" source="segment_count"/><element pos="2" source="control"/></segment>
</map>
)";

inline const std::string kAcme850In = R"(<document type="850" direction="inbound" map="maps/850.in.xml"/>)";
inline const std::string kAcme850Out = R"(<document type="850" direction="outbound" map="maps/850.out.xml"/>)";

/// The acme profile with `documents` (one per line, from line 6 on) and `extra` XML after them.
inline std::string acme_partner(const std::vector<std::string>& documents, const std::string& extra = "") {
  std::string out = R"(<partner xmlns="urn:edigate:partner:1" id="acme" standard="x12-004010">
  <name>ACME</name>
  <identities><x12 isa-qualifier="ZZ" isa-id="ACME"/></identities>
  <local><x12 isa-qualifier="ZZ" isa-id="EDIGATE"/></local>
  <documents>
)";
  for (const auto& d : documents) out += "    " + d + "\n";
  out += "  </documents>\n";
  if (!extra.empty()) out += "  " + extra + "\n";
  return out + "</partner>\n";
}

}  // namespace edigate::test
