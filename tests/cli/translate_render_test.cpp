// `edigate translate`, `edigate render` and `edigate partners check` as users run the binary:
// exit codes, stdout/stderr, real plugins and partner folders written into a temp dir.
#include "cli_workspace.hpp"
#include "corpus.hpp"
#include "synthetic_850.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

using Run = edigate::test::CommandResult;
using Workspace = edigate::test::Workspace;

using edigate::test::acme_partner;
using edigate::test::kAcme850In;
using edigate::test::kAcme850Out;
using edigate::test::kSynthetic850In;
using edigate::test::kSynthetic850Out;

std::string interchange(const std::string& sender, const std::string& sets, int count) {
  std::string padded = sender;
  padded.resize(15, ' ');
  return "ISA*00*          *00*          *ZZ*" + padded +
         "*ZZ*EDIGATE        *240312*1200*U*00401*000000905*0*P*>~\n"
         "GS*PO*" +
         sender + "*EDIGATE*20240312*1200*905*X*004010~\n" + sets + "GE*" + std::to_string(count) +
         "*905~\nIEA*1*000000905~\n";
}

const std::string kGood = "ST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA***VP*A1~\nCTT*1~\nSE*5*0001~\n";
const std::string kBad = "ST*850*0002~\nBEG*00*SA*PO-2**20241341~\nPO1*1*1*EA***VP*A1~\nCTT*1~\nSE*5*0002~\n";

void setup(const Workspace& w) {
  w.write("partners/acme/partner.xml",
          acme_partner({kAcme850In, kAcme850Out}, R"(<control-numbers interchange-start="42"/>)"));
  w.write("partners/acme/maps/850.in.xml", kSynthetic850In);
  w.write("partners/acme/maps/850.out.xml", kSynthetic850Out);
  fs::create_directories(w.dir / "maps");
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("translate routes by ISA sender and prints one JSON line per message", "[cli][translate]") {
  Workspace w;
  setup(w);
  w.write("po.edi", interchange("ACME", kGood, 1));
  auto r = w.run("translate po.edi");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(count_lines(r.out) == 1);
  CHECK(r.out.find(R"("partner_id":"acme")") != std::string::npos);
  CHECK(
      r.out.find(
          R"("po_number":"PO-1","po_date":"2024-03-12","purpose":"original","lines":[{"line_number":"1","quantity":"2","uom":"EA","items":{"vendor_part":"A1"}}]})") !=
      std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("translate: one bad and one good transaction give one message, one positioned error, exit 1",
          "[cli][translate]") {
  Workspace w;
  setup(w);
  const std::string text = interchange("ACME", kBad + kGood, 2);
  w.write("po.edi", text);
  auto r = w.run("translate --partner acme po.edi");
  CHECK(r.status == 1);
  CHECK(count_lines(r.out) == 1);
  CHECK(r.out.find("PO-1") != std::string::npos);
  CHECK(r.out.find("PO-2") == std::string::npos);
  const std::string where = "po.edi:" + std::to_string(text.find("BEG*00*SA*PO-2")) + ": segment 4 (BEG) element 5:";
  CHECK(r.err.rfind(where, 0) == 0);
  CHECK(r.err.find("[schema.element.invalid_date]") != std::string::npos);
  CHECK(count_lines(r.err) == 1);
}

TEST_CASE("translate: an unknown partner or sender is exit 3 (configuration) naming it and a missing file exit 2",
          "[cli][translate]") {
  Workspace w;
  setup(w);
  w.write("po.edi", interchange("STRANGER", kGood, 1));
  auto unknown_sender = w.run("translate po.edi");
  CHECK(unknown_sender.status == 3);
  CHECK(unknown_sender.out.empty());
  CHECK(unknown_sender.err.find("no partner profile claims X12 sender ZZ/STRANGER") != std::string::npos);
  auto unknown_partner = w.run("translate --partner nobody po.edi");
  CHECK(unknown_partner.status == 3);
  CHECK(unknown_partner.err.find("unknown partner 'nobody'") != std::string::npos);
  CHECK(w.run("translate missing.edi").status == 2);
  CHECK(w.run("translate").status == 2);
  CHECK(w.run("translate --help").out.find("usage: edigate translate") != std::string::npos);
}

TEST_CASE("translate reads carrier JSON with the partner's JSON map", "[cli][translate][json]") {
  Workspace w;
  w.write(
      "partners/ups-api/partner.xml",
      "<partner xmlns=\"urn:edigate:partner:1\" id=\"ups-api\" standard=\"json\" utc-offset=\"-05:00\"><name>UPS</name>"
      "<identities/><documents><document type=\"tracking\" direction=\"inbound\" "
      "map=\"base/json/ups.tracking.inbound.xml\"/>"
      "</documents></partner>");
  w.write(
      "ups.json",
      R"({"trackResponse":{"shipment":[{"package":[{"trackingNumber":"1Z9","activity":[{"status":{"type":"O"},"date":"20240310","time":"0915"}]}]}]}})");
  auto r = w.run("translate --partner ups-api --maps " + std::string(EDIGATE_SOURCE_DIR) + "/maps ups.json");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(count_lines(r.out) == 1);
  CHECK(
      r.out.find(R"("correlation":{"tracking_numbers":["1Z9"]},"tracking_number":"1Z9","status":"out_for_delivery")") !=
      std::string::npos);
  CHECK(r.out.find(R"("timestamp":"2024-03-10T09:15:00-05:00")") != std::string::npos);
}

TEST_CASE("render writes the interchange for the partner and translate reads it back the same", "[cli][render]") {
  Workspace w;
  setup(w);
  w.write("po.edi", interchange("ACME", kGood, 1));
  auto a = w.run("translate po.edi");
  REQUIRE(a.status == 0);
  w.write("po.jsonl", a.out);
  auto r = w.run("render --partner acme --date 20240315 --time 0930 po.jsonl");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "ISA*00*          *00*          *ZZ*EDIGATE        *ZZ*ACME           *240315*0930*U*00401*000000042*0*P*:~\n"
        "GS*PO*EDIGATE*ACME*20240315*0930*1*X*004010~\n"
        "ST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA***VP*A1~\nCTT*1~\nSE*5*0001~\n"
        "GE*1*1~\nIEA*1*000000042~\n");
  // -o FILE and the control-number options.
  auto o = w.run("render --partner acme --date 20240315 --time 0930 --interchange-control 900 -o out.edi po.jsonl");
  CHECK(o.status == 0);
  CHECK(o.out.empty());
  CHECK(edigate::test::read_file(w.dir / "out.edi").find("*000000900*0*P*") != std::string::npos);
  CHECK(w.run("render po.jsonl").status == 2);  // --partner is required
  CHECK(w.run("render --partner acme --date 2024-03-15 po.jsonl").status == 2);
  CHECK(w.run("render --partner nobody po.jsonl").status == 3);  // configuration
  w.write("bad.jsonl", "{not json\n");
  auto bad = w.run("render --partner acme bad.jsonl");
  CHECK(bad.status == 1);
  CHECK(bad.err.find("bad.jsonl:1") != std::string::npos);
}

TEST_CASE("partners check translates samples and round-trips them with one line each", "[cli][partners]") {
  Workspace w;
  setup(w);
  w.write("partners/acme/samples/po.edi", interchange("ACME", kGood, 1));
  w.write("partners/acme/samples/broken.edi", interchange("ACME", kBad, 1));
  auto r = w.run("partners check acme");
  INFO(r.out + r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("partners/acme/samples/po.edi: ok: 1 message(s), 1 round trip(s) equal") != std::string::npos);
  CHECK(r.out.find("partners/acme/samples/broken.edi: FAILED: 1 error(s)") != std::string::npos);
  CHECK(r.out.find("[schema.element.invalid_date]") != std::string::npos);
  CHECK(r.out.find("1 profile(s) loaded, 0 problem(s), 1 sample(s) failed") != std::string::npos);
  fs::remove(w.dir / "partners/acme/samples/broken.edi");
  CHECK(w.run("partners check acme").status == 0);

  // A broken map is reported with its own file:line:col at the <document> naming it.
  w.write("partners/acme/maps/850.in.xml", "<map id=\"x\" direction=\"inbound\"><bogus/></map>\n");
  auto broken = w.run("partners check acme");
  CHECK(broken.status == 1);
  CHECK(broken.err.find("partner.xml:6: map for 850 inbound does not load:") != std::string::npos);
  CHECK(broken.err.find("850.in.xml:1:") != std::string::npos);
  // The quoted cause does not repeat the code the outer error already carries.
  CHECK(broken.err.find("] [mapping.") == std::string::npos);
  CHECK(broken.out.find("] [mapping.") == std::string::npos);
}

TEST_CASE("render refuses a submission its canonical schema rejects, naming the field, and writes nothing",
          "[cli][render]") {
  Workspace w;
  setup(w);
  // A misspelt field inside a line, and a message without its required po_number.
  w.write(
      "bad.jsonl",
      R"({"schema":"edigate.canonical/v1","type":"purchase_order","partner_id":"acme","po_number":"PO-1","po_date":"2024-03-12","purpose":"original","lines":[{"line_number":"1","quantity":"2","uom":"EA","items":{"vendor_part":"A1"},"unit_prcie":"1.00"}]})"
      "\n"
      R"({"schema":"edigate.canonical/v1","type":"purchase_order","partner_id":"acme","po_date":"2024-03-12","purpose":"original","lines":[{"line_number":"1","quantity":"2","uom":"EA","items":{"vendor_part":"A1"}}]})"
      "\n");
  auto r = w.run("render --partner acme --date 20240315 --time 0930 -o out.edi bad.jsonl");
  CHECK(r.status == 1);
  CHECK(r.err.find("bad.jsonl:1: not a valid purchase_order at /lines/0:") != std::string::npos);
  CHECK(r.err.find("'unit_prcie'") != std::string::npos);
  CHECK(r.err.find("bad.jsonl:2: not a valid purchase_order at /: Missing required property 'po_number'") !=
        std::string::npos);
  CHECK(r.err.find("[render.message.invalid]") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(w.dir / "out.edi"));
  // The same message without the typo renders (an ERP's submission has no message_id or source).
  w.write(
      "good.jsonl",
      R"({"schema":"edigate.canonical/v1","type":"purchase_order","partner_id":"acme","po_number":"PO-1","po_date":"2024-03-12","purpose":"original","lines":[{"line_number":"1","quantity":"2","uom":"EA","items":{"vendor_part":"A1"}}]})"
      "\n");
  auto good = w.run("render --partner acme --date 20240315 --time 0930 good.jsonl");
  INFO(good.err);
  CHECK(good.status == 0);
  CHECK(good.out.find("BEG*00*SA*PO-1**20240312~") != std::string::npos);
}
