// Losses the X12 base maps used to have, each closed and checked on its own: every status AT7
// of a 214 LX is an event, LX-level L11 references survive, 850 ITD02/ITD08 and FOB have
// canonical fields, and 855 line changes are carried both ways; an 832's DTM 097 is the catalog's
// date, an 852 LIN's CTP its prices, an 830 SHP 02 the line's cumulative quantity, and a 204
// stop without AT8 keeps the weight and pieces of its S5.
#include "x12_maps_support.hpp"

#include "mapping/edi_messages.hpp"
#include "schema/registry.hpp"

#include <Poco/JSON/Parser.h>

using namespace edigate;
using namespace edigate::test;

namespace {

std::vector<mapping::TranslatedMessage> all_messages(const std::string& version, const std::string& set,
                                                     const std::string& fixture, std::size_t transaction) {
  auto map = base_map(version, set, "inbound");
  auto schema = x12_schema(version, set);
  EdiFixture edi(read_text(fixture_path(fixture)), kFixtureX12);
  REQUIRE(transaction < edi.size());
  mapping::TranslateContext ctx;
  ctx.file = fixture;
  auto r = mapping::translate_messages(*map, *schema, edi.transaction(transaction), kFixtureX12, ctx);
  if (!r) FAIL(r.error().to_string());
  for (const auto& m : r.value())
    if (m.error) FAIL(m.error->to_string());
  return r.value();
}

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& pointer) {
  Poco::Dynamic::Var v = o;
  std::size_t start = 0;
  while (start < pointer.size()) {
    std::size_t slash = pointer.find('/', start);
    if (slash == std::string::npos) slash = pointer.size();
    std::string key = pointer.substr(start, slash - start);
    if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
      auto a = v.extract<Poco::JSON::Array::Ptr>();
      std::size_t i = std::stoul(key);
      if (i >= a->size()) return "<absent>";
      v = a->get(static_cast<unsigned>(i));
    } else {
      auto obj = v.extract<Poco::JSON::Object::Ptr>();
      if (!obj->has(key)) return "<absent>";
      v = obj->get(key);
    }
    start = slash + 1;
  }
  return v.toString();
}

/// `body` rendered with the base outbound map of `set`, as X12 text.
std::string render_x12(const std::string& version, const std::string& set, const Poco::JSON::Object::Ptr& body) {
  auto out = base_map(version, set, "outbound");
  mapping::TranslateContext ctx;
  ctx.control_number = "0042";
  auto rendered = mapping::render(*out, body, ctx);
  if (!rendered) FAIL(rendered.error().to_string());
  return to_edi(rendered.value());
}

}  // namespace

TEST_CASE("a 214 LX with several status AT7s gives one event per status, with that LX's references",
          "[mapping][x12][base][214]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    const std::string fixture = version == "004010" ? "bluefreight_214.edi" : "bluefreight_214_5010.edi";
    const std::size_t set = version == "004010" ? 6 : 3;  // the set whose LX holds X1 and D1
    auto events = all_messages(version, "214", fixture, set);
    REQUIRE(events.size() == 2);
    CHECK(text_of(events[0].body, "original_code") == "X1");
    CHECK(text_of(events[0].body, "timestamp") == "2026-03-19T08:40:00-07:00");
    CHECK(text_of(events[1].body, "original_code") == "D1");
    CHECK(text_of(events[1].body, "status") == "delivered");
    CHECK(text_of(events[1].body, "timestamp") == "2026-03-19T09:25:00-07:00");
    for (const auto& e : events) {
      // both statuses share the LX: its BM, PO, weight and other references
      CHECK(text_of(e.body, "bol") == "BOL0312003");
      CHECK(text_of(e.body, "po_number") == "PO7788122");
      CHECK(e.correlation.po_number == "PO7788122");
      CHECK(text_of(e.body, "weights/0/value") == "40");
      const std::string refs = version == "004010" ? "status_references" : "references";
      CHECK(text_of(e.body, refs + "/0/qualifier") == "AO");
      CHECK(text_of(e.body, refs + "/0/value") == "APPT7781");
    }
    // each status has its own message id position: the match index, in document order
    CHECK(events[0].position + 1 == events[1].position);
  }
}

TEST_CASE("004010 214 keeps LX-level L11s other than BM and PO as status_references and writes them back",
          "[mapping][x12][base][214]") {
  auto events = all_messages("004010", "214", "bluefreight_214.edi", 6);
  REQUIRE(events.size() == 2);
  const auto& e = events[1].body;
  CHECK(text_of(e, "status_references/1/qualifier") == "DO");
  CHECK(text_of(e, "status_references/1/description") == "DOOR 4");
  CHECK(text_of(e, "status_references/2") == "<absent>");  // BM and PO fill bol and po_number
  const std::string edi = render_x12("004010", "214", e);
  CHECK(edi.find("L11*APPT7781*AO") != std::string::npos);
  CHECK(edi.find("L11*DEL-42*DO*DOOR 4") != std::string::npos);
}

TEST_CASE("850 ITD02, ITD08 and FOB have canonical fields and are written back", "[mapping][x12][base][850]") {
  auto po = all_messages("004010", "850", "bigbox_850.edi", 1);
  REQUIRE(po.size() == 1);
  const auto& b = po[0].body;
  CHECK(text_of(b, "terms/basis_date_code") == "3");
  CHECK(text_of(b, "terms/discount_amount") == "6.19");
  CHECK(text_of(b, "fob/payment_method_code") == "PP");
  CHECK(text_of(b, "fob/location_qualifier") == "DE");
  CHECK(text_of(b, "fob/location") == "BIGBOX STORE 112");
  CHECK(text_of(b, "fob/terms_qualifier") == "01");
  CHECK(text_of(b, "fob/terms_code") == "DAP");
  const std::string edi = render_x12("004010", "850", b);
  CHECK(edi.find("FOB*PP*DE*BIGBOX STORE 112*01*DAP") != std::string::npos);
  CHECK(edi.find("ITD*08*3*2**10**30*619") != std::string::npos);
}

TEST_CASE("855 line changes are carried: ACK codes name what changed, and an ERP change becomes its code",
          "[mapping][x12][base][855]") {
  auto ack = all_messages("004010", "855", "demo_855.edi", 0);
  REQUIRE(ack.size() == 1);
  CHECK(text_of(ack[0].body, "lines/1/changes/0") == "quantity");  // ACK IQ
  CHECK(text_of(ack[0].body, "lines/0/changes") == "<absent>");    // IA: accepted as ordered

  // From the ERP: a price change with no X12 code as received gives ACK01 IP, which reads back.
  Poco::JSON::Parser parser;
  auto body =
      parser
          .parse(R"({"ack_type":"accepted_with_changes","po_number":"PO1","po_date":"2026-03-10",)"
                 R"("lines":[{"line_number":"1","items":{"buyer_part":"884512"},"status":"accepted_with_changes",)"
                 R"("changes":["price"],"ordered_quantity":"48","quantity":"48","uom":"EA","unit_price":"3.10"}]})")
          .extract<Poco::JSON::Object::Ptr>();
  const std::string edi = render_x12("004010", "855", body);
  INFO(edi);
  CHECK(edi.find("ACK*IP*48*EA") != std::string::npos);
  EdiFixture back(edi, kFixtureX12);
  auto in = base_map("004010", "855", "inbound");
  auto schema = x12_schema("004010", "855");
  mapping::TranslateContext rctx;
  auto r = mapping::translate(*in, *schema, back.transaction(0), kFixtureX12, rctx);
  if (!r) FAIL(r.error().to_string());
  CHECK(text_of(r.value(), "lines/0/changes/0") == "price");
  CHECK(text_of(r.value(), "lines/0/status") == "accepted_with_changes");
}

TEST_CASE("an 832's CUR currency is the price catalog's currency and is written back", "[mapping][x12][base][832]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto catalog = all_messages(version, "832", "demo_832.edi", 0);
    REQUIRE(catalog.size() == 1);
    const auto& b = catalog[0].body;
    CHECK(text_of(b, "currency") == "USD");
    const std::string edi = render_x12(version, "832", b);
    // Heading CUR: after DTM, before the N1 loop (the 832's table order).
    REQUIRE(edi.find("CUR*SE*USD~") != std::string::npos);
    CHECK(edi.find("DTM*007*20260401~") < edi.find("CUR*SE*USD~"));
    CHECK(edi.find("CUR*SE*USD~") < edi.find("N1*SU"));
    Poco::JSON::Object::Ptr no_currency = new Poco::JSON::Object(*b);
    no_currency->remove("currency");
    CHECK(render_x12(version, "832", no_currency).find("CUR*") == std::string::npos);  // no empty CUR*SE
  }
}

TEST_CASE("an 846 quantity's date keeps its DTM qualifier: an 018 available date is not written back as 007",
          "[mapping][x12][base][846]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto report = all_messages(version, "846", "demo_846.edi", 0);
    REQUIRE(report.size() == 1);
    const auto& b = report[0].body;
    CHECK(text_of(b, "lines/1/quantities/1/qualifier") == "02");
    CHECK(text_of(b, "lines/1/quantities/1/date") == "2026-03-22");
    CHECK(text_of(b, "lines/1/quantities/1/date_qualifier") == "018");
    const std::string edi = render_x12(version, "846", b);
    CHECK(edi.find("QTY*02*96*CA~\nDTM*018*20260322~") != std::string::npos);
    CHECK(edi.find("DTM*007") == std::string::npos);
  }
}

TEST_CASE("a 944 W13 exception keeps its damage reason (W1305) and writes it back", "[mapping][x12][base][944]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto receipt = all_messages(version, "944", version == "004010" ? "demo3pl_944.edi" : "demo3pl_944_5010.edi", 0);
    REQUIRE(receipt.size() == 1);
    const auto& b = receipt[0].body;
    CHECK(text_of(b, "lines/1/quantities/0/qualifier") == "01");
    CHECK(text_of(b, "lines/1/quantities/0/damage_reason_code") == "DD");
    CHECK(render_x12(version, "944", b).find("W13*2*CA*01**DD~") != std::string::npos);
  }
}

TEST_CASE("an 861's PRF04 order date is the receipt's po_date and is written back", "[mapping][x12][base][861]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto receipt = all_messages(version, "861", "bigbox_861.edi", 0);
    REQUIRE(receipt.size() == 1);
    const auto& b = receipt[0].body;
    CHECK(text_of(b, "po_date") == "2026-03-01");
    CHECK(render_x12(version, "861", b).find("PRF*PO7788120***20260301~") != std::string::npos);
  }
}

TEST_CASE("a 210's delivery date is written back with its B310 qualifier 035 (delivered)",
          "[mapping][x12][base][210]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto invoice =
        all_messages(version, "210", version == "004010" ? "bluefreight_210.edi" : "bluefreight_210_5010.edi", 0);
    REQUIRE(invoice.size() == 1);
    const auto& b = invoice[0].body;
    CHECK(text_of(b, "delivery_date") == "2026-03-19");
    CHECK(render_x12(version, "210", b).find("*20260319*035*BLFR~") != std::string::npos);
    Poco::JSON::Object::Ptr undated = new Poco::JSON::Object(*b);
    undated->remove("delivery_date");
    CHECK(render_x12(version, "210", undated).find("*035*") == std::string::npos);  // no qualifier without its date
  }
}

TEST_CASE("an 832's DTM 097 (transaction creation) is the catalog_date and is written back before DTM 007",
          "[mapping][x12][base][832]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto catalog = all_messages(version, "832", "demo_832.edi", 0);
    REQUIRE(catalog.size() == 1);
    const auto& b = catalog[0].body;
    CHECK(text_of(b, "catalog_date") == "2026-03-15");
    CHECK(text_of(b, "effective_date") == "2026-04-01");
    const std::string edi = render_x12(version, "832", b);
    INFO(edi);
    CHECK(edi.find("DTM*097*20260315~\nDTM*007*20260401~") != std::string::npos);
  }
}

TEST_CASE("an 852 LIN's CTP is the line's prices and is written back before its ZA loops",
          "[mapping][x12][base][852]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto report = all_messages(version, "852", "bigbox_852.edi", 0);
    REQUIRE(report.size() == 1);
    const auto& b = report[0].body;
    CHECK(text_of(b, "lines/0/prices/0/price_type_code") == "RES");
    CHECK(text_of(b, "lines/0/prices/0/unit_price") == "3.49");
    CHECK(text_of(b, "lines/1/prices") == "<absent>");
    const std::string edi = render_x12(version, "852", b);
    INFO(edi);
    CHECK(edi.find("LIN**VP*WID-100*UP*012345678905~\nCTP**RES*3.49~\nZA*QS*312*EA~") != std::string::npos);
  }
}

TEST_CASE("an 830 SHP 02 (cumulative) is the line's cumulative_quantity with its period and is written back",
          "[mapping][x12][base][830]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto schedule = all_messages(version, "830", "bigbox_830.edi", 0);
    REQUIRE(schedule.size() == 1);
    const auto& b = schedule[0].body;
    CHECK(text_of(b, "lines/0/cumulative_quantity/quantity") == "3650");
    CHECK(text_of(b, "lines/0/cumulative_quantity/start_date") == "2026-01-01");
    CHECK(text_of(b, "lines/0/cumulative_quantity/end_date") == "2026-02-28");
    CHECK(text_of(b, "lines/1/cumulative_quantity") == "<absent>");
    const std::string edi = render_x12(version, "830", b);
    INFO(edi);
    CHECK(edi.find("FST*2000*D*M*20260401*20260430~\nSHP*02*3650*051*20260101**20260228~\nLIN*") != std::string::npos);
    CHECK(edi.find("SHP*", edi.find("SHP*") + 1) == std::string::npos);  // line 2 has none
  }
}

TEST_CASE(
    "a 204 stop without AT8 keeps the weight and pieces of its S5 (S503-S505), and one with AT8 reads only the AT8",
    "[mapping][x12][base][204]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto tender = all_messages(version, "204", "demo_204.edi", 0);
    REQUIRE(tender.size() == 1);
    const auto& b = tender[0].body;
    // stop 1: AT8*G*L*1200*40 (its S5 says the same: the AT8 is read, not both)
    CHECK(text_of(b, "stops/0/weights/0/kind") == "gross");
    CHECK(text_of(b, "stops/0/weights/1") == "<absent>");
    CHECK(text_of(b, "stops/0/pieces") == "40");
    // stop 2: S5*2*UL*1200*L*40*CT and no AT8
    CHECK(text_of(b, "stops/1/weights/0/value") == "1200");
    CHECK(text_of(b, "stops/1/weights/0/unit") == "lb");
    CHECK(text_of(b, "stops/1/weights/0/kind") == "<absent>");
    CHECK(text_of(b, "stops/1/pieces") == "40");
    const std::string edi = render_x12(version, "204", b);
    INFO(edi);
    // A weight without kind goes back on the S5 (an AT8 needs AT801 with AT802-03), the
    // pieces on the AT8 (S505 needs S506, a unit the canonical pieces do not carry).
    CHECK(edi.find("S5*1*LD~") != std::string::npos);
    CHECK(edi.find("AT8*G*L*1200*40~") != std::string::npos);
    const auto stop2 = edi.find("S5*2*UL*1200*L~");
    REQUIRE(stop2 != std::string::npos);
    CHECK(edi.find("AT8****40~", stop2) != std::string::npos);
    // The rendered set is valid (AT8 P010203) and reads back to the same stops.
    auto schema = x12_schema(version, "204");
    EdiFixture back(edi, kFixtureX12);
    std::vector<Error> errors;
    schema::validate(*schema, back.transaction(0), kFixtureX12, "rendered.edi", errors);
    for (const auto& e : errors) FAIL_CHECK(e.to_string());
    auto in = base_map(version, "204", "inbound");
    mapping::TranslateContext rctx;
    auto r = mapping::translate(*in, *schema, back.transaction(0), kFixtureX12, rctx);
    if (!r) FAIL(r.error().to_string());
    CHECK(text_of(r.value(), "stops") == text_of(b, "stops"));
  }
}

TEST_CASE("each-else is refused with groups= and where it names a segment the set does not have",
          "[mapping][x12][base][204]") {
  // with the load-time checks against the installed 204 schema, as translate and render load maps
  static schema::Registry installed({std::filesystem::path(EDIGATE_BUILD_DIR) / "share/edigate/schemas"});
  mapping::MapChecks checks;
  checks.standards = &installed;
  auto load = [&](const std::string& attrs) {
    return mapping::load_map_from_memory(
        "<map id=\"t\" direction=\"inbound\" standard=\"X12\" version=\"004010\" set=\"204\" type=\"load_tender\">\n"
        "  <field name=\"shipment_id\" path=\"B204\"/>\n"
        "  <array name=\"stops\" each=\"S5\">\n"
        "    <field name=\"sequence\" path=\"S501\" convert=\"integer\"/>\n"
        "    <array name=\"weights\" each=\"AT8[AT803]\" " +
            attrs +
            ">\n      <field name=\"value\" coalesce=\"true\"><part path=\"AT803\"/><part path=\"S503\"/></field>\n"
            "    </array>\n  </array>\n</map>",
        "t.xml", src("maps"), checks);
  };
  REQUIRE(load("each-else=\"S5[S503]\"").ok());
  auto grouped = load("each-else=\"S5[S503]\" groups=\"2\" stride=\"3\"");
  REQUIRE_FALSE(grouped.ok());
  CHECK(grouped.error().code == "mapping.array.each_else");
  auto unknown = load("each-else=\"PO1[PO102]\"");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "mapping.source.segment");
}
