// <document schema-variant="EANCOM">: a partner's documents are validated with the installed
// library's EANCOM subset table instead of the UN directory's (which is the default for an
// EAN-tagged message, docs/schemas.md "EANCOM precedence"), both as they come in and as we
// render them for the partner. A variant the library lacks is refused, never replaced.
#include "runtime/profile_check.hpp"
#include "translation_fixture.hpp"

#include <edigate/codes.hpp>

#include <Poco/JSON/Parser.h>

using namespace edigate;
using test::write_text;

namespace {

const std::filesystem::path kFixtures = std::filesystem::path(EDIGATE_SOURCE_DIR) / "tests/core/mapping/fixtures";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// EuroFood as an EDIFACT D96A partner sending ORDERS; `attributes` go on its <document>s.
struct EuroFood {
  test::TempDir dir{"variant"};
  std::unique_ptr<partners::PartnerRegistry> registry;
  explicit EuroFood(const std::string& attributes) {
    write_text(dir.path / "eurofood" / "partner.xml",
               "<partner xmlns=\"urn:edigate:partner:1\" id=\"eurofood\" standard=\"edifact-d96a\">\n"
               "  <name>EuroFood</name>\n"
               "  <identities><edifact unb-id=\"5412345000013\" unb-qualifier=\"14\"/></identities>\n"
               "  <local><edifact unb-id=\"8712345000004\" unb-qualifier=\"14\"/></local>\n"
               "  <documents>\n"
               "    <document type=\"ORDERS\" direction=\"inbound\" map=\"base/edifact/D96A/ORDERS.inbound.xml\" " +
                   attributes +
                   "/>\n"
                   "    <document type=\"DESADV\" direction=\"outbound\" "
                   "map=\"base/edifact/D96A/DESADV.outbound.xml\" " +
                   attributes +
                   "/>\n"
                   "  </documents>\n"
                   "</partner>\n");
    registry = std::make_unique<partners::PartnerRegistry>(dir.path);
  }
  translation::InboundOptions routed() const {
    translation::InboundOptions o;
    o.file = "orders.edi";
    o.registry = registry->snapshot();
    return o;
  }
};

/// The EAN008 ORDERS fixture with a bank (FII) in the buyer's NAD group: the UN D96A ORDERS
/// has FII in SG2, the EANCOM 1997 subset left it out.
std::string orders_with_bank_details() {
  std::string text = read(kFixtures / "edifact/D96A/ORDERS.edi");
  const std::string buyer = "NAD+BY+5412345000013::9++EUROFOOD RETAIL NV+Havenlaan 12+Brussel++1000+BE'\n";
  const auto at = text.find(buyer);
  REQUIRE(at != std::string::npos);
  text.insert(at + buyer.size(), "FII+RB+BE68539007547034:EUROFOOD RETAIL NV+GKCCBEBB:25:5'\n");
  const auto unt = text.find("UNT+26+1'");
  REQUIRE(unt != std::string::npos);
  text.replace(unt, 9, "UNT+27+1'");
  return text;
}

bool has_code(const std::vector<Error>& issues, const std::string& code) {
  for (const auto& e : issues)
    if (e.code == code && !e.is_warning()) return true;
  return false;
}

}  // namespace

TEST_CASE("schema-variant EANCOM enforces the subset's own table on what a partner sends", "[translation][variant]") {
  test::Runtime rt;
  const std::string bank = orders_with_bank_details();
  SECTION("by default an EAN008 ORDERS is read with the UN table, which allows the bank details") {
    EuroFood partner("");
    auto o = test::translate_text(rt, bank, partner.routed());
    for (const auto& e : o.issues) UNSCOPED_INFO(e.to_string());
    CHECK(o.summary.transactions_rejected == 0);
    CHECK(o.messages.size() == 1);
  }
  SECTION("with the EANCOM table the FII is refused where it stands: the subset has no such segment") {
    EuroFood partner("schema-variant=\"EANCOM\"");
    auto o = test::translate_text(rt, bank, partner.routed());
    CHECK(o.summary.transactions_rejected == 1);
    CHECK(o.messages.empty());
    bool at_fii = false;
    for (const auto& e : o.issues) {
      UNSCOPED_INFO(e.to_string());
      at_fii = at_fii || (e.code == codes::segment_unrecognized && e.position.segment_tag == "FII" &&
                          e.position.offset == bank.find("FII+RB"));
    }
    CHECK(at_fii);
  }
  SECTION("a message within the subset passes the EANCOM table") {
    EuroFood partner("schema-variant=\"EANCOM\"");
    auto o = test::translate_text(rt, read(kFixtures / "edifact/D96A/ORDERS.edi"), partner.routed());
    for (const auto& e : o.issues) UNSCOPED_INFO(e.to_string());
    CHECK(o.summary.transactions_rejected == 0);
    CHECK(o.messages.size() == 1);
  }
}

TEST_CASE("a schema-variant the library has no table for is refused at the profile's document, not replaced",
          "[translation][variant]") {
  test::Runtime rt;
  EuroFood partner("schema-variant=\"EANCOM2\"");
  auto o = test::translate_text(rt, read(kFixtures / "edifact/D96A/ORDERS.edi"), partner.routed());
  CHECK(o.messages.empty());
  const Error* refused = nullptr;
  for (const auto& e : o.issues)
    if (e.code == "schema.variant.not_found") refused = &e;
  REQUIRE(refused);
  CHECK(refused->category == ErrorCategory::configuration);  // ours to fix, not the partner's
  CHECK(refused->message.find("EANCOM2 table of EDIFACT D96A ORDERS") != std::string::npos);
  CHECK(refused->message.find("partner.xml:6") != std::string::npos);  // the <document> that asks for it

  // partners check says so before any message comes: at the <document> line, with the file it wants.
  translation::FileCache files(std::filesystem::path(EDIGATE_SOURCE_DIR) / "maps");
  const auto profile = test::partner(*partner.registry, "eurofood");
  auto problems = runtime::check_references(*profile, files, &rt.schemas);
  REQUIRE(problems.size() == 2);  // ORDERS and DESADV
  CHECK(problems[0].code == "schema.variant.not_found");
  CHECK(problems[0].position.line == 6);
  CHECK(problems[0].expected == "D96A/EANCOM2/ORDERS.xml");
  CHECK(runtime::check_references(*test::partner(*EuroFood("schema-variant=\"EANCOM\"").registry, "eurofood"), files,
                                  &rt.schemas)
            .empty());
}

TEST_CASE("what we render for a partner is checked with its schema-variant before it is sent",
          "[translation][variant][render]") {
  test::Runtime rt;
  // Our DESADV fixture carries a heading MEA (gross weight): allowed by the UN D96A DESADV and by
  // later EANCOM editions, not by the EANCOM 1997 subset table.
  const std::string desadv = read(kFixtures / "edifact/D96A/DESADV.edi");
  REQUIRE(desadv.find("\nMEA+") < desadv.find("\nCPS+"));
  EuroFood plain("");
  // The canonical ship notice that fixture maps to, sent back out as ours.
  Poco::JSON::Parser parser;
  Poco::JSON::Object::Ptr notice =
      parser.parse(read(kFixtures / "edifact/D96A/DESADV.expected.json")).extract<Poco::JSON::Object::Ptr>();
  notice->set("direction", "outbound");
  notice->set("partner_id", "eurofood");
  std::vector<translation::CanonicalInput> in{{notice, Position{}}};
  in[0].where.file = "notices.jsonl";
  in[0].where.line = 1;
  translation::RenderOptions options;
  options.date = "20261207";
  options.time = "0800";

  translation::ControlCounters counters{1, 1, 1};
  auto ok =
      translation::render_interchange(rt.services, *test::partner(*plain.registry, "eurofood"), in, options, counters);
  REQUIRE(ok.ok());
  for (const auto& e : ok->errors) UNSCOPED_INFO(e.to_string());
  CHECK(ok->messages == 1);

  EuroFood strict("schema-variant=\"EANCOM\"");
  auto refused =
      translation::render_interchange(rt.services, *test::partner(*strict.registry, "eurofood"), in, options, counters);
  REQUIRE(refused.ok());
  CHECK(refused->messages == 0);
  REQUIRE(refused->errors.size() == 1);
  CHECK(refused->errors[0].message.find("the rendered transaction is not valid EDI") != std::string::npos);
  CHECK(refused->errors[0].message.find("MEA") != std::string::npos);
  CHECK(refused->errors[0].position.file == "notices.jsonl");
}
