// A 214 with several status LX loops through translate_inbound and the base 214 map: one
// canonical message per status, each with its own deterministic message id (partner, control
// numbers, match index), the same ids when the file is translated again, and its own
// correlation; a match that fails is one positioned error and its siblings still come out.
#include "canonical/message_id.hpp"
#include "translation_fixture.hpp"

using namespace edigate;
using test::write_text;

namespace {

std::string interchange_214(const std::vector<std::string>& sets) {
  std::string out =
      "ISA*00*          *00*          *ZZ*CARRIER        *ZZ*EDIGATE        *260317*1200*U*00401*000000771*0*P*>~\n"
      "GS*QM*CARRIER*EDIGATE*20260317*1200*771*X*004010~\n";
  for (const auto& s : sets) out += s;
  out += "GE*" + std::to_string(sets.size()) + "*771~\nIEA*1*000000771~\n";
  return out;
}

// LX 1: a delivery appointment only; LX 2: AF with an LX-level PO; LX 3: X6.
const std::string kThreeLx =
    "ST*214*0001~\n"
    "B10*PRO55513*SHP-88121*BLFR~\n"
    "L11*BOL0312002*BM~\n"
    "LX*1~\n"
    "AT7***AB*NA*20260320*0900*PT~\n"
    "LX*2~\n"
    "AT7*AF*NS***20260317*1015*ET~\n"
    "L11*PO7788121*PO~\n"
    "LX*3~\n"
    "AT7*X6*NS***20260318*0630*CT~\n"
    "SE*11*0001~\n";

struct Carrier {
  test::TempDir dir{"carrier"};
  std::unique_ptr<partners::PartnerRegistry> registry;
  Carrier() {
    write_text(
        dir.path / "carrier" / "partner.xml",
        test::x12_partner("carrier", "CARRIER",
                          "<document type=\"214\" direction=\"inbound\" map=\"base/x12/004010/214.inbound.xml\"/>"));
    registry = std::make_unique<partners::PartnerRegistry>(dir.path);
  }
  translation::InboundOptions routed() const {
    translation::InboundOptions o;
    o.file = "status.edi";
    o.registry = registry->snapshot();
    return o;
  }
};

std::string expected_id(std::uint64_t position) {
  canonical::MessageIdentity id;
  id.partner_id = "carrier";
  id.sender_qualifier = id.receiver_qualifier = "ZZ";
  id.sender_id = "CARRIER";
  id.receiver_id = "EDIGATE";
  id.interchange_control_number = "000000771";
  id.group_control_number = "771";
  id.transaction_control_number = "0001";
  id.position = position;
  return canonical::message_id(id);
}

}  // namespace

TEST_CASE("a 214 with several status LX loops gives one message each, with stable distinct ids",
          "[translation][inbound][messages]") {
  test::Runtime rt;
  Carrier carrier;
  const std::string text = interchange_214({kThreeLx});
  auto o = test::translate_text(rt, text, carrier.routed());
  for (const auto& e : o.issues) UNSCOPED_INFO(e.to_string());
  REQUIRE(o.messages.size() == 2);
  CHECK(o.summary.ok());
  CHECK(o.summary.transactions == 1);
  CHECK(o.summary.messages == 2);

  const auto& af = o.messages[0];
  const auto& x6 = o.messages[1];
  CHECK(af->getValue<std::string>("original_code") == "AF");
  CHECK(x6->getValue<std::string>("original_code") == "X6");
  // Match index 0 and 1 (the appointment-only LX is not a match).
  CHECK(af->getValue<std::string>("message_id") == expected_id(0));
  CHECK(x6->getValue<std::string>("message_id") == expected_id(1));
  // Both come from the same set: same source.
  CHECK(af->getObject("source")->getValue<std::string>("transaction_control_number") == "0001");
  CHECK(x6->getObject("source")->getValue<std::string>("transaction_control_number") == "0001");
  // The appointment is the estimate of both events.
  CHECK(af->getValue<std::string>("estimated_delivery") == "2026-03-20T09:00:00-07:00");
  CHECK(x6->getValue<std::string>("estimated_delivery") == "2026-03-20T09:00:00-07:00");
  // Correlation: heading values in both, the LX's PO only in its own message.
  auto c0 = af->getObject("correlation");
  auto c1 = x6->getObject("correlation");
  CHECK(c0->getValue<std::string>("po_number") == "PO7788121");
  CHECK_FALSE(c1->has("po_number"));
  CHECK(c0->getValue<std::string>("bol") == "BOL0312002");
  CHECK(c1->getValue<std::string>("bol") == "BOL0312002");
  CHECK(c1->getValue<std::string>("shipment_id") == "SHP-88121");

  // Translating the same bytes again gives the same ids (idempotent downstream).
  auto again = test::translate_text(rt, text, carrier.routed());
  CHECK(again.lines == o.lines);
}

TEST_CASE("a status AT7 that cannot be mapped is one error, the other statuses still translate",
          "[translation][inbound][messages]") {
  test::Runtime rt;
  Carrier carrier;
  // LX 2 has a status but no time: the event has no timestamp (required).
  const std::string set =
      "ST*214*0001~\n"
      "B10*PRO1*SHP1*BLFR~\n"
      "LX*1~\n"
      "AT7*AF*NS***20260317*1015*ET~\n"
      "LX*2~\n"
      "AT7*X6*NS***20260318~\n"
      "LX*3~\n"
      "AT7*D1*NS***20260319*1100*ET~\n"
      "SE*9*0001~\n";
  const std::string text = interchange_214({set});
  auto o = test::translate_text(rt, text, carrier.routed());
  REQUIRE(o.messages.size() == 2);
  CHECK(o.messages[0]->getValue<std::string>("original_code") == "AF");
  CHECK(o.messages[1]->getValue<std::string>("original_code") == "D1");
  CHECK(o.messages[0]->getValue<std::string>("message_id") == expected_id(0));
  CHECK(o.messages[1]->getValue<std::string>("message_id") == expected_id(2));  // LX 2 keeps index 1
  REQUIRE(o.issues.size() == 1);
  CHECK(o.issues[0].code == "mapping.field.required");
  CHECK(o.issues[0].position.file == "status.edi");
  // each status AT7 is a match of its own (an LX may hold several): the error is at that AT7
  CHECK(o.issues[0].position.offset == text.find("AT7*X6"));
  CHECK(o.summary.errors == 1);
}

TEST_CASE("a 214 with only an estimate gives no message and says why at its ST", "[translation][inbound][messages]") {
  test::Runtime rt;
  Carrier carrier;
  const std::string set = "ST*214*0001~\nB10*PRO1*SHP1*BLFR~\nLX*1~\nAT7*AG*NS***20260320*0900*ET~\nSE*5*0001~\n";
  const std::string text = interchange_214({set});
  auto o = test::translate_text(rt, text, carrier.routed());
  CHECK(o.messages.empty());
  REQUIRE(o.issues.size() == 1);
  CHECK(o.issues[0].code == "mapping.messages.none");
  CHECK(o.issues[0].position.offset == text.find("ST*214"));
  CHECK(o.issues[0].position.file == "status.edi");
}
