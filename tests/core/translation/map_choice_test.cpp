// Several inbound maps for one message type (docs/maps.md, "Several inbound maps for one
// message type"): a partner receiving ORDRSP both as order response and as change response
// declares both base maps, and each transaction goes to the map whose <selector> takes it.
#include "translation_fixture.hpp"

#include <iterator>

using namespace edigate;
using test::write_text;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(EDIGATE_SOURCE_DIR) / "tests" / "core" / "mapping" / "fixtures" / "edifact" / "D96A";
const std::string kOrderMap = "base/edifact/D96A/ORDRSP.inbound.xml";
const std::string kChangeMap = "base/edifact/D96A/ORDRSP.change.inbound.xml";

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string document(const std::string& map) {
  return "<document type=\"ORDRSP\" direction=\"inbound\" map=\"" + map + "\"/>";
}

// Dutch Juice (the fixtures' UNB sender) answering EuroFood's orders and order changes.
struct Supplier {
  test::TempDir dir{"map-choice"};
  std::unique_ptr<partners::PartnerRegistry> registry;
  explicit Supplier(const std::string& documents, const std::string& own_map = "") {
    write_text(dir.path / "dutchjuice" / "partner.xml",
               "<partner xmlns=\"urn:edigate:partner:1\" id=\"dutchjuice\" standard=\"edifact-d96a\" "
               "utc-offset=\"+01:00\">\n"
               "  <name>Dutch Juice</name>\n"
               "  <identities><edifact unb-id=\"8712345000004\" unb-qualifier=\"14\"/></identities>\n"
               "  <local><edifact unb-id=\"5412345000013\" unb-qualifier=\"14\"/></local>\n"
               "  <documents>" +
                   documents + "</documents>\n</partner>\n");
    if (!own_map.empty()) write_text(dir.path / "dutchjuice" / "maps" / "ORDRSP.xml", own_map);
    registry = std::make_unique<partners::PartnerRegistry>(dir.path);
    for (const auto& e : registry->snapshot()->errors) UNSCOPED_INFO(e.to_string());
    REQUIRE(registry->find("dutchjuice"));
  }
  test::Outcome translate(test::Runtime& rt, const std::string& fixture) const {
    translation::InboundOptions o;
    o.file = fixture;
    o.registry = registry->snapshot();
    return test::translate_text(rt, read_text(kFixtures / fixture), o);
  }
};

std::string type_of(const test::Outcome& o) {
  for (const auto& e : o.issues) UNSCOPED_INFO(e.to_string());
  REQUIRE(o.messages.size() == 1);
  return o.messages[0]->getValue<std::string>("type");
}

}  // namespace

TEST_CASE("a partner with both ORDRSP maps gets a change ack for a change response and a PO ack for an order response",
          "[translation][inbound][selector]") {
  test::Runtime rt;
  // The change map's selector takes ORDRSPs quoting RFF PP or with BGM 1225 19; the order map has
  // none and takes the rest, whichever of the two the profile declares first.
  for (const std::string& docs :
       {document(kOrderMap) + document(kChangeMap), document(kChangeMap) + document(kOrderMap)}) {
    INFO(docs);
    Supplier supplier(docs);
    auto change = supplier.translate(rt, "ORDRSP.change.edi");
    CHECK(type_of(change) == "purchase_order_change_ack");
    CHECK(change.messages[0]->getValue<std::string>("change_sequence") == "CHG-EF-2026-1187-1");
    auto order = supplier.translate(rt, "ORDRSP.edi");
    CHECK(type_of(order) == "purchase_order_ack");
    CHECK(order.issues.empty());
  }
}

TEST_CASE("an ORDRSP no declared map takes is translate.document.unselected at its UNH, naming each map's selector",
          "[translation][inbound][selector]") {
  test::Runtime rt;
  Supplier supplier(document(kChangeMap));
  CHECK(type_of(supplier.translate(rt, "ORDRSP.change.edi")) == "purchase_order_change_ack");
  auto order = supplier.translate(rt, "ORDRSP.edi");
  CHECK(order.messages.empty());
  REQUIRE(order.issues.size() == 1);
  const Error& e = order.issues[0];
  CHECK(e.code == "translate.document.unselected");
  CHECK(e.position.file == "ORDRSP.edi");
  CHECK(e.position.segment_tag == "UNH");
  CHECK(e.position.offset == read_text(kFixtures / "ORDRSP.edi").find("UNH+"));
  CHECK(e.message.find("ORDRSP.change.inbound.xml (when RFF[1.1=PP] or BGM[3=19])") != std::string::npos);
  CHECK(order.summary.errors == 1);
}

TEST_CASE("<unless> keeps a map from the transactions its paths match", "[translation][inbound][selector]") {
  test::Runtime rt;
  // A partner's order response map that refuses change responses itself, declared alone.
  const std::string own = R"(<map id="dutchjuice-ordrsp" extends="edifact-d96a-ordrsp-inbound"
     direction="inbound" standard="EDIFACT" version="D96A" set="ORDRSP" type="purchase_order_ack">
  <selector><unless path="RFF[1.1=PP]"/><unless path="BGM[3=19]"/></selector>
</map>
)";
  Supplier supplier(document("maps/ORDRSP.xml"), own);
  CHECK(type_of(supplier.translate(rt, "ORDRSP.edi")) == "purchase_order_ack");
  auto change = supplier.translate(rt, "ORDRSP.change.edi");
  CHECK(change.messages.empty());
  REQUIRE(change.issues.size() == 1);
  CHECK(change.issues[0].code == "translate.document.unselected");
  CHECK(change.issues[0].message.find("ORDRSP.xml (unless RFF[1.1=PP] or BGM[3=19])") != std::string::npos);
}

TEST_CASE("two inbound maps of one message type without a selector are refused as ambiguous",
          "[translation][inbound][selector]") {
  test::Runtime rt;
  const std::string own = R"(<map id="dutchjuice-ordrsp" extends="edifact-d96a-ordrsp-inbound"
     direction="inbound" standard="EDIFACT" version="D96A" set="ORDRSP" type="purchase_order_ack"/>
)";
  Supplier supplier(document(kOrderMap) + document("maps/ORDRSP.xml"), own);
  auto o = supplier.translate(rt, "ORDRSP.edi");
  CHECK(o.messages.empty());
  REQUIRE(o.issues.size() == 1);
  CHECK(o.issues[0].code == "translate.document.ambiguous");
  CHECK(o.issues[0].message.find("ORDRSP.inbound.xml and ") != std::string::npos);
}
