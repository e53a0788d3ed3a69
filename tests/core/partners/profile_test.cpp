// Loading one partner.xml: what it says, and each way it can be wrong.
#include "partners/profile_loader.hpp"
#include "partners_test_support.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::partners;

namespace {

const std::string kFull = R"(<?xml version="1.0" encoding="UTF-8"?>
<partner xmlns="urn:edigate:partner:1" id="acme" standard="x12-005010">
  <name>ACME Retail</name>
  <identities>
    <x12 isa-qualifier="ZZ" isa-id="ACMERETAIL" gs-id="ACMEGS"/>
    <x12 isa-qualifier="01" isa-id="123456789"/>
    <as2 id="ACME-AS2"/>
  </identities>
  <local><x12 isa-qualifier="ZZ" isa-id="EDIGATE"/></local>
  <delimiters><x12 element="|" component="&gt;" repetition="0x1F" segment="0x1D" suffix="crlf"/></delimiters>
  <documents>
    <document type="850" direction="inbound" map="maps/850.xml" schema="schemas/850.xml"/>
    <document type="856" direction="outbound" map="base/x12/005010/856.outbound.xml"/>
  </documents>
  <acks functional="auto" ta1="requested" expect-within-minutes="120"/>
  <tolerance base="strict" lowercase-tags="true" count-mismatch-is-warning="true" business-rule-violations="reject"/>
  <control-numbers interchange-start="500" scope="gateway" transaction-reset="per-group"/>
  <transports>
    <sftp name="main" host="sftp.acme.example" user="edi" key-file="file:keys/acme" password="env:ACME_SFTP_PASSWORD"
          host-key="SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s" inbox="/out" outbox="/in"/>
    <folder name="drop" inbox="/srv/in"/>
  </transports>
  <destinations><webhook name="erp" url="https://erp.example/edi" signing-secret="env:ERP_SECRET"/></destinations>
</partner>
)";

Error load_error(const std::string& xml) {
  auto r = load_profile_from_memory(xml, "partners/acme/partner.xml");
  REQUIRE_FALSE(r.ok());
  return r.error();
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a full X12 profile loads with every section read", "[partners][profile]") {
  auto r = load_profile_from_memory(kFull, "partners/acme/partner.xml");
  INFO((r.ok() ? std::string() : r.error().to_string()));
  REQUIRE(r.ok());
  const Profile& p = **r;
  CHECK(p.id == "acme");
  CHECK(p.name == "ACME Retail");
  CHECK(p.standard.family == Family::x12);
  CHECK(p.standard.version == "005010");
  REQUIRE(p.identities.x12.size() == 2);
  CHECK(p.identities.x12[0].isa_qualifier == "ZZ");
  CHECK(p.identities.x12[0].isa_id == "ACMERETAIL");
  CHECK(p.identities.x12[0].gs_id == "ACMEGS");
  CHECK(p.identities.x12[1].gs_id.empty());
  CHECK(p.identities.as2 == std::vector<std::string>{"ACME-AS2"});
  CHECK(p.local.x12.at(0).isa_id == "EDIGATE");
  CHECK(p.delimiters.element == '|');
  CHECK(p.delimiters.component == '>');
  CHECK(p.delimiters.repetition == '\x1F');
  CHECK(p.delimiters.segment == "\x1D");
  CHECK(p.delimiters.suffix == "\r\n");
  REQUIRE(p.documents.size() == 2);
  CHECK(p.documents[0].schema == "schemas/850.xml");
  CHECK(p.documents[0].line == 12);
  CHECK(p.document("856", Direction::outbound) != nullptr);
  CHECK(p.document("856", Direction::inbound) == nullptr);
  CHECK(p.acks.ta1 == Ta1Policy::requested);
  CHECK(p.acks.expect_within_minutes == 120);
  CHECK(p.acks.resolved(p.standard) == FunctionalAck::x999);  // auto on 005010
  CHECK(p.control_numbers.interchange_start == 500);
  CHECK(p.control_numbers.group_start == 1);
  CHECK(p.control_numbers.scope == ControlScope::gateway);
  CHECK(p.control_numbers.transaction_reset_per_group);
  REQUIRE(p.transports.size() == 2);
  CHECK(p.transports[0].kind == "sftp");
  CHECK(p.transports[0].settings.at("port") == "22");  // XSD default filled in
  CHECK(p.transports[0].settings.count("password") == 0);
  CHECK(p.transports[0].secrets.at("password").kind == SecretRef::Kind::env);
  CHECK(p.transports[0].secrets.at("password").name == "ACME_SFTP_PASSWORD");
  CHECK(p.transports[0].secrets.at("key-file").kind == SecretRef::Kind::file);
  CHECK(p.transports[0].secrets.at("key-file").name == "keys/acme");
  CHECK(p.destinations.at(0).secrets.at("signing-secret").name == "ERP_SECRET");
  CHECK(p.folder == "partners/acme");
}

TEST_CASE("tolerance starts from strict and switches single leniencies back on", "[partners][profile]") {
  auto r = load_profile_from_memory(kFull, "p/acme/partner.xml");
  REQUIRE(r.ok());
  const Tolerance& t = (*r)->tolerance;
  CHECK_FALSE(t.byte_order_mark);
  CHECK_FALSE(t.missing_final_terminator);
  CHECK(t.lowercase_tags);
  CHECK(t.count_mismatch_is_warning);
  CHECK((*r)->reader_options().tolerance.count_mismatch_is_warning);
  CHECK((*r)->reject_business_rules);
}

TEST_CASE("defaults: 004010 has no repetition separator and a 997", "[partners][profile]") {
  auto r = load_profile_from_memory(test::x12_profile("acme", "ACME"), "p/acme/partner.xml");
  REQUIRE(r.ok());
  CHECK((*r)->delimiters.repetition == 0);
  CHECK((*r)->delimiters.segment == "~");
  CHECK((*r)->acks.resolved((*r)->standard) == FunctionalAck::x997);
  CHECK((*r)->tolerance.trailing_spaces);  // Tolerance{} defaults
  CHECK_FALSE((*r)->tolerance.lowercase_tags);
  CHECK_FALSE((*r)->reject_business_rules);  // business-rule violations warn by default
}

TEST_CASE("an unknown element is an XSD error at file:line:col", "[partners][profile][xsd]") {
  auto e = load_error(replace(kFull, "  <acks ", "  <colour>red</colour>\n  <acks "));
  CHECK(e.code == "partner.file.invalid");
  CHECK(e.position.file == "partners/acme/partner.xml");
  CHECK(e.position.line == 15);
  CHECK(e.position.column == 3);
  CHECK(e.message.find("colour") != std::string::npos);
  CHECK(e.to_string().rfind("partners/acme/partner.xml:15:3: ", 0) == 0);
}

TEST_CASE("an unknown attribute is an XSD error, not ignored", "[partners][profile][xsd]") {
  auto e = load_error(replace(kFull, "<folder name=\"drop\"", "<folder name=\"drop\" colour=\"red\""));
  CHECK(e.code == "partner.file.invalid");
  CHECK(e.position.line == 21);
  CHECK(e.message.find("colour") != std::string::npos);
}

TEST_CASE("XSD rules: standard, ISA qualifier, document direction, duplicate document", "[partners][profile][xsd]") {
  CHECK(load_error(replace(kFull, "x12-005010", "x12-003040")).position.line == 2);
  CHECK(load_error(
            replace(kFull, "isa-qualifier=\"ZZ\" isa-id=\"ACMERETAIL\"", "isa-qualifier=\"Z\" isa-id=\"ACMERETAIL\""))
            .position.line == 5);
  CHECK(load_error(replace(kFull, "direction=\"outbound\"", "direction=\"sideways\"")).position.line == 13);
  // The same map twice for one type and direction; two maps for one type are allowed (chosen per
  // message by their <selector>s, docs/maps.md) but must share the type's schema.
  auto dup = load_error(replace(kFull, "type=\"856\" direction=\"outbound\" map=\"base/x12/005010/856.outbound.xml\"",
                                "type=\"850\" direction=\"inbound\" map=\"maps/850.xml\""));
  CHECK(dup.position.line == 13);
  CHECK(dup.message.find("Duplicate") != std::string::npos);
  auto schema = load_error(replace(kFull, "type=\"856\" direction=\"outbound\"", "type=\"850\" direction=\"inbound\""));
  CHECK(schema.code == "partner.document.schema_differs");
  CHECK(schema.position.line == 13);
}

TEST_CASE("schema-variant: a library variant or a schema file per document, and one per type and direction",
          "[partners][profile]") {
  const std::string variant = replace(kFull, "schema=\"schemas/850.xml\"", "schema-variant=\"EANCOM\"");
  auto p = load_profile_from_memory(variant, "partners/acme/partner.xml");
  REQUIRE(p.ok());
  CHECK((*p)->documents[0].schema_variant == "EANCOM");
  CHECK((*p)->documents[0].schema.empty());

  auto both =
      load_error(replace(kFull, "schema=\"schemas/850.xml\"", "schema=\"schemas/850.xml\" schema-variant=\"EANCOM\""));
  CHECK(both.code == "partner.document.schema_conflict");
  CHECK(both.position.line == 12);

  auto differs =
      load_error(replace(variant, "type=\"856\" direction=\"outbound\"", "type=\"850\" direction=\"inbound\""));
  CHECK(differs.code == "partner.document.schema_differs");
  CHECK(differs.position.line == 13);
  CHECK(differs.expected == "schema-variant=\"EANCOM\"");
  CHECK(differs.found == "the installed schema");

  CHECK(load_error(replace(kFull, "schema=\"schemas/850.xml\"", "schema-variant=\"EAN COM\"")).code ==
        "partner.file.invalid");  // the XSD's pattern: a folder name
}

TEST_CASE("an inline secret is refused without echoing it", "[partners][profile][secret]") {
  auto e = load_error(replace(kFull, "password=\"env:ACME_SFTP_PASSWORD\"", "password=\"hunter2\""));
  CHECK(e.code == "partner.secret.inline");
  CHECK(e.position.line == 19);
  CHECK(e.position.column == 85);  // the attribute name inside the <sftp> start tag
  CHECK(e.to_string().find("hunter2") == std::string::npos);
  CHECK(e.message.find("password") != std::string::npos);
  // env: needs a variable name, file: a path
  CHECK(load_error(replace(kFull, "env:ERP_SECRET", "env:1BAD")).code == "partner.secret.inline");
  CHECK(load_error(replace(kFull, "file:keys/acme", "file:")).code == "partner.secret.inline");
}

TEST_CASE("separators must be distinct, not alphanumeric, and fit the standard", "[partners][profile]") {
  auto same = load_error(replace(kFull, "element=\"|\"", "element=\"&gt;\""));
  CHECK(same.code == "partner.invalid");
  CHECK(same.position.line == 10);
  CHECK(same.message.find("same character") != std::string::npos);
  CHECK(load_error(replace(kFull, "element=\"|\"", "element=\"A\"")).message.find("letter") != std::string::npos);
  auto wrong = load_error(replace(
      kFull, "<delimiters><x12 element=\"|\" component=\"&gt;\" repetition=\"0x1F\" segment=\"0x1D\" suffix=\"crlf\"/>",
      "<delimiters><edifact/>"));
  CHECK(wrong.message.find("standard") != std::string::npos);
}

TEST_CASE("document types and identities must fit the standard", "[partners][profile]") {
  auto e = load_error(replace(kFull, "type=\"856\"", "type=\"DESADV\""));
  CHECK(e.code == "partner.invalid");
  CHECK(e.position.line == 13);
  CHECK(e.found == "DESADV");
  auto edi =
      replace(replace(test::x12_profile("eu", "XY"), "x12-004010", "edifact-d96a"), "type=\"850\"", "type=\"ORDERS\"");
  auto no_id = load_error(edi);
  INFO(no_id.to_string());
  CHECK(no_id.message.find("<edifact>") != std::string::npos);
  CHECK(no_id.position.line == 4);
}

TEST_CASE("EDIFACT profile with UNA characters", "[partners][profile]") {
  std::string xml = R"(<partner xmlns="urn:edigate:partner:1" id="eu" standard="edifact-d01b">
  <name>EU Buyer</name>
  <identities><edifact unb-id="5412345000013" unb-qualifier="14" ung-id="DEPT1" ung-qualifier="ZZZ"/></identities>
  <delimiters><edifact decimal="," release="\" segment="'" suffix="lf" send-una="false"/></delimiters>
  <documents><document type="ORDERS" direction="inbound" map="maps/orders.xml"/></documents>
</partner>)";
  auto r = load_profile_from_memory(xml, "p/eu/partner.xml");
  INFO((r.ok() ? std::string() : r.error().to_string()));
  REQUIRE(r.ok());
  CHECK((*r)->standard.version == "D01B");
  CHECK((*r)->identities.edifact.at(0).unb_qualifier == "14");
  CHECK((*r)->identities.edifact.at(0).ung_id == "DEPT1");
  CHECK((*r)->delimiters.decimal == ',');
  CHECK((*r)->delimiters.release == '\\');
  CHECK((*r)->delimiters.element == '+');
  CHECK((*r)->delimiters.suffix == "\n");
  CHECK_FALSE((*r)->send_una);
}

TEST_CASE("unreadable, garbage and oversized profiles are errors, not crashes", "[partners][profile]") {
  auto missing = load_profile("/nonexistent/partner.xml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "partner.file.unreadable");
  CHECK(load_error("\x01\x02garbage<<").code == "partner.file.invalid");
  CHECK(load_error("").code == "partner.file.invalid");
  CHECK(load_error(std::string(kMaxProfileBytes + 1, ' ')).code == "partner.file.invalid");
  // External entities are never fetched or expanded.
  auto xxe = load_error("<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
                        replace(kFull.substr(kFull.find("<partner")), "ACME Retail", "&x;"));
  CHECK(xxe.code == "partner.file.invalid");
}

TEST_CASE("a map reference resolves beside the profile first, then in the maps folder", "[partners][profile]") {
  test::TempDir dir("resolve");
  test::write_text(dir.path / "acme" / "partner.xml", kFull);
  test::write_text(dir.path / "acme" / "maps" / "850.xml", "x");
  auto r = load_profile(dir.path / "acme" / "partner.xml");
  REQUIRE(r.ok());
  CHECK(*(*r)->resolve("maps/850.xml", "/m") == dir.path / "acme" / "maps" / "850.xml");
  CHECK(*(*r)->resolve("base/x12/005010/856.outbound.xml", "/m") ==
        std::filesystem::path("/m/base/x12/005010/856.outbound.xml"));
}

TEST_CASE("a JSON carrier API partner: no identities, lower-case document kinds, a UTC offset",
          "[partners][profile][json]") {
  const std::string xml = R"(<partner xmlns="urn:edigate:partner:1" id="ups-api" standard="json" utc-offset="-05:00">
  <name>UPS tracking API</name>
  <identities/>
  <documents><document type="tracking" direction="inbound" map="base/json/ups.tracking.inbound.xml"/></documents>
</partner>
)";
  auto p = load_profile_from_memory(xml, "partners/ups-api/partner.xml");
  REQUIRE(p.ok());
  CHECK((*p)->standard.family == Family::json);
  CHECK((*p)->standard.key == "json");
  CHECK((*p)->utc_offset == "-05:00");
  CHECK((*p)->identities.empty());
  REQUIRE((*p)->document("tracking", Direction::inbound));

  // An EDI document type, EDI delimiters and a malformed offset do not fit a JSON partner.
  auto set = load_error(replace(xml, "type=\"tracking\"", "type=\"214\""));
  CHECK(set.code == "partner.invalid");
  CHECK(set.expected == "a JSON document kind such as tracking");
  auto delimiters = load_error(replace(xml, "<documents>", "<delimiters><x12/></delimiters><documents>"));
  CHECK(delimiters.message.find("JSON partner has no EDI delimiters") != std::string::npos);
  auto offset = load_error(replace(xml, "-05:00", "-5"));
  CHECK(offset.code == "partner.file.invalid");
  CHECK(offset.position.line == 1);
  // ... and a lower-case kind does not fit an X12 partner, which still needs its identity.
  auto kind = load_error(replace(test::x12_profile("acme", "ACME"), "type=\"850\"", "type=\"tracking\""));
  CHECK(kind.expected == "an X12 set such as 850");
  auto no_id = load_error(
      replace(test::x12_profile("acme", "ACME"), "<x12 isa-qualifier=\"ZZ\" isa-id=\"ACME\" gs-id=\"ACME\"/>", ""));
  CHECK(no_id.message.find("needs at least one <x12> identity") != std::string::npos);
}
