// What `edigate schemas list|show|check` say when asked for something the library does not
// have, typed as an analyst types it from a partner's spec sheet: lower case, a short X12
// version, a group id for a segment; and code lists in the order people read them.
#include "cli/commands.hpp"
#include "cli_schemas_support.hpp"
#include "schema_test_support.hpp"
#include "temp_dir.hpp"

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using edigate::cli::kExitInvalid;
using edigate::cli::kExitUsage;

namespace {

const fs::path kInstalled = edigate::test::kInstalledSchemas;

edigate::test::SchemasRun schemas(std::vector<std::string> words, const fs::path& dir = kInstalled) {
  return edigate::test::run_schemas(std::move(words), dir);
}

}  // namespace

TEST_CASE("schemas show reads lower-case version, set and segment as the standards spell them", "[cli][schemas]") {
  auto r = schemas({"show", "edifact", "d96a", "orders", "nad"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("NAD: "));
  CHECK_THAT(r.out, Catch::Contains("(EDIFACT D96A ORDERS)"));
}

TEST_CASE("schemas show names the unknown word and what is installed instead", "[cli][schemas]") {
  auto standard = schemas({"show", "x13", "004010", "850"});
  CHECK(standard.status == kExitInvalid);
  CHECK_THAT(standard.err, Catch::Contains("no standard X13 (expected one of: EDIFACT X12)"));

  auto short_x12 = schemas({"show", "x12", "4010", "850"});
  CHECK(short_x12.status == kExitInvalid);
  CHECK_THAT(short_x12.err, Catch::Contains("X12 has no version 4010; did you mean '004010'?"));

  auto directory = schemas({"show", "edifact", "D96Z", "ORDERS"});
  CHECK_THAT(directory.err, Catch::Contains("EDIFACT has no version D96Z; did you mean 'D96A' or 'D96B'?"));
  CHECK_THAT(directory.err, Catch::Contains("D10B"));  // the installed directories are listed

  auto set = schemas({"show", "edifact", "D96A", "ORDERX"});
  CHECK_THAT(set.err, Catch::Contains("EDIFACT D96A has no message ORDERX; did you mean 'ORDERS'?"));

  // D96A CNTCND exists only as EANCOM took it from a later directory.
  auto only_ean = schemas({"show", "edifact", "D96A", "CNTCND"});
  CHECK_THAT(only_ean.err, Catch::Contains("only in its EANCOM subset: expected --variant EANCOM"));
  CHECK(schemas({"show", "edifact", "D96A", "CNTCND", "--variant", "eancom"}).status == 0);

  auto no_subset = schemas({"show", "x12", "004010", "850", "--variant", "EANCOM"});
  CHECK_THAT(no_subset.err, Catch::Contains("X12 004010 has no EANCOM subset"));
}

TEST_CASE("schemas show with a segment the message lacks lists the message's segments", "[cli][schemas]") {
  auto r = schemas({"show", "edifact", "D96A", "ORDERS", "XYZ"});
  CHECK(r.status == kExitInvalid);
  CHECK_THAT(r.err, Catch::Contains("EDIFACT D96A ORDERS has no segment XYZ; expected one of: UNH BGM DTM"));
  // A group id is not a segment: the answer names the group's first segment.
  auto group = schemas({"show", "x12", "005010", "753", "n1_2"});
  CHECK(group.status == kExitInvalid);
  CHECK_THAT(group.err, Catch::Contains("N1_2 is a segment group of 753 (its first segment is N1)"));
  auto args = schemas({"show", "edifact", "D96A"});
  CHECK(args.status == kExitUsage);
  CHECK_THAT(args.err, Catch::Contains("got 2 argument(s)"));
}

TEST_CASE("schemas show lists numeric codes by number, not byte order", "[cli][schemas]") {
  auto r = schemas({"show", "edifact", "D01B", "INVOIC", "LIN"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("codes: 1 2 3 4 5 6 7 8 9 10 11 12 ... (110 codes)"));  // 1229
  CHECK_THAT(r.out, Catch::Contains("codes: A D I"));                                       // 7083
}

TEST_CASE("schemas show names the EANCOM subset in its titles and the legend uses the standard's letters",
          "[cli][schemas]") {
  auto ean = schemas({"show", "edifact", "D96A", "PRICAT", "--variant", "EANCOM"});
  REQUIRE(ean.status == 0);
  CHECK_THAT(ean.out, Catch::StartsWith("EDIFACT D96A PRICAT, EANCOM subset: "));
  CHECK_THAT(ean.out, Catch::Contains("SEGMENT --variant EANCOM lists"));
  CHECK_THAT(ean.out, Catch::Contains("S: M mandatory, C conditional."));
  auto seg = schemas({"show", "edifact", "D96A", "PRICAT", "PIA", "--variant", "EANCOM"});
  CHECK_THAT(seg.out, Catch::Contains("(EDIFACT D96A PRICAT, EANCOM subset)"));
  auto x12 = schemas({"show", "x12", "004010", "850"});
  CHECK_THAT(x12.out, Catch::Contains("S: M mandatory, O optional, X relational"));
}

TEST_CASE("schemas list says when nothing matches and refuses an unknown standard", "[cli][schemas]") {
  auto none = schemas({"list", "--set", "ZZZ"});
  CHECK(none.status == 0);
  CHECK_THAT(none.out, Catch::StartsWith("no schema matches --set ZZZ (of "));
  CHECK(none.out.find("STANDARD") == std::string::npos);  // no header over nothing
  auto standard = schemas({"list", "--standard", "x13"});
  CHECK(standard.status == kExitUsage);
  CHECK_THAT(standard.err, Catch::Contains("unknown --standard x13 (expected one of: EDIFACT, X12)"));
  edigate::test::TempDir empty("list-empty");
  CHECK_THAT(schemas({"list"}, empty.path).out, Catch::StartsWith("no schemas installed in "));
}

TEST_CASE("schemas check prints a broken dictionary's error once, with how many schemas it breaks", "[cli][schemas]") {
  edigate::test::TempDir dir("check-dictionary");
  const fs::path d96a = dir.path / "edifact" / "D96A";
  fs::create_directories(d96a);
  for (const char* f : {"dictionary.xml", "ORDERS.xml", "INVOIC.xml", "DESADV.xml"})
    fs::copy_file(kInstalled / "edifact" / "D96A" / f, d96a / f);
  std::ifstream in(d96a / "dictionary.xml");
  std::stringstream text;
  text << in.rdbuf();
  std::string xml = text.str();
  auto at = xml.find("<element id=\"1004\"");
  REQUIRE(at != std::string::npos);
  const auto line = std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n') + 1;
  xml.replace(xml.find("max=\"35\"", at), 8, "max=\"x35\"");
  std::ofstream(d96a / "dictionary.xml", std::ios::trunc) << xml;

  auto r = schemas({"check"}, dir.path);
  CHECK(r.status == kExitInvalid);
  CHECK_THAT(r.out, Catch::Contains("0 schema(s) loaded, 3 broken"));
  const std::string where = (d96a / "dictionary.xml").string() + ":" + std::to_string(line) + ":";
  CHECK_THAT(r.err, Catch::StartsWith(where));
  CHECK_THAT(r.err, Catch::Contains("'x35'"));
  CHECK_THAT(r.err, Catch::EndsWith("(breaks 3 schemas)\n"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}
