// X12 outbound base maps write every canonical address line: N3 holds two, and the N1 loops
// allow two N3 segments, so lines 3 and 4 go into a second N3 (node-x12/855.edi sends two).
#include "x12_maps_support.hpp"

using namespace edigate;
using namespace edigate::test;

TEST_CASE("X12 outbound maps write address lines 3 and 4 into a second N3", "[mapping][x12][base]") {
  const std::string party =
      R"("parties":[{"role":"ship_to","name":"EDI TEST","address":{"lines":["REGULAR EDI ACCOUNT","ATTN ACQ SERVS",)"
      R"("7615 DISALLE BOULEVARD"],"city":"FORT WAYNE","state":"IN","postal_code":"46825"}},)"
      R"({"role":"buyer","name":"TWO LINES","address":{"lines":["A","B"]}}])";
  const std::string ack = R"({"schema":"edigate.canonical/v1","type":"purchase_order_ack","ack_type":"accepted",)"
                          R"("po_number":"P1","po_date":"2020-10-15",)" +
                          party +
                          R"(,"lines":[{"line_number":"1","items":{"gtin":"9780446360265"},"status":"accepted"}]})";
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto msg = canonical::parse_message(ack);
    REQUIRE(msg.ok());
    mapping::TranslateContext ctx;
    ctx.control_number = "0005";
    auto t = mapping::render(*base_map(version, "855", "outbound"), msg.value(), ctx);
    if (!t) FAIL(t.error().to_string());
    const std::string text = to_edi(t.value());
    CHECK(text ==
          "ST*855*0005~\n"
          "BAK*00*AD*P1*20201015~\n"
          "N1*ST*EDI TEST~\n"
          "N3*REGULAR EDI ACCOUNT*ATTN ACQ SERVS~\n"
          "N3*7615 DISALLE BOULEVARD~\n"
          "N4*FORT WAYNE*IN*46825~\n"
          "N1*BY*TWO LINES~\n"
          "N3*A*B~\n"
          "PO1*1*****EN*9780446360265~\n"
          "ACK*IA~\n"
          "CTT*1~\n"
          "SE*12*0005~\n");
    // and the rendered set is valid 855 X12
    EdiFixture edi(text, kFixtureX12);
    std::vector<Error> errors;
    schema::validate(*x12_schema(version, "855"), edi.transaction(0), kFixtureX12, "rendered.edi", errors);
    for (const auto& e : errors) CHECK(e.to_string() == "");
  }
}
