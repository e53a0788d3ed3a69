#include "mapping_fixture.hpp"

#include "canonical/json_io.hpp"
#include "corpus.hpp"

#include <Poco/JSON/Parser.h>

using namespace edigate;
using namespace edigate::test;

TEST_CASE("base 855 outbound map renders a purchase_order_ack as the expected segments", "[mapping][outbound]") {
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/x12/004010/855.outbound.xml",
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE(map.ok());
  auto msg = canonical::parse_message(
      R"({"schema":"edigate.canonical/v1","type":"purchase_order_ack","ack_type":"accepted_with_changes",)"
      R"("ack_date":"2026-11-23","po_number":"4500012345","po_date":"2026-11-22","purpose":"original","currency":"USD",)"
      R"("lines":[{"line_number":"1","items":{"buyer_part":"884512","vendor_part":"WID-100"},"status":"accepted",)"
      R"("ordered_quantity":"24","quantity":"24","uom":"EA","unit_price":"12.50","scheduled_date":"2026-12-01"},)"
      R"({"line_number":"2","items":{"vendor_part":"WID-200"},"status":"backordered","ordered_quantity":"10",)"
      R"("quantity":"0","uom":"CA"}]})");
  REQUIRE(msg.ok());
  mapping::TranslateContext ctx;
  ctx.control_number = "0001";
  auto t = mapping::render(*map.value(), msg.value(), ctx);
  if (!t) FAIL(t.error().to_string());
  CHECK(print(t.value()) ==
        "ST*855*0001~\n"
        "BAK*00*AC*4500012345*20261122*****20261123~\n"  // BAK09 ack date
        "CUR*SE*USD~\n"
        "PO1*1*24*EA*12.50**BP*884512*VP*WID-100~\n"
        "ACK*IA*24*EA*068*20261201~\n"
        "PO1*2*10*CA***VP*WID-200~\n"  // ids packed from PO106 (<pairs>), no empty BP pair
        "ACK*IB*0*CA~\n"
        "CTT*2~\n"
        "SE*9*0001~\n");
}

TEST_CASE("an outbound required element names the map, element and JSON path", "[mapping][outbound]") {
  auto map = map_from_text(R"M(<map id="o" direction="outbound"><loop each="lines">
      <segment tag="PO1"><element pos="1" path="line_number" required="true"/></segment></loop></map>)M",
                           "o.xml");
  auto msg =
      canonical::parse_message(R"({"schema":"edigate.canonical/v1","lines":[{"line_number":"1"},{"uom":"EA"}]})");
  REQUIRE(msg.ok());
  mapping::TranslateContext ctx;
  auto t = mapping::render(*map, msg.value(), ctx);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().code == "mapping.field.required");
  CHECK(t.error().message.find("o.xml") != std::string::npos);
  CHECK(t.error().message.find("PO101") != std::string::npos);
  CHECK(t.error().expected == "lines[2]/line_number");
}

TEST_CASE("outbound HL loops number the hierarchy and point at their parent", "[mapping][outbound]") {
  auto map = map_from_text(R"M(<map id="o" direction="outbound">
      <loop each="/" hl="true">
        <segment tag="HL"><element pos="1" source="hl_id"/><element pos="2" source="hl_parent"/><element pos="3" const="S"/></segment>
        <loop each="orders" hl="true">
          <segment tag="HL"><element pos="1" source="hl_id"/><element pos="2" source="hl_parent"/><element pos="3" const="O"/></segment>
          <segment tag="PRF"><element pos="1" path="po_number"/></segment>
          <loop each="packs" hl="true">
            <segment tag="HL"><element pos="1" source="hl_id"/><element pos="2" source="hl_parent"/><element pos="3" const="P"/></segment>
            <segment tag="MAN"><element pos="1" const="GM"/><element pos="2" path="sscc"/></segment>
          </loop>
        </loop>
      </loop></map>)M");
  auto msg = canonical::parse_message(
      R"({"schema":"edigate.canonical/v1","orders":[{"po_number":"A","packs":[{"sscc":"1"},{"sscc":"2"}]},)"
      R"({"po_number":"B","packs":[{"sscc":"3"}]}]})");
  REQUIRE(msg.ok());
  mapping::TranslateContext ctx;
  auto t = mapping::render(*map, msg.value(), ctx);
  if (!t) FAIL(t.error().to_string());
  CHECK(print(t.value()) ==
        "HL*1**S~\nHL*2*1*O~\nPRF*A~\nHL*3*2*P~\nMAN*GM*1~\nHL*4*2*P~\nMAN*GM*2~\n"
        "HL*5*1*O~\nPRF*B~\nHL*6*5*P~\nMAN*GM*3~\n");
}

TEST_CASE("inbound 856 arrays rebuild the S/O/P/I hierarchy by HL parent id", "[mapping][inbound][hl]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/856.xml");
  auto map = map_from_text(R"M(<map id="asn" direction="inbound">
      <field name="shipment_id" path="BSN02" correlation="shipment_id"/>
      <array name="shipments" level="S">
        <field name="bol" path="REF[REF01=BM]/REF02" correlation="bol"/>
        <field name="scac" path="TD5/TD503"/>
        <field name="gross_weight" path="TD1/TD107" convert="decimal"/>
        <array name="orders" level="O">
          <field name="po_number" path="PRF01"/>
          <array name="packs" level="P">
            <field name="sscc" path="MAN[MAN01=GM]/MAN02"/>
            <array name="items" level="I">
              <field name="upc" path="LIN/pair(LIN02,UP)"/>
              <field name="quantity" path="SN1/SN102" convert="decimal"/>
            </array>
          </array>
          <array name="all_items" level="I" deep="true"><field name="upc" path="LIN/pair(LIN02,UP)"/></array>
        </array>
      </array></map>)M");
  EdiFixture edi(read_text(std::string(EDIGATE_SOURCE_DIR) + "/samples/inbound/widgetworks_856_4010.edi"),
                 Delimiters{'*', '>', 0, 0, '.', "~", "\n", ""});
  mapping::TranslateContext ctx;
  auto r = mapping::translate(*map, *schema, edi.transaction(0), edi.delimiters(), ctx);
  if (!r) FAIL(r.error().to_string());
  auto line = canonical::to_json_line(r.value());
  REQUIRE(line.ok());
  CHECK(
      line.value() ==
      R"({"shipment_id":"SH0098765","shipments":[{"bol":"BOL4471001","scac":"UPSN","gross_weight":"31.5","orders":[)"
      R"({"po_number":"4500012345","packs":[{"sscc":"00012345670000000015","items":[{"upc":"012345678905","quantity":"24"}]},)"
      R"({"sscc":"00012345670000000022","items":[{"upc":"012345678912","quantity":"10"}]}],)"
      R"("all_items":[{"upc":"012345678905"},{"upc":"012345678912"}]}]}]})");
  CHECK(ctx.correlation.shipment_id == "SH0098765");
  CHECK(ctx.correlation.bol == "BOL4471001");
}

TEST_CASE("EDIFACT paths address composites by component and qualifiers by position", "[mapping][inbound][edifact]") {
  auto schema = load_test_schema("plugins/edifact/schemas/D96A/ORDERS.xml");
  auto map = map_from_text(R"M(<map id="orders" direction="inbound">
      <field name="po_number" path="BGM02"/>
      <field name="po_date" path="DTM[1.1=137]/1.2" convert="date8"/>
      <timestamp name="delivery" value="DTM[1.1=2]/1.2" format="DTM[1.1=2]/1.3"/>
      <field name="buyer_gln" path="NAD[1=BY]/2.1"/>
      <field name="delivery_gln" path="SG2[NAD01=DP]/NAD/2.1"/>
      <field name="currency" path="CUX/1.2"/>
      <array name="lines" each="SG25">
        <field name="gtin" path="LIN/3.1"/>
        <field name="description" path="IMD/3.4"/>
        <field name="quantity" path="QTY[1.1=21]/1.2" convert="decimal"/>
        <field name="price" path="SG28/PRI[1.1=AAA]/1.2" convert="decimal"/>
      </array></map>)M");
  Delimiters d = Delimiters::edifact_default();
  EdiFixture edi(read_text(std::string(EDIGATE_SOURCE_DIR) + "/samples/inbound/eurofood_orders_d96a.edi"), d);
  mapping::TranslateContext ctx;
  auto r = mapping::translate(*map, *schema, edi.transaction(0), d, ctx);
  if (!r) FAIL(r.error().to_string());
  auto line = canonical::to_json_line(r.value());
  REQUIRE(line.ok());
  CHECK(
      line.value() ==
      R"({"po_number":"PO-EF-2026-1187","po_date":"2026-11-22","delivery":"2026-12-03","buyer_gln":"5412345000013",)"
      R"("delivery_gln":"5412345000020","currency":"EUR","lines":[{"gtin":"8712345678906","quantity":"48","price":"2.35"},)"
      R"({"gtin":"8712345678913","description":"ORANGE JUICE 1L+ PULP","quantity":"120","price":"1.10"}]})");
}

TEST_CASE("a JSON-source map turns a UPS tracking response into tracking events", "[mapping][json]") {
  auto dir = corpus_dir_or_skip();
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/json/ups.tracking.inbound.xml",
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE(map.ok());
  Poco::JSON::Parser parser;
  auto doc = parser.parse(read_text((dir / "carrier-json/karrio/ups_tracking_response.json").string()));
  mapping::TranslateContext ctx;
  ctx.default_offset = "-05:00";
  auto r = mapping::translate_json(*map.value(), doc, ctx);
  if (!r) FAIL(r.error().to_string());
  REQUIRE(r.value().size() == 1);
  auto line = canonical::to_json_line(r.value()[0]);
  REQUIRE(line.ok());
  // From the file: activity[0] is D / F4 "DELIVERED " at PARAMUS NJ 07652 US on 20220126 163000.
  CHECK(
      line.value() ==
      R"({"tracking_number":"1Z1442YY7229014688","status":"delivered","original_code":"D","original_reason_code":"F4",)"
      R"("description":"DELIVERED","timestamp":"2022-01-26T16:30:00-05:00",)"
      R"("location":{"city":"PARAMUS","state":"NJ","postal_code":"07652","country":"US"},)"
      R"("carrier":{"scac":"UPSN","name":"UPS"}})");
  CHECK(ctx.correlation.tracking_numbers == std::vector<std::string>{"1Z1442YY7229014688"});
}

TEST_CASE("JSON paths filter array elements and a timestamp without any zone is an error", "[mapping][json]") {
  auto map = map_from_text(R"M(<map id="j" direction="inbound" source="json">
      <field name="last_delivered" path="events[code='DL']/where"/>
      <field name="weight" path="pkg/weight" convert="decimal"/>
      <list name="ids" path="refs/value"/>
      <timestamp name="ts" date="events[0]/date" time="events[0]/time"/></map>)M");
  Poco::JSON::Parser parser;
  auto doc = parser.parse(R"({"events":[{"code":"IT","where":"A","date":"20240301","time":"0900"},)"
                          R"({"code":"DL","where":"B"}],"pkg":{"weight":12.5},"refs":[{"value":"X"},{"value":7}]})");
  mapping::TranslateContext ctx;
  auto r = mapping::translate_json(*map, doc, ctx);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "mapping.timestamp.no_offset");
  ctx.default_offset = "+01:00";
  r = mapping::translate_json(*map, doc, ctx);
  if (!r) FAIL(r.error().to_string());
  auto line = canonical::to_json_line(r.value()[0]);
  REQUIRE(line.ok());
  CHECK(line.value() == R"({"last_delivered":"B","weight":"12.5","ids":["X","7"],"ts":"2024-03-01T09:00:00+01:00"})");
}

TEST_CASE("X12 time codes give timestamps their offset and code tables without default reject unknown codes",
          "[mapping][inbound]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  auto map = map_from_text(R"M(<map id="t" direction="inbound">
      <table name="t"><entry code="SA" value="stand_alone"/></table>
      <timestamp name="ts" date="DTM[DTM01=002]/DTM02" time="DTM[DTM01=002]/DTM03" zone="DTM[DTM01=002]/DTM04"/>
      <field name="amount" path="BEG03" convert="implied2"/>
      <field name="kind" path="BEG02" table="t"/>
      <field name="label" separator=" / "><part path="BEG01"/><part const="x"/><part path="BEG04"/></field></map>)M");
  EdiFixture edi("ST*850*1~BEG*00*RO*12345~DTM*002*20240710*1405*ED~SE*4*1~",
                 Delimiters{'*', '>', 0, 0, '.', "~", "", ""});
  mapping::TranslateContext ctx;
  ctx.file = "t.edi";
  auto r = mapping::translate(*map, *schema, edi.transaction(0), edi.delimiters(), ctx);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "mapping.table.unmapped");
  CHECK(r.error().found == "RO");
  CHECK(r.error().position.segment_tag == "BEG");
  auto map2 = map_from_text(R"M(<map id="t" direction="inbound">
      <timestamp name="ts" date="DTM[DTM01=002]/DTM02" time="DTM[DTM01=002]/DTM03" zone="DTM[DTM01=002]/DTM04"/>
      <field name="amount" path="BEG03" convert="implied2"/>
      <field name="label" separator=" / "><part path="BEG01"/><part const="x"/><part path="BEG04"/></field></map>)M");
  r = mapping::translate(*map2, *schema, edi.transaction(0), edi.delimiters(), ctx);
  if (!r) FAIL(r.error().to_string());
  auto line = canonical::to_json_line(r.value());
  REQUIRE(line.ok());
  CHECK(line.value() == R"({"ts":"2024-07-10T14:05:00-04:00","amount":"123.45","label":"00 / x"})");
}

TEST_CASE("convert=length with a table picks a product id qualifier by the GTIN's digit count", "[mapping][outbound]") {
  auto map = map_from_text(R"M(<map id="o" direction="outbound">
      <table name="gtin_qualifier" default="EN"><entry code="14" value="UK"/><entry code="12" value="UP"/></table>
      <loop each="lines"><segment tag="LIN">
        <element pos="1" path="gtin" convert="length" table="gtin_qualifier"/><element pos="2" path="gtin"/>
      </segment></loop></map>)M",
                           "o.xml");
  auto msg = canonical::parse_message(
      R"({"schema":"edigate.canonical/v1","lines":[{"gtin":"10012345678902"},{"gtin":"4006381333931"},{"gtin":"012345678905"},{"uom":"EA"}]})");
  REQUIRE(msg.ok());
  mapping::TranslateContext ctx;
  auto t = mapping::render(*map, msg.value(), ctx);
  if (!t) FAIL(t.error().to_string());
  CHECK(print(t.value()) == "LIN*UK*10012345678902~\nLIN*EN*4006381333931~\nLIN*UP*012345678905~\n");
}

TEST_CASE("a partner map places an added segment loop with after= so the X12 segment order stays valid",
          "[mapping][outbound][extends]") {
  // Without after= the REF loop would be appended after SE (the base map's last item); copying
  // the base map's items to get it in place is what before=/after= spares.
  auto load = [](const std::string& placement) {
    return mapping::load_map_from_memory(
        "<map id=\"p\" extends=\"x12-004010-855-outbound\" direction=\"outbound\">\n"
        "  <loop each=\"references\"" +
            placement +
            "><segment tag=\"REF\">\n"
            "    <element pos=\"1\" path=\"qualifier\"/><element pos=\"2\" path=\"value\"/></segment></loop>\n</map>",
        "p.xml", std::string(EDIGATE_SOURCE_DIR) + "/maps");
  };
  auto msg = canonical::parse_message(
      R"({"schema":"edigate.canonical/v1","type":"purchase_order_ack","ack_type":"accepted","po_number":"P1",)"
      R"("po_date":"2026-11-22","currency":"USD","references":[{"qualifier":"IA","value":"V77"}],)"
      R"("lines":[{"line_number":"1","items":{"vendor_part":"W1"},"status":"accepted","quantity":"1","uom":"EA"}]})");
  REQUIRE(msg.ok());
  auto render = [&](const mapping::MapPtr& map) {
    mapping::TranslateContext ctx;
    ctx.control_number = "0001";
    auto t = mapping::render(*map, msg.value(), ctx);
    if (!t) FAIL(t.error().to_string());
    return print(t.value());
  };
  auto placed = load(" after=\"CUR\"");
  if (!placed) FAIL(placed.error().to_string());
  CHECK(render(placed.value()) ==
        "ST*855*0001~\nBAK*00*AD*P1*20261122~\nCUR*SE*USD~\nREF*IA*V77~\nPO1*1**EA***VP*W1~\nACK*IA*1*EA~\n"
        "CTT*1~\nSE*8*0001~\n");
  auto before = load(" before=\"DTM\"");
  REQUIRE(before.ok());
  CHECK(render(before.value()) == render(placed.value()));
  auto appended = load("");
  REQUIRE(appended.ok());
  CHECK_THAT(render(appended.value()), Catch::EndsWith("SE*7*0001~\nREF*IA*V77~\n"));
  auto unknown = load(" after=\"XYZ\"");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "mapping.extends.position");
  CHECK(unknown.error().position.line == 2);
  auto both = load(" after=\"CUR\" before=\"DTM\"");
  REQUIRE_FALSE(both.ok());
  CHECK(both.error().code == "mapping.extends.position");
}
