// What the format plugins say an envelope holds (the SDK's EnvelopeFacts), on reader events
// and when sniffing the first bytes of an input.
#include "../../../plugins/edifact/edifact_plugin.hpp"
#include "../../../plugins/x12/x12_plugin.hpp"

#include <edigate/sdk.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace edigate;

namespace {

std::unique_ptr<FormatPlugin> plugin(Plugin* p) { return std::unique_ptr<FormatPlugin>(static_cast<FormatPlugin*>(p)); }

/// Facts of every begin event, in order.
std::vector<EnvelopeFacts> facts_of(FormatPlugin& format, const std::string& text) {
  MemoryInput in(text, "test.edi");
  auto reader = format.open(in, ReaderOptions{});
  REQUIRE(reader);
  std::vector<EnvelopeFacts> out;
  Event ev;
  for (;;) {
    auto more = (*reader)->next(ev);
    REQUIRE(more);
    if (!*more) break;
    if (ev.envelope) out.push_back(*ev.envelope);
  }
  return out;
}

const std::string kX12 =
    "ISA*00*          *00*          *ZZ*ACME           *12*5551234567     *240312*1200*U*00401*000000905*1*T*>~\n"
    "GS*PO*ACMEGS*US*20240312*1200*905*X*004010VICS~\nST*850*0001~\nBEG*00*SA*PO-1**20240312~\nSE*3*0001~\n"
    "GE*1*905~\nIEA*1*000000905~\n";
const std::string kEdifact =
    "UNA:+.? 'UNB+UNOC:3+5412345000013:14+5498765000017:14+240312:1200+REF?+1++APP++1++1'"
    "UNG+ORDERS+SND:ZZ+RCV:ZZ+240312:1200+77+UN+D:96A'UNH+1+ORDERS:D:96A:UN'BGM+220+PO1+9'UNT+3+1'UNE+1+77'UNZ+1+REF?+"
    "1'";

}  // namespace

TEST_CASE("X12 reader events carry the ISA and GS facts", "[runtime][envelope][x12]") {
  auto x12 = plugin(edigate::x12::create_plugin());
  auto facts = facts_of(*x12, kX12);
  REQUIRE(facts.size() == 2);
  const auto& isa = facts[0];
  CHECK(isa.level == EnvelopeLevel::interchange);
  CHECK(isa.standard == "X12");
  CHECK(isa.sender.qualifier == "ZZ");
  CHECK(isa.sender.id == "ACME");  // padding trimmed
  CHECK(isa.receiver.qualifier == "12");
  CHECK(isa.receiver.id == "5551234567");
  CHECK(isa.control == "000000905");
  CHECK(isa.version == "00401");
  CHECK(isa.date == "240312");
  CHECK(isa.ack_requested);
  CHECK(isa.test);
  CHECK(describe_party(isa, true) == "X12 sender ZZ/ACME (ISA05/ISA06)");
  const auto& gs = facts[1];
  CHECK(gs.level == EnvelopeLevel::group);
  CHECK(gs.functional_id == "PO");
  CHECK(gs.sender.id == "ACMEGS");
  CHECK(gs.control == "905");
  CHECK(gs.version == "004010VICS");

  auto sniffed = x12->sniff(kX12);
  REQUIRE(sniffed);
  CHECK(sniffed->sender.id == "ACME");
  CHECK(sniffed->receiver.id == "5551234567");
  CHECK_FALSE(x12->sniff("ISA*00*  ").ok());  // cut short: the reader says why
  CHECK_FALSE(x12->sniff("UNB+UNOC:3").ok());
}

TEST_CASE("EDIFACT reader events carry the UNB and UNG facts, released characters unescaped",
          "[runtime][envelope][edifact]") {
  auto edifact = plugin(edigate::edifact::create_plugin());
  auto facts = facts_of(*edifact, kEdifact);
  REQUIRE(facts.size() == 2);
  const auto& unb = facts[0];
  CHECK(unb.standard == "EDIFACT");
  CHECK(unb.sender.id == "5412345000013");
  CHECK(unb.sender.qualifier == "14");
  CHECK(unb.receiver.id == "5498765000017");
  CHECK(unb.control == "REF+1");
  CHECK(unb.version == "UNOC:3");
  CHECK(unb.ack_requested);
  CHECK(unb.test);
  CHECK(describe_party(unb, false) == "EDIFACT receiver 14/5498765000017 (UNB S003)");
  const auto& ung = facts[1];
  CHECK(ung.level == EnvelopeLevel::group);
  CHECK(ung.functional_id == "ORDERS");
  CHECK(ung.control == "77");

  auto sniffed = edifact->sniff(kEdifact);
  REQUIRE(sniffed);
  CHECK(sniffed->control == "REF+1");
  CHECK(sniffed->sender.id == "5412345000013");
  CHECK_FALSE(edifact->sniff("UNH+1+ORDERS:D:96A:UN'").ok());  // bare message: nothing to route by
}
