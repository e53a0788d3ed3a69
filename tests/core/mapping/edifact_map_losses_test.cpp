// Losses the EDIFACT base maps had, each closed and checked on its own: a PRICAT's currency
// (heading SG6 CUX) was dropped, so a catalog read in and sent on lost which currency its prices
// were in; a RECADV's order date (DTM 171 in the RFF ON group) was dropped; a PIA 4347 5
// (product identification) went out as 1 (additional identification); the document date (DTM
// 137) of a PRICAT and an SLSRPT, an SLSRPT line's PRI and a D01B SLSRPT's RFF were dropped.
#include "edifact_support.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

Poco::JSON::Object::Ptr translate_text(const std::string& version, const std::string& set, const std::string& text,
                                       const std::string& file = "rendered.edi") {
  auto map = base_map("edifact/" + version + "/" + set + ".inbound.xml");
  Poco::JSON::Object::Ptr body;
  std::size_t n = for_each_message(text, file, [&](const MessageView& m) {
    auto schema = schema::load_schema(src("plugins/edifact/schemas/" + m.version + "/" + set + ".xml"));
    REQUIRE(schema.ok());
    mapping::TranslateContext ctx;
    ctx.file = file;
    auto r = mapping::translate(*map, *schema.value(), m.segments, *m.delimiters, ctx);
    if (!r) FAIL(r.error().to_string());
    body = r.value();
  });
  REQUIRE(n == 1);
  return body;
}

Poco::JSON::Object::Ptr translate_fixture(const std::string& version, const std::string& set) {
  const std::string file = "tests/core/mapping/fixtures/edifact/" + version + "/" + set + ".edi";
  return translate_text(version, set, read_text(src(file)), file);
}

// Renders `body` with the base outbound map and returns the EDIFACT text, after checking it
// against the message's schema (a rendered message must read back in its own directory).
std::string render_checked(const std::string& version, const std::string& set, const Poco::JSON::Object::Ptr& body) {
  auto out = base_map("edifact/" + version + "/" + set + ".outbound.xml");
  mapping::TranslateContext ctx;
  ctx.control_number = "RT1";
  auto rendered = mapping::render(*out, body, ctx);
  if (!rendered) FAIL(rendered.error().to_string());
  const std::string edi = write_message(rendered.value());
  for_each_message(edi, "rendered.edi", [&](const MessageView& m) {
    for (const auto& e : schema_errors(m, "rendered.edi")) FAIL_CHECK(e.to_string());
  });
  return edi;
}

Poco::JSON::Object::Ptr first_line(const Poco::JSON::Object::Ptr& body) {
  auto lines = body->getArray("lines");
  REQUIRE(lines);
  REQUIRE(lines->size() > 0);
  return lines->getObject(0);
}

}  // namespace

TEST_CASE("a PIA 4347 5 (product identification) is the item's primary_id and is written back as 5, not 1",
          "[mapping][edifact][maps][pia]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto body = translate_fixture(version, "PRICAT");  // PIA+5+AJ-1L-12:SA
    REQUIRE(body);
    auto items = first_line(body)->getObject("items");
    CHECK(items->getValue<std::string>("vendor_part") == "AJ-1L-12");
    CHECK(items->getValue<std::string>("primary_id") == "vendor_part");
    const std::string edi = render_checked(version, "PRICAT", body);
    INFO(edi);
    CHECK(edi.find("PIA+5+AJ-1L-12:SA'") != std::string::npos);
    CHECK(edi.find("PIA+1+AJ-1L-12:SA'") == std::string::npos);

    // An ORDERS whose PIAs are all 1 (additional) has no primary_id and keeps 1 on every PIA;
    // the same id made primary goes out as 5 on its own PIA only.
    auto order = translate_fixture(version, "ORDERS");  // line 2: PIA+1+OJ-1L-P:SA, PIA+1+77120:IN
    REQUIRE(order);
    auto order_items = order->getArray("lines")->getObject(1)->getObject("items");
    CHECK_FALSE(order_items->has("primary_id"));
    std::string po = render_checked(version, "ORDERS", order);
    CHECK(po.find("PIA+1+77120:IN'") != std::string::npos);
    CHECK(po.find("PIA+1+OJ-1L-P:SA'") != std::string::npos);
    CHECK(po.find("PIA+5") == std::string::npos);
    order_items->set("primary_id", "buyer_part");
    po = render_checked(version, "ORDERS", order);
    INFO(po);
    CHECK(po.find("PIA+5+77120:IN'") != std::string::npos);
    CHECK(po.find("PIA+1+OJ-1L-P:SA'") != std::string::npos);
    CHECK(po.find("PIA+1+AJ-1L-12:SA'") != std::string::npos);  // line 1 unchanged
  }
}

TEST_CASE("the document date (DTM 137) of a PRICAT and an SLSRPT is carried and written back",
          "[mapping][edifact][maps][pricat][slsrpt]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto catalog = translate_fixture(version, "PRICAT");
    REQUIRE(catalog);
    CHECK(catalog->getValue<std::string>("catalog_date") == "2026-05-20");
    CHECK(catalog->getValue<std::string>("effective_date") == "2026-07-01");  // DTM 157, unchanged
    std::string edi = render_checked(version, "PRICAT", catalog);
    INFO(edi);
    CHECK(edi.find("BGM+") < edi.find("DTM+137:20260520:102'"));
    CHECK(edi.find("DTM+137:20260520:102'") < edi.find("DTM+157:20260701:102'"));

    auto report = translate_fixture(version, "SLSRPT");
    REQUIRE(report);
    CHECK(report->getValue<std::string>("report_date") == "2026-06-08");
    CHECK(report->getValue<std::string>("period_start") == "2026-06-01");  // DTM 90, not 137
    edi = render_checked(version, "SLSRPT", report);
    INFO(edi);
    CHECK(edi.find("DTM+137:20260608:102'") < edi.find("DTM+90:20260601:102'"));
  }
}

TEST_CASE("an SLSRPT line's PRI and the report's RFF CT are carried and written back where the directory puts them",
          "[mapping][edifact][maps][slsrpt]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto body = translate_fixture(version, "SLSRPT");
    REQUIRE(body);
    auto prices = first_line(body)->getArray("prices");
    REQUIRE(prices);
    REQUIRE(prices->size() == 1);
    CHECK(prices->getObject(0)->getValue<std::string>("price_type_code") == "AAA");
    CHECK(prices->getObject(0)->getValue<std::string>("unit_price") == "2.99");
    CHECK_FALSE(body->getArray("lines")->getObject(1)->has("prices"));  // LIN 2 has no PRI
    auto refs = body->getArray("references");
    REQUIRE(refs);
    REQUIRE(refs->size() == 1);
    CHECK(refs->getObject(0)->getValue<std::string>("qualifier") == "CT");
    CHECK(refs->getObject(0)->getValue<std::string>("value") == "FRAME-2026-07");

    const std::string edi = render_checked(version, "SLSRPT", body);
    INFO(edi);
    const auto lin = edi.find("LIN+1++8712345678906");
    REQUIRE(lin != std::string::npos);
    CHECK(edi.find("PRI+AAA:2.99'", lin) < edi.find("QTY+153:118:PCE'", lin));
    const auto rff = edi.find("RFF+CT:FRAME-2026-07'");
    REQUIRE(rff != std::string::npos);
    // D01B: SG1 before the parties (after a NAD it would be that party's SG4 reference);
    // D96A: SG3 after them.
    if (version == "D01B")
      CHECK(rff < edi.find("NAD+"));
    else
      CHECK(rff > edi.find("NAD+"));
    auto again = translate_text(version, "SLSRPT", edi);
    CHECK(json_line(again) == json_line(body));
  }
}

TEST_CASE("a PRICAT's CUX currency is the price catalog's currency and is written back",
          "[mapping][edifact][maps][pricat]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto body = translate_fixture(version, "PRICAT");
    REQUIRE(body);
    CHECK(body->getValue<std::string>("currency") == "EUR");
    const std::string edi = render_checked(version, "PRICAT", body);
    INFO(edi);
    CHECK(edi.find("CUX+2:EUR:8'") != std::string::npos);
    // SG6 comes after the parties (SG2) and before the product groups.
    CHECK(edi.find("NAD+") < edi.find("CUX+"));
    CHECK(edi.find("CUX+") < edi.find("PGI+"));
  }
}

TEST_CASE("a RECADV's order date (DTM 171 of the RFF ON group) is the receipt's po_date and is written back",
          "[mapping][edifact][maps][recadv]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto body = translate_fixture(version, "RECADV");
    REQUIRE(body);
    const std::string date = version == "D96A" ? "2026-05-22" : "2026-05-28";
    CHECK(body->getValue<std::string>("po_date") == date);
    const std::string edi = render_checked(version, "RECADV", body);
    INFO(edi);
    const std::string rff = "RFF+ON:" + body->getValue<std::string>("po_number") + "'";
    const std::string dtm = "DTM+171:" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + ":102'";
    REQUIRE(edi.find(rff) != std::string::npos);
    CHECK(edi.find(rff) + rff.size() == edi.find(dtm));  // in the RFF ON group, right after it
  }
}

TEST_CASE("a DELFOR QTY 3 (cumulative quantity) is the line's cumulative_quantity and is written back in its own group",
          "[mapping][edifact][maps][delfor]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    auto body = translate_fixture(version, "DELFOR");
    REQUIRE(body);
    auto line = first_line(body);
    auto cumulative = line->getObject("cumulative_quantity");
    REQUIRE(cumulative);
    CHECK(cumulative->getValue<std::string>("quantity") == (version == "D96A" ? "4800" : "5200"));
    CHECK(cumulative->getValue<std::string>("uom") == "PCE");
    for (const auto& s : *line->getArray("schedule"))  // not a schedule entry as well
      CHECK(s.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("quantity") !=
            cumulative->getValue<std::string>("quantity"));
    CHECK_FALSE(body->getArray("lines")->getObject(1)->has("cumulative_quantity"));

    // with a period, which the fixtures do not send: DTM 51/52 in the QTY 3 group
    cumulative->set("start_date", "2026-01-01");
    cumulative->set("end_date", "2026-05-31");
    const std::string edi = render_checked(version, "DELFOR", body);
    INFO(edi);
    const std::string group =
        "QTY+3:" + cumulative->getValue<std::string>("quantity") + ":PCE'DTM+51:20260101:102'DTM+52:20260531:102'";
    const auto at = edi.find(group);
    REQUIRE(at != std::string::npos);
    const auto lin2 = edi.find("LIN+2");
    CHECK(at < lin2);
    if (version == "D01B")
      CHECK(at < edi.find("SCC+"));  // SG15 comes before the SCC groups
    else
      CHECK(at > edi.rfind("QTY+113", lin2));  // after the schedule's QTY groups
    auto again = translate_text(version, "DELFOR", edi);
    CHECK(json_line(again) == json_line(body));
  }
}

TEST_CASE("an INVRPT quantity's DTM qualifier is kept in edifact_date_qualifier, never in the X12 date_qualifier",
          "[mapping][edifact][maps][invrpt]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    const std::string file = "tests/core/mapping/fixtures/edifact/" + version + "/INVRPT.edi";
    std::string text = read_text(src(file));
    const std::string dated = version == "D96A" ? "DTM+7:20260601:102'" : "DTM+7:20260608:102'";
    const auto at = text.find(dated);
    REQUIRE(at != std::string::npos);
    // 194 (start date/time): a date that is not the effective date
    text.replace(at, dated.size(), "DTM+194:" + dated.substr(6));
    auto body = translate_text(version, "INVRPT", text, file);
    REQUIRE(body);
    auto quantity = version == "D96A" ? first_line(body)->getArray("quantities")->getObject(1)
                                      : first_line(body)->getArray("quantities")->getObject(0);
    CHECK(quantity->getValue<std::string>("edifact_date_qualifier") == "194");
    CHECK_FALSE(quantity->has("date_qualifier"));
    const std::string edi = render_checked(version, "INVRPT", body);
    INFO(edi);
    CHECK(edi.find("DTM+194:" + dated.substr(6)) != std::string::npos);
    CHECK(json_line(translate_text(version, "INVRPT", edi)) == json_line(body));

    // A report from an X12 846 has only the X12 code: the EDIFACT side writes its default, 7.
    quantity->remove("edifact_date_qualifier");
    quantity->set("date_qualifier", "018");
    const std::string from_x12 = render_checked(version, "INVRPT", body);
    CHECK(from_x12.find("DTM+7:" + dated.substr(6)) != std::string::npos);
    CHECK(from_x12.find("DTM+18:") == std::string::npos);
    CHECK(from_x12.find("DTM+018:") == std::string::npos);
  }
}
