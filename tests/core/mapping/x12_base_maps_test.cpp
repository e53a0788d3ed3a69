// The X12 base maps (maps/base/x12/{004010,005010}) on hand-written fixtures: each inbound
// map gives the hand-checked expected bodies (fixtures/x12/*.expected.jsonl, one line per
// message: one per transaction set, a 214 one per LX with a status), every message validates against docs/canonical,
// and every inbound/outbound pair round-trips: EDI -> A -> EDI (schema-valid) -> B with A == B.
#include "x12_maps_support.hpp"

#include "mapping/edi_messages.hpp"

#include <cstdlib>
#include <fstream>

using namespace edigate;
using namespace edigate::test;

namespace {

struct Case {
  const char* fixture;
  const char* set;
  const char* type;
  bool outbound;             // the set has an outbound base map to round-trip through
  const char* fixture_5010;  // a fixture in the 005010 layout where it differs; "" = the same
};

const Case kCases[] = {
    {"bigbox_850.edi", "850", "purchase_order", true, ""},
    {"demo_855.edi", "855", "purchase_order_ack", true, ""},
    {"bigbox_860.edi", "860", "purchase_order_change", true, ""},
    {"demo_865.edi", "865", "purchase_order_change_ack", true, ""},
    {"demo_846.edi", "846", "inventory_report", true, ""},
    {"bigbox_820.edi", "820", "remittance_advice", true, ""},
    {"bigbox_852.edi", "852", "sales_report", true, ""},
    {"bigbox_830.edi", "830", "planning_schedule", true, ""},
    {"bigbox_862.edi", "862", "shipping_schedule", true, ""},
    {"demo_832.edi", "832", "price_catalog", true, ""},
    {"bigbox_180.edi", "180", "return_authorization", true, ""},
    {"demo_204.edi", "204", "load_tender", true, ""},
    {"bluefreight_990.edi", "990", "load_tender_response", true, "bluefreight_990_5010.edi"},
    {"bluefreight_210.edi", "210", "freight_invoice", true, "bluefreight_210_5010.edi"},
    {"demo_856.edi", "856", "ship_notice", true, ""},
    {"demo_810.edi", "810", "invoice", true, ""},
    {"demo_940.edi", "940", "warehouse_order", true, ""},
    {"demo3pl_945.edi", "945", "warehouse_advice", true, ""},
    // 005010 puts an LX loop around the 944's W07 loops
    {"demo3pl_944.edi", "944", "receiving_advice", true, "demo3pl_944_5010.edi"},
    {"bigbox_861.edi", "861", "receiving_advice", true, ""},
    // 005010 moves the 214's L11 and AT8 into the LX loop
    {"bluefreight_214.edi", "214", "tracking_event", true, "bluefreight_214_5010.edi"},
    {"bigbox_997.edi", "997", "functional_ack", false, ""},
};

std::string fixture_of(const Case& c, const std::string& version) {
  return version == "005010" && *c.fixture_5010 ? c.fixture_5010 : c.fixture;
}

std::string expected_name(const std::string& fixture) {
  return fixture.substr(0, fixture.size() - 4) + ".expected.jsonl";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

struct Translation {
  Poco::JSON::Object::Ptr body;
  canonical::Correlation correlation;
};

Translation translate_one(const mapping::CompiledMap& map, const schema::CompiledSchema& schema,
                          std::span<const Segment> segments, const std::string& file) {
  mapping::TranslateContext ctx;
  ctx.file = file;
  auto r = mapping::translate(map, schema, segments, kFixtureX12, ctx);
  if (!r) FAIL(r.error().to_string());
  return {r.value(), ctx.correlation};
}

// Every message of one transaction set (a 214 gives one per LX with a status).
std::vector<Translation> translate_set(const mapping::CompiledMap& map, const schema::CompiledSchema& schema,
                                       std::span<const Segment> segments, const std::string& file) {
  mapping::TranslateContext ctx;
  ctx.file = file;
  auto r = mapping::translate_messages(map, schema, segments, kFixtureX12, ctx);
  if (!r) FAIL(r.error().to_string());
  std::vector<Translation> out;
  for (auto& m : r.value()) {
    if (m.error) FAIL(m.error->to_string());
    out.push_back({m.body, m.correlation});
  }
  return out;
}

// EDI -> A -> EDI -> B for one transaction; checks the rendered EDI against the schema.
void round_trip(const std::string& version, const Case& c, const Poco::JSON::Object::Ptr& a) {
  auto out_map = base_map(version, c.set, "outbound");
  auto in_map = base_map(version, c.set, "inbound");
  auto schema = x12_schema(version, c.set);
  mapping::TranslateContext rctx;
  rctx.control_number = "0042";
  auto rendered = mapping::render(*out_map, a, rctx);
  if (!rendered) FAIL(rendered.error().to_string());
  std::string text = to_edi(rendered.value());
  INFO("rendered:\n" << text);
  EdiFixture edi(text, kFixtureX12);
  REQUIRE(edi.size() == 1);
  std::vector<Error> errors;
  schema::validate(*schema, edi.transaction(0), kFixtureX12, "rendered.edi", errors);
  for (const auto& e : errors) CHECK(e.to_string() == "");  // shows every error
  CHECK(errors.empty());
  auto b = translate_one(*in_map, *schema, edi.transaction(0), "rendered.edi");
  CHECK(json_line(b.body) == json_line(a));
}

}  // namespace

TEST_CASE("X12 inbound base maps give the hand-checked bodies, valid canonical messages and round trips",
          "[mapping][x12][base]") {
  for (const std::string version : {"004010", "005010"}) {
    std::vector<Poco::JSON::Object::Ptr> messages;
    for (const Case& c : kCases) {
      const std::string fixture = fixture_of(c, version);
      INFO(version << " " << fixture);
      auto map = base_map(version, c.set, "inbound");
      auto schema = x12_schema(version, c.set);
      EdiFixture edi(read_text(fixture_path(fixture)), kFixtureX12);
      // One expected line per message, in order (a transaction set may give several).
      auto expected = lines_of(read_text(fixture_path(expected_name(fixture))));
      // EDIGATE_WRITE_EXPECTED=1 rewrites the expected files (a 005010 run only where it has a
      // fixture of its own; otherwise it must match 004010's): review the diff before
      // committing, these are hand-checked goldens.
      std::string written;
      const bool write = std::getenv("EDIGATE_WRITE_EXPECTED") && (version == "004010" || *c.fixture_5010);
      std::size_t n = 0;
      for (std::size_t i = 0; i < edi.size(); ++i) {
        INFO("transaction " << i + 1);
        // The fixture must itself be valid X12, or the expectations would prove little.
        std::vector<Error> errors;
        schema::validate(*schema, edi.transaction(i), kFixtureX12, fixture, errors);
        for (const auto& e : errors) CHECK(e.to_string() == "");
        for (const auto& a : translate_set(*map, *schema, edi.transaction(i), fixture)) {
          INFO("message " << n + 1);
          if (write) written += json_line(a.body) + "\n";
          if (write && n >= expected.size()) expected.push_back(json_line(a.body));
          if (write) expected[n] = json_line(a.body);
          REQUIRE(n < expected.size());
          CHECK(json_line(a.body) == expected[n++]);
          messages.push_back(with_envelope(c.type, c.set, version, std::string(edi.transaction(i)[0].element(2)),
                                           a.body, a.correlation));
          if (c.outbound) round_trip(version, c, a.body);
        }
      }
      if (write) {
        std::ofstream(fixture_path(expected_name(fixture))) << written;
        expected.resize(n);
      }
      CHECK(n == expected.size());
    }
    for (const auto& line : validate_messages(messages))
      if (line.rfind("valid ", 0) != 0) CHECK(line == "valid");  // shows why
  }
}

TEST_CASE("004030 214 maps read and write the 005010 layout that 004030 already has", "[mapping][x12][base]") {
  // The 005010 fixture's body is a 004030 214 too (no heading parties; L11, AT8 in the LX):
  // the same events, and each round-trips through a 004030 rendering its schema accepts.
  const Case c{"bluefreight_214_5010.edi", "214", "tracking_event", true, ""};
  auto map = base_map("004030", "214", "inbound");
  CHECK(map->version == "004030");
  auto schema = x12_schema("004030", "214");
  EdiFixture edi(read_text(fixture_path(c.fixture)), kFixtureX12);
  auto expected = lines_of(read_text(fixture_path(expected_name(c.fixture))));
  std::size_t n = 0;
  for (std::size_t i = 0; i < edi.size(); ++i) {
    INFO("transaction " << i + 1);
    std::vector<Error> errors;
    schema::validate(*schema, edi.transaction(i), kFixtureX12, c.fixture, errors);
    for (const auto& e : errors) CHECK(e.to_string() == "");
    for (const auto& a : translate_set(*map, *schema, edi.transaction(i), c.fixture)) {
      REQUIRE(n < expected.size());
      CHECK(json_line(a.body) == expected[n++]);
      round_trip("004030", c, a.body);
    }
  }
  CHECK(n == expected.size());
}

TEST_CASE("X12 base maps fill the correlation keys", "[mapping][x12][base]") {
  auto map = base_map("004010", "856", "inbound");
  auto schema = x12_schema("004010", "856");
  EdiFixture edi(read_text(fixture_path("demo_856.edi")), kFixtureX12);
  auto t = translate_one(*map, *schema, edi.transaction(0), "demo_856.edi");
  CHECK(t.correlation.po_number == "PO7788120");
  CHECK(t.correlation.shipment_id == "ASN20260312A");
  CHECK(t.correlation.bol == "BOL0312001");
  CHECK(t.correlation.tracking_numbers == std::vector<std::string>{"1Z999AA10123456784"});
}

TEST_CASE("944 and 861 receipts correlate with their order and the shipment received, as RECADV does",
          "[mapping][x12][base]") {
  for (const std::string version : {"004010", "005010"}) {
    INFO(version);
    auto m944 = base_map(version, "944", "inbound");
    auto s944 = x12_schema(version, "944");
    const std::string f944 = version == "005010" ? "demo3pl_944_5010.edi" : "demo3pl_944.edi";
    EdiFixture e944(read_text(fixture_path(f944)), kFixtureX12);
    auto t = translate_one(*m944, *s944, e944.transaction(0), f944);
    CHECK(t.correlation.po_number == "PO7788120");   // N9 PO
    CHECK(t.correlation.shipment_id == "SHP-4471");  // W1705, the 943's shipment id
    auto m861 = base_map(version, "861", "inbound");
    auto s861 = x12_schema(version, "861");
    EdiFixture e861(read_text(fixture_path("bigbox_861.edi")), kFixtureX12);
    auto u = translate_one(*m861, *s861, e861.transaction(0), "bigbox_861.edi");
    CHECK(u.correlation.po_number == "PO7788120");       // PRF01
    CHECK(u.correlation.shipment_id == "ASN20260312A");  // REF MA: demo_856's BSN02
  }
}

TEST_CASE(
    "a PO change, its ack, a return and schedules correlate to the PO; a tender response and a freight invoice to the "
    "tender",
    "[mapping][x12][base]") {
  auto correlation_of = [](const std::string& set, const std::string& fixture) {
    auto map = base_map("004010", set, "inbound");
    auto schema = x12_schema("004010", set);
    EdiFixture edi(read_text(fixture_path(fixture)), kFixtureX12);
    return translate_one(*map, *schema, edi.transaction(0), fixture).correlation;
  };
  // the 850's PO, changed by the 860 and the change answered by the 865
  CHECK(correlation_of("860", "bigbox_860.edi").po_number == "PO7788120");
  CHECK(correlation_of("865", "demo_865.edi").po_number == "PO7788120");
  // a return and the schedules name their order too
  CHECK(correlation_of("180", "bigbox_180.edi").po_number == "PO7788120");
  CHECK(correlation_of("830", "bigbox_830.edi").po_number == "PO7788000");
  CHECK(correlation_of("862", "bigbox_862.edi").po_number == "PO7788000");
  // the 204's shipment id (B204), quoted back by the 990 (B102) and the 210 (B303)
  auto tender = correlation_of("204", "demo_204.edi");
  CHECK(tender.shipment_id == "SHP-88123");
  CHECK(tender.bol == "BOL0312004");
  CHECK(tender.po_number == "PO7788123");
  CHECK(correlation_of("990", "bluefreight_990.edi").shipment_id == tender.shipment_id);
  auto invoice = correlation_of("210", "bluefreight_210.edi");
  CHECK(invoice.shipment_id == tender.shipment_id);
  CHECK(invoice.bol == tender.bol);
  CHECK(invoice.po_number == tender.po_number);
}

TEST_CASE("214 shipment status codes map onto the canonical status and keep the original code",
          "[mapping][x12][base]") {
  auto map = base_map("004010", "214", "inbound");
  auto schema = x12_schema("004010", "214");
  EdiFixture edi(read_text(fixture_path("bluefreight_214.edi")), kFixtureX12);
  std::vector<std::string> got;
  for (std::size_t i = 0; i < edi.size(); ++i)
    for (const auto& t : translate_set(*map, *schema, edi.transaction(i), "bluefreight_214.edi"))
      got.push_back(t.body->getValue<std::string>("original_code") + "=" + t.body->getValue<std::string>("status"));
  // The sixth set: an appointment-only LX (no event), then AF and X6 in their own LX loops.
  // The seventh: one LX whose two status AT7s (arrived, then delivered) are two events.
  CHECK(got == std::vector<std::string>{"AF=picked_up", "X6=in_transit", "SD=exception", "D1=delivered", "XB=unknown",
                                        "AF=picked_up", "X6=in_transit", "X1=in_transit", "D1=delivered"});
}

TEST_CASE("005010 997 and 999 inbound maps read the 005010 additions", "[mapping][x12][base]") {
  std::vector<Poco::JSON::Object::Ptr> messages;
  {
    auto map = base_map("005010", "997", "inbound");
    auto schema = x12_schema("005010", "997");
    EdiFixture edi(read_text(fixture_path("bigbox_997_5010.edi")), kFixtureX12);
    auto t = translate_one(*map, *schema, edi.transaction(0), "bigbox_997_5010.edi");
    CHECK(json_line(t.body) == lines_of(read_text(fixture_path("bigbox_997_5010.expected.jsonl"))).at(0));
    messages.push_back(with_envelope("functional_ack", "997", "005010", "0001", t.body, t.correlation));
  }
  {
    auto map = base_map("005010", "999", "inbound");
    auto schema = x12_schema("005010", "999");
    Delimiters d{'*', ':', '^', 0, '.', "~", "\n", ""};
    EdiFixture edi(read_text(fixture_path("clearinghouse_999.edi")), d);
    std::vector<Error> errors;
    schema::validate(*schema, edi.transaction(0), d, "clearinghouse_999.edi", errors);
    for (const auto& e : errors) CHECK(e.to_string() == "");
    mapping::TranslateContext ctx;
    auto r = mapping::translate(*map, *schema, edi.transaction(0), d, ctx);
    if (!r) FAIL(r.error().to_string());
    CHECK(json_line(r.value()) == lines_of(read_text(fixture_path("clearinghouse_999.expected.jsonl"))).at(0));
    messages.push_back(with_envelope("functional_ack", "999", "005010", "0001", r.value(), ctx.correlation));
  }
  for (const auto& line : validate_messages(messages))
    if (line.rfind("valid ", 0) != 0) CHECK(line == "valid");  // shows why
}

TEST_CASE("every X12 base map loads, and 005010 maps inherit the 004010 ones", "[mapping][x12][base]") {
  namespace fs = std::filesystem;
  int loaded = 0;
  for (const std::string version : {"004010", "005010"}) {
    for (const auto& e : fs::directory_iterator(src("maps/base/x12/" + version))) {
      INFO(e.path());
      auto m = mapping::load_map(e.path(), src("maps"));
      if (!m) FAIL(m.error().to_string());
      CHECK(m.value()->version == version);
      CHECK(!m.value()->items.empty());
      ++loaded;
    }
  }
  CHECK(loaded == 43 + 44);  // 004010: 21 pairs + 997; 005010: the same + 999
}
