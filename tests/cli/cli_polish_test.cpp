// How the binary talks to people: "did you mean" for commands, options and partner ids, a
// short usage after a mistake, file names in errors, per-command help, aligned tables,
// readable parse output, and which partners/maps folders a command falls back to.
#include "cli_workspace.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

namespace fs = std::filesystem;
using edigate::test::Workspace;

namespace {

const std::string kSource = EDIGATE_SOURCE_DIR;

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

/// Runs edigate from the source tree (its ./partners and ./maps).
edigate::test::CommandResult in_source(const std::string& args) {
  return edigate::test::run_command("cd " + edigate::test::shell_quote(kSource) + " && " +
                                    edigate::test::edigate_binary() + " " + args);
}

/// A line as the characters a terminal shows: one string per UTF-8 sequence.
std::vector<std::string> characters(const std::string& line) {
  std::vector<std::string> out;
  for (char c : line) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80 && !out.empty())
      out.back() += c;
    else
      out.emplace_back(1, c);
  }
  return out;
}

/// Every row has its columns where the header has them: the cell starts at the header's
/// column, counted in characters (a name with umlauts must not shift the next column).
void check_aligned(const std::string& table, const std::vector<std::string>& headers) {
  auto rows = lines_of(table);
  REQUIRE(rows.size() >= 2);
  std::vector<std::size_t> at;
  for (const auto& h : headers) {
    at.push_back(rows[0].find(h));  // the header is ASCII: bytes are characters
    REQUIRE(at.back() != std::string::npos);
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    INFO("row: " << rows[r]);
    const auto row = characters(rows[r]);
    for (std::size_t c = 1; c < at.size(); ++c) {
      REQUIRE(row.size() > at[c]);
      CHECK(row[at[c] - 1] == " ");
      CHECK(row[at[c]] != " ");
    }
  }
}

}  // namespace

TEST_CASE("a mistyped command, option or subcommand gets a suggestion and a short usage", "[cli][usage]") {
  auto cmd = in_source("valdate samples/inbound/acme_850_4010.edi");
  CHECK(cmd.status == 2);
  CHECK(contains(cmd.err, "unknown command 'valdate'; did you mean 'validate'?"));
  CHECK(lines_of(cmd.err).size() <= 3);

  auto opt = in_source("validate --partnrs partners samples/inbound/acme_850_4010.edi");
  CHECK(opt.status == 2);
  CHECK(contains(opt.err, "edigate validate: unknown option '--partnrs'; did you mean '--partners'?"));
  CHECK(contains(opt.err, "usage: edigate validate [options] FILE..."));
  CHECK(contains(opt.err, "Run 'edigate validate --help' for the options."));
  CHECK_FALSE(contains(opt.err, "Checks envelopes"));  // not the whole help
  CHECK(lines_of(opt.err).size() <= 4);

  CHECK(contains(in_source("ack --kindd 997 x.edi").err, "did you mean '--kind'?"));
  CHECK(contains(in_source("partners lst").err, "did you mean 'list'?"));
  CHECK(contains(in_source("schemas chek").err, "did you mean 'check'?"));
  // Nothing close: no guess.
  auto far = in_source("frobnicate");
  CHECK(contains(far.err, "unknown command 'frobnicate'\n"));
  CHECK_FALSE(contains(far.err, "did you mean"));

  auto missing = in_source("translate");
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "edigate translate: no input file given\nusage: edigate translate"));
  CHECK(lines_of(missing.err).size() <= 3);
}

TEST_CASE("a mistyped partner id gets the closest known one", "[cli][usage][partners]") {
  auto t = in_source("translate --partner acme-retial samples/inbound/acme_850_4010.edi");
  CHECK(t.status == 3);  // configuration
  CHECK(contains(t.err, "unknown partner 'acme-retial' in partners; did you mean 'acme-retail'?"));
  auto c = in_source("partners check northwnd");
  CHECK(c.status == 2);
  CHECK(contains(c.err, "no partner 'northwnd' in partners; did you mean 'northwind'?"));
}

TEST_CASE("errors name the file, '-' for stdin, and never '<input>'", "[cli][errors]") {
  Workspace w("errors");
  w.write("junk.txt", "hello, this is not EDI\n");
  w.write("bad.jsonl", "{\"schema\":\n");
  const std::vector<std::string> runs{
      "validate junk.txt",
      "validate - < junk.txt",
      "parse - < junk.txt",
      "ack - < junk.txt",
      "translate - < junk.txt",
      "translate --partner nobody junk.txt",
      "render --partner nobody bad.jsonl",
      "validate missing.edi",
  };
  for (const auto& args : runs) {
    auto r = w.run(args);
    INFO(args << "\n" << r.out << r.err);
    CHECK(r.status != 0);
    CHECK_FALSE(contains(r.out + r.err, "<input>"));
  }
  CHECK(contains(w.run("validate - < junk.txt").out, "-:0: not recognised as X12"));
  CHECK(contains(w.run("validate junk.txt").out, "junk.txt:0: not recognised as X12"));
  auto unknown = w.run("translate --partner nobody junk.txt");
  CHECK(contains(unknown.err, "edigate translate: unknown partner 'nobody' in "));
}

TEST_CASE("each command's --help lists its own options and no others", "[cli][help]") {
  auto validate = in_source("validate --help").out;
  CHECK(contains(validate, "--summary"));
  CHECK(contains(validate, "--strict"));
  CHECK_FALSE(contains(validate, "--maps"));
  CHECK_FALSE(contains(validate, "--kind"));
  auto ack = in_source("ack --help").out;
  CHECK(contains(ack, "--kind auto|997|999|ta1|contrl"));
  CHECK_FALSE(contains(ack, "--summary"));
  CHECK_FALSE(contains(ack, "--maps"));
  auto translate = in_source("translate --help").out;
  CHECK(contains(translate, "--maps DIR"));
  CHECK(contains(translate, "--no-warnings"));
  CHECK_FALSE(contains(translate, "--kind"));
  auto parse = in_source("parse --help").out;
  CHECK(contains(parse, "--compact"));
  CHECK_FALSE(contains(parse, "--no-warnings"));
  auto render = in_source("render --help").out;
  CHECK(contains(render, "--local-id"));
  CHECK_FALSE(contains(render, "--strict"));
  auto plugins = in_source("plugins --help").out;
  CHECK(contains(plugins, "--plugins DIR"));
  CHECK_FALSE(contains(plugins, "--schemas"));
}

TEST_CASE("partners list, schemas list and plugins list align their columns", "[cli][tables]") {
  Workspace w("tables");
  // A name longer than any fixed column width the old tables had.
  REQUIRE(w.run("partners new a-partner-id-well-over-twenty-characters --standard x12-004010").status == 0);
  REQUIRE(w.run("partners new b --standard edifact-d96a").status == 0);
  std::string xml = w.read("partners/b/partner.xml");
  xml.replace(xml.find("<name>b</name>"), 14, "<name>Bärenmarke Großhandel GmbH &amp; Co. KG Niederlassung Süd</name>");
  w.write("partners/b/partner.xml", xml);
  auto partners = w.run("partners list");
  INFO(partners.out << partners.err);
  REQUIRE(partners.status == 0);
  check_aligned(partners.out, {"ID", "NAME", "STANDARD", "IDENTITIES", "DOCUMENTS"});

  auto schemas = in_source("schemas list");
  REQUIRE(schemas.status == 0);
  // The last line counts the rows ("6258 schema(s)"); the table is everything above it.
  const std::string table = schemas.out.substr(0, schemas.out.rfind('\n', schemas.out.size() - 2) + 1);
  CHECK(contains(schemas.out.substr(table.size()), " schema(s)"));
  check_aligned(table, {"STANDARD", "VERSION", "VARIANT", "SET", "NAME"});
  auto plugins = in_source("plugins list");
  REQUIRE(plugins.status == 0);
  check_aligned(plugins.out, {"NAME", "KIND", "VERSION", "ABI", "FILE"});
}

TEST_CASE("parse prints indented JSON, one segment per line, --compact prints the same on one line", "[cli][parse]") {
  auto readable = in_source("parse samples/inbound/acme_850_4010.edi");
  REQUIRE(readable.status == 0);
  auto rows = lines_of(readable.out);
  REQUIRE(rows.size() > 30);
  CHECK(rows[0] == "{");
  CHECK(rows[1] == "  \"file\": \"samples/inbound/acme_850_4010.edi\",");
  // 21 segments inside the two transactions, plus the ISA, GS, GE and IEA headers and trailers.
  const auto segment_lines =
      std::count_if(rows.begin(), rows.end(), [](const std::string& l) { return contains(l, "{\"tag\":"); });
  CHECK(segment_lines == 25);
  CHECK(std::count_if(rows.begin(), rows.end(),
                      [](const std::string& l) { return l.size() > 200 && !contains(l, "\"tag\""); }) == 0);

  auto compact = in_source("parse --compact samples/inbound/acme_850_4010.edi");
  REQUIRE(compact.status == 0);
  CHECK(lines_of(compact.out).size() == 1);
  Poco::JSON::Parser p1, p2;
  std::ostringstream a, b;
  Poco::JSON::Stringifier::condense(p1.parse(readable.out), a);
  Poco::JSON::Stringifier::condense(p2.parse(compact.out), b);
  CHECK(a.str() == b.str());
}

TEST_CASE("outside a source tree commands say which partners and maps they use, and they are the live ones",
          "[cli][folders]") {
  // In the build tree the fallback folders are links to the source folders, not copies.
  const fs::path share = fs::path(EDIGATE_BUILD_DIR) / "share" / "edigate";
  for (const char* name : {"partners", "maps"}) {
    INFO(name);
    CHECK(fs::is_symlink(share / name));
    CHECK(fs::equivalent(share / name, fs::path(kSource) / name));
  }
  Workspace w("folders");  // no ./partners, no ./maps
  fs::copy_file(kSource + "/samples/inbound/acme_850_4010.edi", w.dir / "po.edi");
  auto t = w.run("translate po.edi");
  INFO(t.err);
  CHECK(t.status == 0);
  CHECK(contains(t.out, "\"partner_id\":\"acme-retail\""));
  CHECK(contains(t.err, "edigate translate: partners from " + (share / "partners").lexically_normal().string() +
                            ", maps from " + (share / "maps").lexically_normal().string()));
  CHECK(lines_of(t.err).size() == 1);
  // validate reads partners only for --partner: then it says where from, too.
  auto validate = w.run("validate --partner acme-retail po.edi");
  CHECK(validate.status == 0);
  CHECK(validate.err == "edigate validate: partners from " + (share / "partners").lexically_normal().string() +
                            " (no ./partners or ./maps here; --partners, --maps choose)\n");
  CHECK(w.run("validate po.edi").err.empty());
  auto check = w.run("partners check acme-retail");
  CHECK(contains(check.out, "(partners " + (share / "partners").lexically_normal().string()));
  // Given folders, or ./partners and ./maps, are not announced.
  fs::create_directories(w.dir / "partners");
  auto quiet = w.run("translate --partners " + kSource + "/partners --maps " + kSource + "/maps po.edi");
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
}
