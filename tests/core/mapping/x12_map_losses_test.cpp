// Losses the X12 base maps used to have, each closed and checked on its own: every status AT7
// of a 214 LX is an event, LX-level L11 references survive, 850 ITD02/ITD08 and FOB have
// canonical fields, and 855 line changes are carried both ways.
#include "x12_maps_support.hpp"

#include "mapping/edi_messages.hpp"

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
  auto out = base_map("004010", "214", "outbound");
  mapping::TranslateContext ctx;
  ctx.control_number = "0042";
  auto rendered = mapping::render(*out, e, ctx);
  if (!rendered) FAIL(rendered.error().to_string());
  const std::string edi = to_edi(rendered.value());
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
  auto out = base_map("004010", "850", "outbound");
  mapping::TranslateContext ctx;
  ctx.control_number = "0042";
  auto rendered = mapping::render(*out, b, ctx);
  if (!rendered) FAIL(rendered.error().to_string());
  const std::string edi = to_edi(rendered.value());
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
  auto out = base_map("004010", "855", "outbound");
  mapping::TranslateContext ctx;
  ctx.control_number = "0042";
  auto rendered = mapping::render(*out, body, ctx);
  if (!rendered) FAIL(rendered.error().to_string());
  const std::string edi = to_edi(rendered.value());
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
    auto out = base_map(version, "832", "outbound");
    mapping::TranslateContext ctx;
    ctx.control_number = "0042";
    auto rendered = mapping::render(*out, b, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    const std::string edi = to_edi(rendered.value());
    // Heading CUR: after DTM, before the N1 loop (the 832's table order).
    REQUIRE(edi.find("CUR*SE*USD~") != std::string::npos);
    CHECK(edi.find("DTM*007*20260401~") < edi.find("CUR*SE*USD~"));
    CHECK(edi.find("CUR*SE*USD~") < edi.find("N1*SU"));
    Poco::JSON::Object::Ptr no_currency = new Poco::JSON::Object(*b);
    no_currency->remove("currency");
    auto without = mapping::render(*out, no_currency, ctx);
    REQUIRE(without);
    CHECK(to_edi(without.value()).find("CUR*") == std::string::npos);  // no empty CUR*SE
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
    auto out = base_map(version, "846", "outbound");
    mapping::TranslateContext ctx;
    ctx.control_number = "0042";
    auto rendered = mapping::render(*out, b, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    const std::string edi = to_edi(rendered.value());
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
    auto out = base_map(version, "944", "outbound");
    mapping::TranslateContext ctx;
    ctx.control_number = "0042";
    auto rendered = mapping::render(*out, b, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    CHECK(to_edi(rendered.value()).find("W13*2*CA*01**DD~") != std::string::npos);
  }
}

TEST_CASE("an 861's PRF04 order date is the receipt's po_date and is written back", "[mapping][x12][base][861]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto receipt = all_messages(version, "861", "bigbox_861.edi", 0);
    REQUIRE(receipt.size() == 1);
    const auto& b = receipt[0].body;
    CHECK(text_of(b, "po_date") == "2026-03-01");
    auto out = base_map(version, "861", "outbound");
    mapping::TranslateContext ctx;
    ctx.control_number = "0042";
    auto rendered = mapping::render(*out, b, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    CHECK(to_edi(rendered.value()).find("PRF*PO7788120***20260301~") != std::string::npos);
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
    auto out = base_map(version, "210", "outbound");
    mapping::TranslateContext ctx;
    ctx.control_number = "0042";
    auto rendered = mapping::render(*out, b, ctx);
    if (!rendered) FAIL(rendered.error().to_string());
    CHECK(to_edi(rendered.value()).find("*20260319*035*BLFR~") != std::string::npos);
    Poco::JSON::Object::Ptr undated = new Poco::JSON::Object(*b);
    undated->remove("delivery_date");
    auto without = mapping::render(*out, undated, ctx);
    REQUIRE(without);
    CHECK(to_edi(without.value()).find("*035*") == std::string::npos);  // no qualifier without its date
  }
}
