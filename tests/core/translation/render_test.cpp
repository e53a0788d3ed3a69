// Outbound: canonical messages -> an interchange for the partner, and back again.
#include "translation/compare.hpp"
#include "translation/outbound_envelope.hpp"
#include "translation/sample_check.hpp"
#include "translation_fixture.hpp"

using namespace edigate;
using test::write_text;

namespace {

const std::string kAck1 =
    R"({"schema":"edigate.canonical/v1","type":"purchase_order_ack","message_id":"m-00000000000000000000000000000001","partner_id":"acme","direction":"outbound","source":{"standard":"x12"},"correlation":{"po_number":"PO-1"},"po_number":"PO-1","po_date":"2024-03-12","lines":[{"line_number":"1","quantity":"2","uom":"EA"},{"line_number":"2","quantity":"10.5","uom":"CA"}]})";
const std::string kAck2 =
    R"({"schema":"edigate.canonical/v1","type":"purchase_order_ack","message_id":"m-00000000000000000000000000000002","partner_id":"acme","direction":"outbound","source":{"standard":"x12"},"correlation":{"po_number":"PO-2"},"po_number":"PO-2","po_date":"2024-03-13","lines":[{"line_number":"1","quantity":"1","uom":"EA"}]})";
const std::string kInvoice =
    R"({"schema":"edigate.canonical/v1","type":"invoice","message_id":"m-00000000000000000000000000000003","partner_id":"acme","direction":"outbound","source":{"standard":"x12"},"correlation":{}})";

struct Acme {
  test::TempDir dir{"render"};
  std::unique_ptr<partners::PartnerRegistry> registry;
  Acme() {
    write_text(
        dir.path / "acme" / "partner.xml",
        test::x12_partner("acme", "ACME",
                          "<document type=\"855\" direction=\"outbound\" map=\"maps/855.out.xml\"/>"
                          "<document type=\"855\" direction=\"inbound\" map=\"maps/855.in.xml\"/>",
                          "  <control-numbers interchange-start=\"7\" group-start=\"3\" transaction-start=\"5\"/>\n"));
    write_text(dir.path / "acme" / "maps" / "855.out.xml", test::kMap855Out);
    write_text(dir.path / "acme" / "maps" / "855.in.xml", test::kMap855In);
    registry = std::make_unique<partners::PartnerRegistry>(dir.path);
  }
};

std::vector<translation::CanonicalInput> inputs(const std::vector<std::string>& lines) {
  std::vector<translation::CanonicalInput> out;
  std::uint32_t n = 0;
  for (const auto& l : lines) {
    Position where;
    where.file = "acks.jsonl";
    where.line = ++n;
    auto m = canonical::parse_message(l, where);
    REQUIRE(m.ok());
    out.push_back({*m, where});
  }
  return out;
}

translation::RenderOptions fixed_clock() {
  translation::RenderOptions o;
  o.check_submissions = false;  // synthetic maps and messages: the engine, not the schemas
  o.date = "20240315";
  o.time = "0930";
  return o;
}

}  // namespace

TEST_CASE("a rendered 855 is byte for byte the hand-written interchange", "[translation][render]") {
  test::Runtime rt;
  Acme acme;
  auto profile = test::partner(*acme.registry, "acme");
  auto counters = translation::ControlCounters::from(profile->control_numbers);
  auto r =
      translation::render_interchange(rt.services, *profile, inputs({kAck1, kInvoice, kAck2}), fixed_clock(), counters);
  if (!r) FAIL(r.error().to_string());
  CHECK(r->messages == 2);
  const std::string expected =
      "ISA*00*          *00*          *ZZ*EDIGATE        *ZZ*ACME           *240315*0930*U*00401*000000007*0*P*:~\n"
      "GS*PR*EDIGATE*ACME*20240315*0930*3*X*004010~\n"
      "ST*855*0005~\n"
      "BAK*00*AC*PO-1*20240312~\n"
      "PO1*1*2*EA~\n"
      "PO1*2*10.5*CA~\n"
      "CTT*2~\n"
      "SE*6*0005~\n"
      "ST*855*0006~\n"
      "BAK*00*AC*PO-2*20240313~\n"
      "PO1*1*1*EA~\n"
      "CTT*1~\n"
      "SE*5*0006~\n"
      "GE*2*3~\n"
      "IEA*1*000000007~\n";
  CHECK(r->edi == expected);
  // The invoice has no outbound document: an error at its line, the others rendered.
  REQUIRE(r->errors.size() == 1);
  CHECK(r->errors[0].code == "render.document.undeclared");
  CHECK(r->errors[0].position.file == "acks.jsonl");
  CHECK(r->errors[0].position.line == 2);
  // Counters moved on for the next interchange.
  CHECK(counters.interchange == 8);
  CHECK(counters.group == 4);
  CHECK(counters.transaction == 7);
}

TEST_CASE("render -> translate gives back the same canonical message", "[translation][render][roundtrip]") {
  test::Runtime rt;
  Acme acme;
  auto profile = test::partner(*acme.registry, "acme");
  translation::ControlCounters counters;
  auto msgs = inputs({kAck1, kAck2});
  auto r = translation::render_interchange(rt.services, *profile, msgs, fixed_clock(), counters);
  REQUIRE(r.ok());
  REQUIRE(r->errors.empty());
  translation::InboundOptions options;
  options.file = "855.edi";
  options.partner = profile;
  auto back = test::translate_text(rt, r->edi, options);
  for (const auto& e : back.issues) UNSCOPED_INFO(e.to_string());
  CHECK(back.issues.empty());
  REQUIRE(back.messages.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    auto diff = translation::first_difference(msgs[i].message, back.messages[i], {"message_id", "source", "direction"});
    CHECK_FALSE(diff);
    if (diff) UNSCOPED_INFO(*diff);
  }
  // The comparison does see a difference, and names its path.
  auto changed = canonical::parse_message(std::string(kAck1).replace(kAck1.find("10.5"), 4, "11.5")).value();
  auto diff = translation::first_difference(changed, back.messages[0], {"message_id", "source", "direction"});
  REQUIRE(diff);
  CHECK(*diff == "/lines/1/quantity: \"11.5\" vs \"10.5\"");
}

TEST_CASE("what we render is read back with the partner's own schema file for that document", "[translation][render]") {
  test::Runtime rt;
  test::TempDir dir{"render-schema"};
  // The partner's 855 schema: the installed one, with its PO number limited to 3 characters.
  std::ifstream installed(std::filesystem::path(EDIGATE_BUILD_DIR) / "share/edigate/schemas/x12/004010/855.xml");
  std::string schema(std::istreambuf_iterator<char>(installed), {});
  const std::string po = R"(<element id="324" name="Purchase Order Number" type="AN" min="1" max="22"/>)";
  REQUIRE(schema.find(po) != std::string::npos);
  schema.replace(schema.find(po), po.size(),
                 R"(<element id="324" name="Purchase Order Number" type="AN" min="1" max="3"/>)");
  write_text(dir.path / "acme" / "schemas" / "855.xml", schema);
  write_text(dir.path / "acme" / "partner.xml",
             test::x12_partner("acme", "ACME",
                               "<document type=\"855\" direction=\"outbound\" map=\"maps/855.out.xml\" "
                               "schema=\"schemas/855.xml\"/>"));
  write_text(dir.path / "acme" / "maps" / "855.out.xml", test::kMap855Out);
  partners::PartnerRegistry registry(dir.path);
  translation::ControlCounters counters;
  auto r = translation::render_interchange(rt.services, *test::partner(registry, "acme"), inputs({kAck1}),
                                           fixed_clock(), counters);
  REQUIRE(r.ok());
  CHECK(r->messages == 0);
  REQUIRE(r->errors.size() == 1);
  CHECK(r->errors[0].message.find("the rendered transaction is not valid EDI") != std::string::npos);
  CHECK(r->errors[0].message.find("BAK") != std::string::npos);
  CHECK(r->errors[0].position.line == 1);  // the message's line in the submission
}

TEST_CASE("render refuses without our identity and names what is missing", "[translation][render]") {
  test::Runtime rt;
  test::TempDir dir("render-nolocal");
  write_text(dir.path / "acme" / "partner.xml",
             "<partner xmlns=\"urn:edigate:partner:1\" id=\"acme\" standard=\"x12-004010\"><name>a</name>"
             "<identities><x12 isa-qualifier=\"ZZ\" isa-id=\"ACME\"/></identities>"
             "<documents><document type=\"855\" direction=\"outbound\" map=\"maps/855.xml\"/></documents></partner>");
  write_text(dir.path / "acme" / "maps" / "855.xml", test::kMap855Out);
  partners::PartnerRegistry registry(dir.path);
  auto profile = test::partner(registry, "acme");
  translation::ControlCounters counters;
  auto r = translation::render_interchange(rt.services, *profile, inputs({kAck1}), fixed_clock(), counters);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "render.local.missing");
  // The gateway default fills in.
  auto options = fixed_clock();
  options.local.x12.push_back({"01", "123456789", ""});
  auto ok = translation::render_interchange(rt.services, *profile, inputs({kAck1}), options, counters);
  REQUIRE(ok.ok());
  CHECK(ok->edi.rfind("ISA*00*          *00*          *01*123456789      *ZZ*ACME           *", 0) == 0);
  CHECK(translation::OutboundClock::make("2024-03-15", "").error().code == "render.usage");
}

TEST_CASE("partners check samples: an EDI sample and a canonical sample round-trip", "[translation][samples]") {
  test::Runtime rt;
  Acme acme;
  write_text(acme.dir.path / "acme" / "maps" / "850.in.xml", test::kMap850In);
  write_text(acme.dir.path / "acme" / "samples" / "acks.jsonl", kAck1 + "\n" + kAck2 + "\n");
  write_text(acme.dir.path / "acme" / "samples" / "garbage.edi", "this is not EDI");
  partners::PartnerRegistry registry(acme.dir.path);
  auto profile = test::partner(registry, "acme");
  auto results = translation::check_samples(rt.services, *profile);
  REQUIRE(results.size() == 2);
  CHECK(results[0].file.filename() == "acks.jsonl");
  INFO(results[0].summary);
  CHECK(results[0].ok);
  CHECK(results[0].summary == "2 canonical message(s) rendered, 2 round trip(s) equal");
  CHECK(results[1].file.filename() == "garbage.edi");
  CHECK_FALSE(results[1].ok);

  // A sample whose round trip differs names the JSON path: here the partner_id.
  write_text(acme.dir.path / "acme" / "samples" / "acks.jsonl",
             std::string(kAck1).replace(kAck1.find("\"acme\""), 6, "\"other\"") + "\n");
  auto differs = translation::check_sample(rt.services, *profile, acme.dir.path / "acme" / "samples" / "acks.jsonl");
  CHECK_FALSE(differs.ok);
  CHECK(differs.summary == "round trip differs at /partner_id: \"other\" vs \"acme\"");
}
