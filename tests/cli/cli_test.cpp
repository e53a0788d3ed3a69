// The `edigate` binary as users run it: exit codes, output formats, stdin.
#include "corpus.hpp"
#include "process.hpp"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

using Run = edigate::test::CommandResult;

const std::string kEdigate = std::string(EDIGATE_BUILD_DIR) + "/bin/edigate";
const std::string kSamples = std::string(EDIGATE_SOURCE_DIR) + "/samples/inbound";

// Runs edigate from the source folder with a shell command line tail.
Run run_edigate(const std::string& args, const std::string& stdin_file = "") {
  std::string cmd = "cd " + std::string(EDIGATE_SOURCE_DIR) + " && " + kEdigate + " " + args;
  if (!stdin_file.empty()) cmd += " <" + stdin_file;
  return edigate::test::run_command(cmd);
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string temp_file(const std::string& name, const std::string& bytes) {
  auto p = fs::temp_directory_path() / ("edigate-cli-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

}  // namespace

TEST_CASE("the program and every command answer the version and help flags", "[cli]") {
  auto v = run_edigate("--version");
  CHECK(v.status == 0);
  CHECK_THAT(v.out, Catch::StartsWith("edigate 0."));
  for (std::string cmd : {"validate", "parse", "ack", "plugins", "schemas", "translate", "render", "canonical"}) {
    INFO(cmd);
    auto h = run_edigate(cmd + " --help");
    CHECK(h.status == 0);
    CHECK_THAT(h.out, Catch::Contains("usage: edigate " + cmd));
    auto ver = run_edigate(cmd + " --version");
    CHECK(ver.status == 0);
    CHECK_THAT(ver.out, Catch::StartsWith("edigate "));
  }
  auto unknown = run_edigate("frobnicate");
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown command 'frobnicate'"));
}

TEST_CASE("validate exits 0 and prints nothing for valid partner files", "[cli][validate]") {
  for (std::string f :
       {"acme_850_4010.edi", "widgetworks_856_4010.edi", "eurofood_orders_d96a.edi", "eurofood_desadv_d96a.edi"}) {
    INFO(f);
    auto r = run_edigate("validate samples/inbound/" + f);
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.empty());
  }
}

TEST_CASE("validate prints one positioned line per problem and exits 1", "[cli][validate]") {
  auto r = run_edigate("validate samples/inbound/northwind_850_5010_one_bad.edi");
  CHECK(r.status == 1);
  auto out = lines(r.out);
  REQUIRE(out.size() >= 2);
  // BEG05 "20261341" is not a date; the second set's SE01 says 9 but it has 6 segments.
  // The second BEG is segment 10 of the file, at byte offset 298 (hand-counted).
  CHECK_THAT(r.out, Catch::Contains("samples/inbound/northwind_850_5010_one_bad.edi:298: segment 10 (BEG) element 5:"));
  CHECK_THAT(r.out, Catch::Contains("[schema.element.invalid_date]"));
  CHECK_THAT(r.out, Catch::Contains("(SE)"));
  for (const auto& l : out) CHECK_THAT(l, Catch::StartsWith("samples/inbound/northwind_850_5010_one_bad.edi:"));
}

TEST_CASE("validate reads stdin for '-' and names it '-'", "[cli][validate]") {
  auto good = run_edigate("validate -", kSamples + "/acme_850_4010.edi");
  CHECK(good.status == 0);
  auto bad = run_edigate("validate -", kSamples + "/northwind_850_5010_one_bad.edi");
  CHECK(bad.status == 1);
  CHECK_THAT(bad.out, Catch::StartsWith("-:"));
}

TEST_CASE("validate exits 2 for a missing file and 1 for input that is not EDI", "[cli][validate]") {
  auto missing = run_edigate("validate /nonexistent/po.edi");
  CHECK(missing.status == 2);
  CHECK_THAT(missing.out, Catch::Contains("/nonexistent/po.edi: cannot open"));
  auto garbage = temp_file("garbage.bin", std::string("\x01\x02\xff\xfe garbage \x00\x00 bytes", 22));
  auto g = run_edigate("validate " + garbage);
  CHECK(g.status == 1);
  CHECK_THAT(g.out, Catch::Contains(garbage + ":0:"));
  fs::remove(garbage);
  auto usage = run_edigate("validate");
  CHECK(usage.status == 2);
  auto bad_option = run_edigate("validate --frob x.edi");
  CHECK(bad_option.status == 2);
}

TEST_CASE("validate: a truncated interchange is invalid with the missing trailer named", "[cli][validate]") {
  std::string bytes = edigate::test::read_file(kSamples + "/acme_850_4010.edi");
  auto cut = bytes.find("GE*2*101");
  REQUIRE(cut != std::string::npos);
  auto file = temp_file("truncated.edi", bytes.substr(0, cut));
  auto r = run_edigate("validate " + file);
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("GE"));
  fs::remove(file);
}

TEST_CASE("parse --format json gives interchanges, groups, transactions and positioned segments", "[cli][parse]") {
  auto r = run_edigate("parse samples/inbound/acme_850_4010.edi --format json");
  REQUIRE(r.status == 0);
  Poco::JSON::Parser parser;
  auto root = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(root->getValue<std::string>("standard") == "X12");
  auto interchanges = root->getArray("interchanges");
  REQUIRE(interchanges->size() == 1);
  auto ic = interchanges->getObject(0);
  CHECK(ic->getObject("header")->getValue<std::string>("tag") == "ISA");
  CHECK(ic->getObject("delimiters")->getValue<std::string>("element") == "*");
  CHECK(ic->getObject("delimiters")->getValue<std::string>("component") == ">");
  auto groups = ic->getArray("groups");
  REQUIRE(groups->size() == 1);
  auto txs = groups->getObject(0)->getArray("transactions");
  REQUIRE(txs->size() == 2);
  auto t0 = txs->getObject(0);
  CHECK(t0->getValue<std::string>("set") == "850");
  CHECK(t0->getValue<std::string>("control") == "0001");
  auto segs = t0->getArray("segments");
  REQUIRE(segs->size() == 14);
  auto beg = segs->getObject(1);
  CHECK(beg->getValue<std::string>("tag") == "BEG");
  CHECK(beg->getValue<int>("index") == 4);     // ISA, GS, ST, BEG
  CHECK(beg->getValue<int>("offset") == 177);  // ISA line 107 + GS line 57 + ST line 13
  CHECK(beg->getArray("elements")->getElement<std::string>(2) == "4500012345");
  CHECK(groups->getObject(0)->getObject("trailer")->getValue<std::string>("tag") == "GE");
}

TEST_CASE("parse shows EDIFACT composites as arrays and unescapes release characters", "[cli][parse]") {
  auto r = run_edigate("parse samples/inbound/eurofood_orders_d96a.edi");
  REQUIRE(r.status == 0);
  Poco::JSON::Parser parser;
  auto root = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(root->getValue<std::string>("standard") == "EDIFACT");
  auto tx = root->getArray("interchanges")
                ->getObject(0)
                ->getArray("groups")
                ->getObject(0)
                ->getArray("transactions")
                ->getObject(0);
  CHECK(tx->getValue<std::string>("set") == "ORDERS");
  auto segs = tx->getArray("segments");
  auto dtm = segs->getObject(2);
  CHECK(dtm->getValue<std::string>("tag") == "DTM");
  auto c507 = dtm->getArray("elements")->getArray(0);
  REQUIRE(c507->size() == 3);
  CHECK(c507->getElement<std::string>(1) == "20261122");
  auto imd = segs->getObject(13);
  CHECK(imd->getValue<std::string>("tag") == "IMD");
  auto c273 = imd->getArray("elements")->getArray(2);
  CHECK(c273->getElement<std::string>(3) == "ORANGE JUICE 1L+ PULP");
}

TEST_CASE("ack accepts the good set and rejects the bad one in the same group", "[cli][ack]") {
  auto r = run_edigate("ack --date 20261122 --time 1200 --control 42 samples/inbound/northwind_850_5010_one_bad.edi");
  REQUIRE(r.status == 0);
  // 005010 -> 999, sender and receiver swapped, our control numbers.
  CHECK_THAT(r.out, Catch::Contains("*ZZ*EDIGATEDEMO    *ZZ*NORTHWIND      *261122*1200*"));
  CHECK_THAT(r.out, Catch::Contains("*000000042*"));
  CHECK_THAT(r.out, Catch::Contains("ST*999*"));
  CHECK_THAT(r.out, Catch::Contains("AK1*PO*233*005010"));
  CHECK_THAT(r.out, Catch::Contains("AK2*850*0101"));
  CHECK_THAT(r.out, Catch::Contains("IK5*A"));
  CHECK_THAT(r.out, Catch::Contains("AK2*850*0102"));
  CHECK_THAT(r.out, Catch::Contains("IK5*R"));
  CHECK_THAT(r.out, Catch::Contains("AK9*P*2*2*1"));
  // The bad date is BEG05 of the second set: segment 2 of that set, element 5, code 8.
  CHECK_THAT(r.out, Catch::Contains("IK3*BEG*2**8"));
  CHECK_THAT(r.out, Catch::Contains("IK4*5*373*8*20261341"));
}

TEST_CASE("ack answers a 4010 group with a 997 and a requested TA1", "[cli][ack]") {
  // --ta1 overrides the partner's policy (on_error): the interchange asks for one (ISA14=1).
  auto r = run_edigate("ack --ta1 requested --date 20261122 --time 1200 samples/inbound/acme_850_4010.edi");
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("TA1*000000101*261122*1030*A*000"));
  CHECK_THAT(r.out, Catch::Contains("ST*997*"));
  CHECK_THAT(r.out, Catch::Contains("AK1*PO*101"));
  CHECK_THAT(r.out, Catch::Contains("AK9*A*2*2*2"));
}

TEST_CASE("ack routes to the sending partner: its TA1 policy and its control numbers apply", "[cli][ack]") {
  // acme-retail: <acks ta1="on_error"/>, <control-numbers interchange-start="5001" group-start="5001">.
  auto r = run_edigate("ack --date 20261122 --time 1200 samples/inbound/acme_850_4010.edi");
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, !Catch::Contains("TA1*"));
  CHECK_THAT(r.out, Catch::Contains("*000005001*0*P*"));
  CHECK_THAT(r.out, Catch::Contains("GS*FA*EDIGATEDEMO*ACMERETAIL*20261122*1200*5001*X*004010~"));
  auto forced = run_edigate("ack --partner acme-retail --date 20261122 --time 1200 samples/inbound/acme_850_4010.edi");
  CHECK(forced.out == r.out);  // --partner and routing give the same answer
  auto overridden = run_edigate("ack --control 7 --date 20261122 --time 1200 samples/inbound/acme_850_4010.edi");
  CHECK_THAT(overridden.out, Catch::Contains("*000000007*0*P*"));
}

TEST_CASE("ack exits 1 when it has nothing to acknowledge", "[cli][ack]") {
  auto r = run_edigate("ack --standard edifact --date 20261122 --time 1200 samples/inbound/acme_850_4010.edi");
  CHECK(r.status != 0);
  CHECK(r.out.empty());
}

TEST_CASE("ack answers EDIFACT with a CONTRL", "[cli][ack]") {
  auto r = run_edigate("ack --date 20261122 --time 1200 samples/inbound/eurofood_orders_d96a.edi");
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("CONTRL"));
  CHECK_THAT(r.out, Catch::Contains("UCI+EF000731+5412345000013:14+5498765000017:14+7"));
}

TEST_CASE("plugins list shows both format plugins with kind, version, ABI and file", "[cli][plugins]") {
  auto r = run_edigate("plugins list");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("NAME"));
  bool x12 = false, edifact = false;
  for (const auto& l : lines(r.out)) {
    if (l.rfind("x12 ", 0) == 0)
      x12 = l.find("format") != std::string::npos && l.find("libedigate_x12.so") != std::string::npos;
    if (l.rfind("edifact ", 0) == 0)
      edifact = l.find("format") != std::string::npos && l.find("libedigate_edifact.so") != std::string::npos;
  }
  CHECK(x12);
  CHECK(edifact);
  auto bad = run_edigate("plugins list --plugins " + std::string(EDIGATE_BUILD_DIR) + "/test-plugins");
  CHECK(bad.status == 1);
  CHECK_THAT(bad.err, Catch::Contains("plugin.abi_mismatch"));
  CHECK_THAT(bad.out, Catch::Contains("fixture-good"));
}

TEST_CASE("schemas check loads every shipped schema", "[cli][schemas]") {
  auto r = run_edigate("schemas check");
  INFO(r.err);
  CHECK(r.status == 0);
  auto list = run_edigate("schemas list");
  CHECK_THAT(list.out, Catch::Contains("850"));
  CHECK_THAT(list.out, Catch::Contains("ORDERS"));
}

namespace {
// A partners folder with two profiles for the same sender: one default, one strict with 999s.
std::string partners_fixture() {
  auto dir = fs::temp_directory_path() / ("edigate-cli-partners-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (std::string id : {"lenient", "strict"}) {
    auto r = run_edigate("partners new " + id + " --standard x12-004010 --partners " + dir.string());
    REQUIRE(r.status == 0);
  }
  auto strict = dir / "strict" / "partner.xml";
  std::string xml = edigate::test::read_file(strict);
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = xml.find(from);
    REQUIRE(at != std::string::npos);
    xml.replace(at, from.size(), to);
  };
  replace("base=\"default\"", "base=\"strict\"");
  replace("functional=\"auto\" ta1=\"on_error\"", "functional=\"999\" ta1=\"never\"");
  replace("isa-id=\"STRICT\"", "isa-id=\"STRICTPARTNER\"");
  std::ofstream(strict, std::ios::binary) << xml;
  return dir.string();
}
}  // namespace

TEST_CASE("a named partner's tolerance and acknowledgement policy apply to validate and ack", "[cli][partners]") {
  std::string dir = partners_fixture();
  // A byte order mark is tolerated (warning) by default and an error for a strict partner.
  std::string bytes = "\xEF\xBB\xBF" + edigate::test::read_file(kSamples + "/acme_850_4010.edi");
  auto file = temp_file("bom_850.edi", bytes);
  auto lenient = run_edigate("validate --partners " + dir + " --partner lenient " + file);
  INFO(lenient.out << lenient.err);
  CHECK(lenient.status == 0);
  CHECK_THAT(lenient.out, Catch::Contains("warning"));
  auto strict = run_edigate("validate --partners " + dir + " --partner strict " + file);
  CHECK(strict.status == 1);
  CHECK_THAT(strict.out, Catch::Contains(file + ":0:"));

  // The strict partner gets 999s and never a TA1, even for a 4010 group that asks for one.
  auto ack = run_edigate("ack --date 20261122 --time 1200 --partners " + dir + " --partner strict " + kSamples +
                         "/acme_850_4010.edi");
  CHECK(ack.status == 0);
  CHECK_THAT(ack.out, Catch::Contains("ST*999*"));
  CHECK_THAT(ack.out, !Catch::Contains("TA1*"));
  // --kind on the command line wins over the profile.
  auto forced = run_edigate("ack --kind 997 --date 20261122 --time 1200 --partners " + dir + " --partner strict " +
                            kSamples + "/acme_850_4010.edi");
  CHECK_THAT(forced.out, Catch::Contains("ST*997*"));

  auto unknown = run_edigate("validate --partners " + dir + " --partner nobody " + file);
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown partner 'nobody'"));
  CHECK_THAT(unknown.err, Catch::Contains("known: lenient, strict"));
  fs::remove_all(dir);
  fs::remove(file);
}
