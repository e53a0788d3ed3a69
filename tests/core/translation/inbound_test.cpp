// Inbound translation: EDI and carrier JSON -> canonical messages, per transaction.
#include "canonical/message_id.hpp"
#include "translation_fixture.hpp"

using namespace edigate;
using test::write_text;

namespace {

const std::string kGood = "ST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA*3.50~\nCTT*1~\nSE*5*0001~\n";
const std::string kGood2 = "ST*850*0004~\nBEG*00*SA*PO-4**20240312~\nPO1*1*2*EA*3.50~\nCTT*1~\nSE*5*0004~\n";
const std::string kBadDate = "ST*850*0002~\nBEG*00*SA*PO-2**20241341~\nPO1*1*1*EA*1~\nCTT*1~\nSE*5*0002~\n";

struct Acme {
  test::TempDir dir{"acme"};
  std::unique_ptr<partners::PartnerRegistry> registry;
  explicit Acme(const std::string& map850 = test::kMap850In) {
    write_text(
        dir.path / "acme" / "partner.xml",
        test::x12_partner("acme", "ACME", "<document type=\"850\" direction=\"inbound\" map=\"maps/850.xml\"/>"));
    write_text(dir.path / "acme" / "maps" / "850.xml", map850);
    write_text(
        dir.path / "beta" / "partner.xml",
        test::x12_partner("beta", "BETA", "<document type=\"856\" direction=\"inbound\" map=\"maps/850.xml\"/>"));
    write_text(dir.path / "beta" / "maps" / "850.xml", test::kMap850In);
    registry = std::make_unique<partners::PartnerRegistry>(dir.path);
  }
  translation::InboundOptions routed() const {
    translation::InboundOptions o;
    o.file = "po.edi";
    o.registry = registry->snapshot();
    return o;
  }
};

}  // namespace

TEST_CASE("an 850 translates to the hand-written canonical message", "[translation][inbound]") {
  test::Runtime rt;
  Acme acme;
  const std::string text = test::interchange_850("ACME", {kGood});
  auto o = test::translate_text(rt, text, acme.routed());
  for (const auto& e : o.issues) UNSCOPED_INFO(e.to_string());
  REQUIRE(o.lines.size() == 1);
  CHECK(o.summary.ok());
  CHECK(o.summary.transactions == 1);

  canonical::MessageIdentity id;
  id.partner_id = "acme";
  id.sender_qualifier = id.receiver_qualifier = "ZZ";
  id.sender_id = "ACME";  // ISA06 padding trimmed
  id.receiver_id = "EDIGATE";
  id.interchange_control_number = "000000905";
  id.group_control_number = "905";
  id.transaction_control_number = "0001";
  const std::string expected =
      R"({"schema":"edigate.canonical/v1","type":"purchase_order","message_id":")" + canonical::message_id(id) +
      R"(","partner_id":"acme","direction":"inbound","source":{"standard":"x12","version":"004010","transaction_set":"850",)"
      R"("interchange_control_number":"000000905","group_control_number":"905","transaction_control_number":"0001",)"
      R"("sender":{"qualifier":"ZZ","id":"ACME"},"receiver":{"qualifier":"ZZ","id":"EDIGATE"},"file":"po.edi","byte_offset":)" +
      std::to_string(text.find("ST*850*0001")) +
      R"(},"correlation":{"po_number":"PO-1"},"po_number":"PO-1","po_date":"2024-03-12",)"
      R"("lines":[{"line_number":"1","quantity":"2","uom":"EA"}]})";
  CHECK(o.lines[0] == expected);
}

TEST_CASE("one bad and one good transaction: one message and one positioned error", "[translation][inbound]") {
  test::Runtime rt;
  Acme acme;
  const std::string text = test::interchange_850("ACME", {kBadDate, kGood});
  auto o = test::translate_text(rt, text, acme.routed());
  REQUIRE(o.messages.size() == 1);
  CHECK(o.messages[0]->getValue<std::string>("po_number") == "PO-1");
  CHECK(o.summary.transactions == 2);
  CHECK(o.summary.errors == 1);
  REQUIRE(o.issues.size() == 1);
  const Error& e = o.issues[0];
  CHECK(e.code == "schema.element.invalid_date");
  CHECK(e.position.file == "po.edi");
  CHECK(e.position.offset == text.find("BEG*00*SA*PO-2"));
  CHECK(e.position.segment_index == 4);
  CHECK(e.position.segment_tag == "BEG");
  CHECK(e.position.element == 5);
  CHECK(e.to_string().rfind("po.edi:" + std::to_string(text.find("BEG*00*SA*PO-2")) + ": segment 4 (BEG) element 5:",
                            0) == 0);
}

TEST_CASE("a map failure on one transaction leaves the next one translated", "[translation][inbound]") {
  test::Runtime rt;
  Acme acme;
  // BEG05 present but empty in the first set: the map's required po_date fails there only.
  const std::string no_date = "ST*850*0003~\nBEG*00*SA*PO-3*~\nPO1*1*1*EA*1~\nCTT*1~\nSE*5*0003~\n";
  auto o = test::translate_text(rt, test::interchange_850("ACME", {no_date, kGood}), acme.routed());
  REQUIRE(o.messages.size() == 1);
  bool required = false;
  for (const auto& e : o.issues)
    if (!e.is_warning()) required = required || e.code == "mapping.field.required" || e.code.rfind("schema.", 0) == 0;
  CHECK(required);
  CHECK(o.summary.errors >= 1);
}

TEST_CASE("each interchange goes to the partner claiming its sender and an unknown sender is named",
          "[translation][inbound][routing]") {
  test::Runtime rt;
  Acme acme;
  auto known = test::translate_text(rt, test::interchange_850("ACME", {kGood}), acme.routed());
  REQUIRE(known.messages.size() == 1);
  CHECK(known.messages[0]->getValue<std::string>("partner_id") == "acme");

  auto unknown = test::translate_text(rt, test::interchange_850("NOBODY", {kGood, kGood2}), acme.routed());
  for (const auto& e : unknown.issues) UNSCOPED_INFO(e.to_string());
  CHECK(unknown.messages.empty());
  REQUIRE(unknown.issues.size() == 1);  // once, at the ISA, not per transaction
  CHECK(unknown.issues[0].code == "translate.partner.unknown");
  CHECK(unknown.issues[0].found == "ZZ/NOBODY");
  CHECK(unknown.issues[0].position.segment_tag == "ISA");
  CHECK(unknown.issues[0].message.find("X12 sender ZZ/NOBODY (ISA05/ISA06)") != std::string::npos);

  // A given partner wins over routing.
  auto forced = acme.routed();
  forced.partner = test::partner(*acme.registry, "acme");
  CHECK(test::translate_text(rt, test::interchange_850("NOBODY", {kGood}), forced).messages.size() == 1);
}

TEST_CASE("a set the partner does not declare is an error at its ST", "[translation][inbound]") {
  test::Runtime rt;
  Acme acme;
  const std::string text = test::interchange_850("BETA", {kGood});
  auto o = test::translate_text(rt, text, acme.routed());
  CHECK(o.messages.empty());
  REQUIRE(o.issues.size() == 1);
  CHECK(o.issues[0].code == "translate.document.undeclared");
  CHECK(o.issues[0].position.segment_tag == "ST");
  CHECK(o.issues[0].position.segment_index == 3);
  CHECK(o.issues[0].position.offset == text.find("ST*850"));
  CHECK(o.issues[0].message.find("declares no inbound document 850") != std::string::npos);
}

TEST_CASE("a broken map is reported at each transaction with the map's own file:line:col", "[translation][inbound]") {
  test::Runtime rt;
  Acme acme("<map id=\"broken\" direction=\"inbound\" bogus=\"1\"/>\n");
  auto o = test::translate_text(rt, test::interchange_850("ACME", {kGood, kGood2}), acme.routed());
  CHECK(o.messages.empty());
  REQUIRE(o.issues.size() == 2);
  for (const auto& e : o.issues) {
    CHECK(e.code == "mapping.file.invalid");
    CHECK(e.position.segment_tag == "ST");
    CHECK(e.message.find((acme.dir.path / "acme" / "maps" / "850.xml").string() + ":1:") != std::string::npos);
  }
}

TEST_CASE("carrier JSON goes through the partner's JSON map: one message per package", "[translation][inbound][json]") {
  test::Runtime rt;
  test::TempDir dir("ups");
  write_text(dir.path / "ups-api" / "partner.xml",
             "<partner xmlns=\"urn:edigate:partner:1\" id=\"ups-api\" standard=\"json\" utc-offset=\"-05:00\">\n"
             "  <name>UPS</name><identities/>\n"
             "  <documents><document type=\"tracking\" direction=\"inbound\" "
             "map=\"base/json/ups.tracking.inbound.xml\"/></documents>\n"
             "</partner>\n");
  partners::PartnerRegistry registry(dir.path);
  const std::string json = R"(  {"trackResponse":{"shipment":[{"package":[
    {"trackingNumber":"1Z001","activity":[{"status":{"type":"D","code":"F4","description":"DELIVERED"},
      "date":"20240310","time":"143000","location":{"address":{"city":"PARAMUS","stateProvince":"NJ","countryCode":"us"}}}]},
    {"trackingNumber":"1Z002","activity":[{"status":{"type":"I","code":"X","description":"IN TRANSIT"},
      "date":"20240309","time":"080000"}]}]}]}})";
  translation::InboundOptions options;
  options.file = "ups.json";
  options.partner = test::partner(registry, "ups-api");
  auto o = test::translate_text(rt, json, options);
  for (const auto& e : o.issues) UNSCOPED_INFO(e.to_string());
  REQUIRE(o.messages.size() == 2);
  CHECK(o.issues.empty());
  const auto& first = o.messages[0];
  CHECK(first->getValue<std::string>("type") == "tracking_event");
  CHECK(first->getValue<std::string>("status") == "delivered");
  CHECK(first->getValue<std::string>("timestamp") == "2024-03-10T14:30:00-05:00");  // the partner's offset
  CHECK(first->getObject("source")->getValue<std::string>("standard") == "json");
  // Correlation per message, not collected across the document.
  CHECK(canonical::to_json_line(first->getObject("correlation")).value() == R"({"tracking_numbers":["1Z001"]})");
  CHECK(canonical::to_json_line(o.messages[1]->getObject("correlation")).value() ==
        R"({"tracking_numbers":["1Z002"]})");
  CHECK(first->getValue<std::string>("message_id") != o.messages[1]->getValue<std::string>("message_id"));

  // Same document again: same ids (reprocessing is idempotent downstream).
  auto again = test::translate_text(rt, json, options);
  CHECK(again.lines == o.lines);

  // Without a partner JSON cannot be routed.
  options.partner = nullptr;
  auto unrouted = test::translate_text(rt, json, options);
  CHECK(unrouted.messages.empty());
  REQUIRE(unrouted.issues.size() == 1);
  CHECK(unrouted.issues[0].code == "translate.partner.required");
}
