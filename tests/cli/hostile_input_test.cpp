// Careless and hostile input through the real binary: values that do not fit are refused
// instead of written as invalid EDI, -o is replaced only on success, options are checked, and
// commands that produce nothing say so with a non-zero exit.
#include "cli_workspace.hpp"
#include "synthetic_850.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <filesystem>

namespace fs = std::filesystem;

namespace {

using Workspace = edigate::test::Workspace;

/// A canonical purchase order whose body members (beside the envelope) are `body` (JSON text).
std::string message(const std::string& body) {
  return R"({"schema":"edigate.canonical/v1","type":"purchase_order","message_id":"m1","partner_id":"acme","direction":"outbound","source":{"standard":"x12"},"correlation":{},)" +
         body + "}\n";
}
const std::string kGoodBody =
    R"("po_number":"PO-1","po_date":"2024-03-12","purpose":"original","lines":[{"line_number":"1","quantity":"2","uom":"EA","items":{"vendor_part":"A1"}}])";

void setup(const Workspace& w) {
  w.write("partners/acme/partner.xml", edigate::test::acme_partner({edigate::test::kAcme850Out}));
  w.write("partners/acme/maps/850.out.xml", edigate::test::kSynthetic850Out);
  fs::create_directories(w.dir / "maps");
}

std::string render(const Workspace& w, const std::string& body, edigate::test::CommandResult& r) {
  w.write("in.jsonl", message(body));
  r = w.run("render --partner acme --date 20240315 --time 0930 in.jsonl");
  return r.out;
}

}  // namespace

TEST_CASE("render writes a good message and refuses values that do not fit their element", "[cli][render][hostile]") {
  Workspace w;
  setup(w);
  edigate::test::CommandResult r;
  render(w, kGoodBody, r);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("BEG*00*SA*PO-1**20240312~") != std::string::npos);

  struct Case {
    std::string what, body, code;
  };
  const std::string long_po(200, 'P');
  for (const Case& c : std::vector<Case>{
           {"200-character po_number (BEG03 holds 22)", R"("po_number":")" + long_po + R"(","po_date":"2024-03-12")",
            "schema.element"},
           {"date 2026-13-45", R"("po_number":"PO-1","po_date":"2026-13-45")", "date"},
           {"CR LF inside a value", R"("po_number":"PO-1\r\nIEA*1*1","po_date":"2024-03-12")",
            "mapping.render.control_character"},
           {"NUL inside a value", R"("po_number":"PO\u00001","po_date":"2024-03-12")",
            "mapping.render.control_character"},
           // The canonical schema says po_number is text: refused before the map runs.
           {"an array where text is expected", R"("po_number":["A","B"],"po_date":"2024-03-12")",
            "/po_number: Value type not permitted"},
           {"a boolean where text is expected", R"("po_number":true,"po_date":"2024-03-12")",
            "/po_number: Value type not permitted"},
       }) {
    INFO(c.what);
    render(
        w,
        c.body +
            R"(,"purpose":"original","lines":[{"line_number":"1","quantity":"2","uom":"EA","items":{"vendor_part":"A1"}}])",
        r);
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK(r.out.find("ST*850") == std::string::npos);  // nothing invalid written
    CHECK(r.err.find("in.jsonl:1") != std::string::npos);
    CHECK(r.err.find(c.code) != std::string::npos);
  }
}

TEST_CASE("render -o replaces FILE only when everything rendered", "[cli][render][hostile]") {
  Workspace w;
  setup(w);
  w.write("out.edi", "previous content\n");
  w.write(
      "bad.jsonl",
      message(
          R"("po_number":true,"po_date":"2024-03-12","purpose":"original","lines":[{"line_number":"1","quantity":"2","uom":"EA","items":{"vendor_part":"A1"}}])"));
  auto bad = w.run("render --partner acme --date 20240315 --time 0930 -o out.edi bad.jsonl");
  CHECK(bad.status == 1);
  CHECK(w.read("out.edi") == "previous content\n");
  CHECK(bad.err.find("out.edi: not written") != std::string::npos);
  for (const auto& entry : fs::directory_iterator(w.dir))  // no temporary file left behind
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);

  w.write("good.jsonl", message(kGoodBody));
  auto good = w.run("render --partner acme --date 20240315 --time 0930 -o out.edi good.jsonl");
  INFO(good.err);
  CHECK(good.status == 0);
  CHECK(w.read("out.edi").rfind("ISA*", 0) == 0);
}

TEST_CASE("render, validate and ack check their numeric and id options", "[cli][hostile]") {
  Workspace w;
  setup(w);
  w.write("good.jsonl", message(kGoodBody));
  for (const std::string bad :
       {"--date 20261345", "--date 20230229", "--time 2460", "--time 1299", "--local-id \"$(printf 'A\\001B')\"",
        "--interchange-control -5", "--interchange-control 99999999999999999999"}) {
    INFO(bad);
    auto r = w.run("render --partner acme " + bad + " good.jsonl");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
  }
  CHECK(w.run("render --partner acme --date 20240229 --time 2359 good.jsonl").status == 0);
  w.write(
      "po.edi",
      "ISA*00*          *00*          *ZZ*ACME           *ZZ*EDIGATE        *240312*1200*U*00401*000000905*0*P*>~\n");
  for (const std::string bad : {"--date 20261345", "--time 2460", "--date 2024031"}) {
    INFO("ack " << bad);
    CHECK(w.run("ack " + bad + " po.edi").status == 2);
  }
  CHECK(w.run("ack --date 20240229 --time 2359 po.edi").status != 2);  // valid options are accepted
  for (const std::string bad : {"-5", "99999999999999999999999", "18446744073709551615", "12x", "15"}) {
    INFO(bad);
    auto r = w.run("validate --max-segment-length " + bad + " po.edi");
    CHECK(r.status == 2);
    CHECK(r.err.find("--max-segment-length") != std::string::npos);
  }
}

TEST_CASE("ack exits non-zero when it wrote no acknowledgement", "[cli][ack][hostile]") {
  Workspace w;
  w.write("po.edi",
          "ISA*00*          *00*          *ZZ*ACME           *ZZ*EDIGATE        *240312*1200*U*00401*000000905*0*P*>~\n"
          "GS*PO*ACME*EDIGATE*20240312*1200*905*X*004010~\nST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA~\n"
          "CTT*1~\nSE*5*0001~\nGE*1*905~\nIEA*1*000000905~\n");
  auto written = w.run("ack po.edi");
  INFO(written.err);
  CHECK(written.status == 0);
  CHECK(written.out.rfind("ISA*", 0) == 0);
  // X12 by its first bytes, but no interchange in it: there is nothing to acknowledge.
  w.write("short.edi", "ISA*00*          *00");
  auto none = w.run("ack short.edi");
  CHECK(none.status == 1);
  CHECK(none.out.empty());
  CHECK(none.err.find("no acknowledgement written") != std::string::npos);
  w.write("empty.edi", "");
  CHECK(w.run("ack empty.edi").status != 0);
}

TEST_CASE("a FIFO with no writer as input is refused at once, not waited on", "[cli][hostile]") {
  Workspace w;
  REQUIRE(::mkfifo((w.dir / "in.edi").c_str(), 0600) == 0);
  for (const std::string command : {"validate", "ack", "translate", "parse"}) {
    INFO(command);
    // `timeout` turns a hang into a failure instead of a stuck test run.
    auto r = edigate::test::run_command("cd " + edigate::test::shell_quote(w.dir.string()) + " && timeout 20 " +
                                        edigate::test::edigate_binary() + " " + command + " in.edi; echo status=$?");
    CHECK(r.out.find("status=2") != std::string::npos);
    CHECK((r.out + r.err).find("FIFO has no writer") != std::string::npos);
  }
}

TEST_CASE("carrier JSON with no message in it is an error, not exit 0 with nothing", "[cli][translate][hostile]") {
  Workspace w;
  w.write("partners/ups-api/partner.xml",
          "<partner xmlns=\"urn:edigate:partner:1\" id=\"ups-api\" standard=\"json\"><name>UPS</name>"
          "<identities/><documents><document type=\"tracking\" direction=\"inbound\" "
          "map=\"base/json/ups.tracking.inbound.xml\"/>"
          "</documents></partner>");
  w.write("empty.json", "{}");
  auto r = w.run("translate --partner ups-api --maps " + std::string(EDIGATE_SOURCE_DIR) + "/maps empty.json");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("translate.json.no_message") != std::string::npos);
}

TEST_CASE("partners check reports a partner.xml that is a FIFO instead of '0 problems'", "[cli][partners][hostile]") {
  Workspace w;
  fs::create_directories(w.dir / "partners" / "pipe");
  fs::create_directories(w.dir / "maps");
  REQUIRE(::mkfifo((w.dir / "partners" / "pipe" / "partner.xml").c_str(), 0600) == 0);
  auto r = edigate::test::run_command("cd " + edigate::test::shell_quote(w.dir.string()) + " && timeout 20 " +
                                      edigate::test::edigate_binary() + " partners check");
  CHECK(r.status == 1);
  CHECK(r.out.find("1 problem(s)") != std::string::npos);
  CHECK(r.err.find("not a regular file") != std::string::npos);
}

TEST_CASE("ack rejects the repeat of an interchange in one file with TA1 note 025", "[cli][ack][hostile]") {
  Workspace w;
  const std::string one =
      "ISA*00*          *00*          *ZZ*ACME           *ZZ*EDIGATE        *240312*1200*U*00401*000000905*0*P*>~\n"
      "GS*PO*ACME*EDIGATE*20240312*1200*905*X*004010~\nST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA~\n"
      "CTT*1~\nSE*5*0001~\nGE*1*905~\nIEA*1*000000905~\n";
  w.write("twice.edi", one + one);
  auto r = w.run("ack --ta1 on-error --date 20240315 --time 0930 twice.edi");
  INFO(r.err);
  CHECK(r.out.find("TA1*000000905*240312*1200*R*025~") != std::string::npos);
  CHECK(r.out.find("TA1*000000905*240312*1200*A*000~") == std::string::npos);
  CHECK(r.err.find("x12.isa.duplicate_control") != std::string::npos);
  auto v = w.run("validate twice.edi");
  CHECK(v.status == 1);

  // EDIFACT: the repeat's CONTRL rejects it at UCI level with 0085 code 26 (duplicate detected).
  const std::string unb =
      "UNB+UNOA:3+SENDER:14+RECEIVER:14+240101:1200+REF1'UNH+1+ORDERS:D:96A:UN'BGM+220+1+9'"
      "DTM+137:20240101:102'NAD+BY+1::9'LIN+1'UNS+S'UNT+7+1'UNZ+1+REF1'";
  w.write("twice.edifact", unb + unb);
  auto c = w.run("ack --date 20240315 --time 0930 twice.edifact");
  CHECK(c.out.find("UCI+REF1+SENDER:14+RECEIVER:14+7'") != std::string::npos);
  CHECK(c.out.find("UCI+REF1+SENDER:14+RECEIVER:14+4+26+UNB+5'") != std::string::npos);
}
