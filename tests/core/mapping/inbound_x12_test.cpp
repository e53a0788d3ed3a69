#include "mapping_fixture.hpp"

#include "canonical/json_io.hpp"
#include "schema/tree.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

const Delimiters kX12{'*', '>', 0, 0, '.', "~", "\n", ""};

std::string body_json(const Poco::JSON::Object::Ptr& body) {
  auto line = canonical::to_json_line(body);
  REQUIRE(line.ok());
  return line.value();
}

}  // namespace

TEST_CASE("the transaction tree groups segments into schema loop instances", "[mapping][tree]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  EdiFixture edi(read_text(std::string(EDIGATE_SOURCE_DIR) + "/samples/inbound/acme_850_4010.edi"), kX12);
  schema::TransactionTree tree;
  tree.build(*schema, edi.transaction(0));
  const auto& in = tree.instances();
  // root, N1, PO1, PID, PO1, PID, CTT
  REQUIRE(in.size() == 7);
  CHECK(in[1].id == "N1");
  CHECK(in[1].first == 5);  // N1*ST (ST=0, BEG=1, CUR=2, REF=3, DTM=4, N1=5)
  CHECK(in[1].last == 7);   // N3=6, N4=7
  CHECK(in[2].id == "PO1");
  CHECK(in[3].id == "PID");
  CHECK(in[3].parent == 2);
  CHECK(in[6].id == "CTT");
  CHECK(tree.owner(0) == 0);
  CHECK(tree.owner(7) == 1);  // N3 in the N1 loop
}

TEST_CASE("the 856 HL loops expose id, parent and level", "[mapping][tree]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/856.xml");
  EdiFixture edi(read_text(std::string(EDIGATE_SOURCE_DIR) + "/samples/inbound/widgetworks_856_4010.edi"), kX12);
  schema::TransactionTree tree;
  tree.build(*schema, edi.transaction(0));
  std::vector<std::string> hl;
  for (const auto& i : tree.instances())
    if (!i.hl_level.empty())
      hl.push_back(std::string(i.hl_id) + "<" + std::string(i.hl_parent) + ":" + std::string(i.hl_level));
  CHECK(hl == std::vector<std::string>{"1<:S", "2<1:O", "3<2:P", "4<3:I", "5<2:P", "6<5:I"});
}

TEST_CASE("base 850 inbound map turns the ACME sample into the expected purchase orders", "[mapping][inbound]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/x12/004010/850.inbound.xml",
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE(map.ok());
  EdiFixture edi(read_text(std::string(EDIGATE_SOURCE_DIR) + "/samples/inbound/acme_850_4010.edi"), kX12);
  REQUIRE(edi.size() == 2);

  mapping::TranslateContext ctx;
  ctx.file = "acme_850_4010.edi";
  auto first = mapping::translate(*map.value(), *schema, edi.transaction(0), kX12, ctx);
  REQUIRE(first.ok());
  // Written by hand from the sample: BEG, CUR, REF*DP, DTM*002, one N1 loop, two PO1 loops, CTT.
  CHECK(
      body_json(first.value()) ==
      R"({"po_number":"4500012345","po_date":"2026-11-22","purpose":"original","original_purpose_code":"00","po_type":"SA","currency":"USD",)"
      R"("references":[{"qualifier":"DP","value":"042"}],)"
      R"("parties":[{"role":"ship_to","original_role_code":"ST","name":"ACME DC 42",)"
      R"("ids":[{"scheme":"buyer_assigned","qualifier":"92","value":"0042"}],)"
      R"("address":{"lines":["1200 INDUSTRIAL PKWY"],"city":"COLUMBUS","state":"OH","postal_code":"43215","country":"US"}}],)"
      R"("requested_delivery_date":"2026-12-01",)"
      R"("lines":[{"line_number":"1","items":{"vendor_part":"WID-100","upc":"012345678905"},"description":"BLUE WIDGET",)"
      R"("quantity":"24","uom":"EA","unit_price":"12.50"},)"
      R"({"line_number":"2","items":{"vendor_part":"WID-200","upc":"012345678912"},"description":"RED WIDGET CASE OF 12",)"
      R"("quantity":"10","uom":"CA","unit_price":"48.00"}],"totals":{"line_count":2}})");
  CHECK(ctx.correlation.po_number == "4500012345");

  mapping::TranslateContext ctx2;
  auto second = mapping::translate(*map.value(), *schema, edi.transaction(1), kX12, ctx2);
  REQUIRE(second.ok());
  CHECK(
      body_json(second.value()) ==
      R"({"po_number":"4500012346","po_date":"2026-11-22","purpose":"original","original_purpose_code":"00","po_type":"SA",)"
      R"("parties":[{"role":"ship_to","original_role_code":"ST","name":"ACME STORE 1187",)"
      R"("ids":[{"scheme":"buyer_assigned","qualifier":"92","value":"1187"}]}],)"
      R"("requested_delivery_date":"2026-12-05",)"
      R"("lines":[{"line_number":"1","items":{"upc":"012345678929"},"quantity":"6","uom":"EA","unit_price":"7.25"}],)"
      R"("totals":{"line_count":1}})");
}

TEST_CASE("a required field that is missing names the map, the field and the segment position", "[mapping][inbound]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  auto map = map_from_text(R"(<map id="t" direction="inbound" type="purchase_order">
    <array name="lines" each="PO1">
      <field name="unit_price" path="PO104" required="true"/>
    </array></map>)",
                           "maps/t.xml");
  EdiFixture edi(read_text(std::string(EDIGATE_SOURCE_DIR) + "/samples/inbound/acme_850_4010.edi"), kX12);
  std::string text = "ST*850*9~BEG*00*SA*1**20240101~PO1*1*2*EA*1.5~PO1*2*3*EA~CTT*2~SE*6*9~";
  EdiFixture small(text, kX12);
  mapping::TranslateContext ctx;
  ctx.file = "in.edi";
  auto r = mapping::translate(*map, *schema, small.transaction(0), kX12, ctx);
  REQUIRE_FALSE(r.ok());
  const Error& e = r.error();
  CHECK(e.code == "mapping.field.required");
  CHECK(e.position.segment_index == 4);
  CHECK(e.position.segment_tag == "PO1");
  CHECK(e.position.offset == text.find("PO1*2"));
  CHECK(e.message.find("maps/t.xml") != std::string::npos);
  CHECK(e.message.find("lines[2].unit_price") != std::string::npos);
  CHECK(e.to_string().rfind("in.edi:" + std::to_string(text.find("PO1*2")) + ": segment 4 (PO1): ", 0) == 0);
}

TEST_CASE("a list with each= reads its items per match in document order", "[mapping][list]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  EdiFixture edi(
      "ST*850*0001~\nBEG*00*SA*PO-9**20261123~\nN1*ST*DC 7~\nN3*ATTN RECEIVING*DOCK 4~\nN3*7615 DISALLE BLVD~\n"
      "PO1*1*2*EA~\nCTT*1~\nSE*8*0001~\n",
      kX12);
  auto by_match = map_from_text(R"M(<map id="l" direction="inbound"><array name="parties" each="N1">
      <list name="lines" each="N3"><item path="N301"/><item path="N302"/></list></array></map>)M");
  auto by_item = map_from_text(R"M(<map id="l" direction="inbound"><array name="parties" each="N1">
      <list name="lines"><item path="N3/N301"/><item path="N3/N302"/></list></array></map>)M");
  mapping::TranslateContext ctx;
  auto a = mapping::translate(*by_match, *schema, edi.transaction(0), kX12, ctx);
  REQUIRE(a.ok());
  CHECK(body_json(a.value()) == R"({"parties":[{"lines":["ATTN RECEIVING","DOCK 4","7615 DISALLE BLVD"]}]})");
  auto b = mapping::translate(*by_item, *schema, edi.transaction(0), kX12, ctx);
  REQUIRE(b.ok());
  CHECK(body_json(b.value()) == R"({"parties":[{"lines":["ATTN RECEIVING","7615 DISALLE BLVD","DOCK 4"]}]})");
}

TEST_CASE("base 855 inbound: BAK09 is optional and every BAK02 code has a canonical ack_type", "[mapping][855]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/855.xml");
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/x12/004010/855.inbound.xml",
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE(map.ok());
  for (auto [code, type] : std::vector<std::pair<std::string, std::string>>{{"AP", "accepted"},
                                                                            {"AH", "on_hold"},
                                                                            {"RO", "rejected"},
                                                                            {"RN", "rejected"},
                                                                            {"RV", "rejected"},
                                                                            {"ZZ", "other"}}) {
    EdiFixture edi("ST*855*0001~\nBAK*00*" + code + "*PO-9*20261120~\nCTT*0~\nSE*4*0001~\n", kX12);
    mapping::TranslateContext ctx;
    auto r = mapping::translate(*map.value(), *schema, edi.transaction(0), kX12, ctx);
    if (!r) FAIL(r.error().to_string());
    CHECK(body_json(r.value()) ==
          R"({"ack_type":")" + type + R"(","original_ack_code":")" + code +
              R"(","purpose":"original","original_purpose_code":"00","po_number":"PO-9","po_date":"2026-11-20"})");
  }
}

TEST_CASE("base 850 inbound: BEG01 is mapped by an explicit table, never defaulted to original",
          "[mapping][850][codes]") {
  // Before: the purpose table defaulted to "original", so BEG01=03 (delete) and ZZ reached the
  // ERP as new orders. Now 03 is "delete" and a code without a canonical meaning is "other",
  // the code kept beside it.
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/x12/004010/850.inbound.xml",
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE(map.ok());
  for (auto [code, purpose] : std::vector<std::pair<std::string, std::string>>{{"00", "original"},
                                                                               {"01", "cancellation"},
                                                                               {"03", "delete"},
                                                                               {"05", "replace"},
                                                                               {"07", "duplicate"},
                                                                               {"ZZ", "other"},
                                                                               {"18", "other"}}) {
    INFO("BEG01=" << code);
    EdiFixture edi("ST*850*0001~\nBEG*" + code + "*SA*PO-9**20261120~\nPO1*1*2*EA***VP*W1~\nCTT*1~\nSE*5*0001~\n",
                   kX12);
    mapping::TranslateContext ctx;
    auto r = mapping::translate(*map.value(), *schema, edi.transaction(0), kX12, ctx);
    if (!r) FAIL(r.error().to_string());
    CHECK(body_json(r.value()).rfind(R"({"po_number":"PO-9","po_date":"2026-11-20","purpose":")" + purpose +
                                         R"(","original_purpose_code":")" + code + R"(",)",
                                     0) == 0);
  }
}

TEST_CASE(
    "an 11-digit id qualified UP reaches the message as sent with a positioned warning, or fails the set "
    "when the partner rejects business-rule violations",
    "[mapping][850][business_rule]") {
  // Before: convert="upc" left the value out, the line had no item id, and the whole purchase
  // order was dropped (mapping.field.required).
  auto schema = load_test_schema("plugins/x12/schemas/004010/850.xml");
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/x12/004010/850.inbound.xml",
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE(map.ok());
  EdiFixture edi(
      "ST*850*0001~\nBEG*00*SA*PO-9**20261120~\nPO1*1*2*EA*1.50**VP*W1~\nPO1*2*3*EA*2**UP*01234567890~\n"
      "CTT*2~\nSE*6*0001~\n",
      kX12);
  mapping::TranslateContext ctx;
  ctx.file = "up11.edi";
  auto r = mapping::translate(*map.value(), *schema, edi.transaction(0), kX12, ctx);
  if (!r) FAIL(r.error().to_string());
  const std::string body = body_json(r.value());
  CHECK_THAT(body, Catch::Contains(R"({"line_number":"2","items":{"upc":"01234567890"},"quantity":"3")"));
  const std::string warning =
      R"w("warnings":[{"code":"mapping.value.business_rule","field":"lines[2].items.upc","message":"map )w" +
      std::string(EDIGATE_SOURCE_DIR) +
      R"w(/maps/base/x12/004010/850.inbound.xml: lines[2].items.upc \"01234567890\" is not a UPC-A of 12 digits )w"
      R"w((sent as received; the partner's tolerance business-rule-violations=\"reject\" refuses it)",)w"
      R"w("segment_index":4,"segment_tag":"PO1","element":7,"byte_offset":63,"expected":"a UPC-A of 12 digits",)w"
      R"w("found":"01234567890"}]})w";
  CHECK_THAT(body, Catch::EndsWith(warning));
  REQUIRE(ctx.warnings.size() == 1);
  CHECK(ctx.warnings[0].error.severity == Severity::warning);
  CHECK(ctx.warnings[0].error.position.segment_tag == "PO1");
  // The id came through pair(PO106,'UP'): the position names PO107, the element after the
  // qualifier (it had no element number before).
  CHECK(ctx.warnings[0].error.position.element == 7);

  // The JSON text path (translate_members, what `translate` writes) gives the same members.
  mapping::TranslateContext text_ctx;
  std::string members;
  REQUIRE(mapping::translate_members(*map.value(), *schema, edi.transaction(0), kX12, text_ctx, members).ok());
  CHECK("{" + members + "}" == body);

  mapping::TranslateContext strict;
  strict.reject_business_rules = true;
  auto refused = mapping::translate(*map.value(), *schema, edi.transaction(0), kX12, strict);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "mapping.value.business_rule");
  CHECK(refused.error().position.segment_index == 4);
  CHECK(refused.error().position.element == 7);
  CHECK(refused.error().found == "01234567890");

  // The pair found in a later slot: the element after that slot's qualifier (PO109).
  EdiFixture later(
      "ST*850*0001~\nBEG*00*SA*PO-9**20261120~\nPO1*1*2*EA*1.50**VP*W1*UP*01234567890~\nCTT*1~\nSE*5*0001~\n", kX12);
  mapping::TranslateContext later_ctx;
  REQUIRE(mapping::translate(*map.value(), *schema, later.transaction(0), kX12, later_ctx).ok());
  REQUIRE(later_ctx.warnings.size() == 1);
  CHECK(later_ctx.warnings[0].error.position.element == 9);

  // A valid id beside a bad one: the valid one is used, no warning (coalesce goes on).
  EdiFixture both(
      "ST*850*0001~\nBEG*00*SA*PO-9**20261120~\nPO1*1*2*EA*1.50**EN*123*UK*00614141999996~\nCTT*1~\nSE*5*0001~\n",
      kX12);
  mapping::TranslateContext both_ctx;
  auto b = mapping::translate(*map.value(), *schema, both.transaction(0), kX12, both_ctx);
  if (!b) FAIL(b.error().to_string());
  CHECK_THAT(body_json(b.value()), Catch::Contains(R"("items":{"gtin":"00614141999996"})"));
  CHECK(both_ctx.warnings.empty());
}
