// `edigate schemas list|show|import` over the installed library: filters, aligned columns,
// a message's structure and a segment's formats, and an import written where list finds it.
#include "cli/commands.hpp"
#include "cli_schemas_support.hpp"
#include "schema_test_support.hpp"
#include "temp_dir.hpp"

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

edigate::test::SchemasRun schemas(std::vector<std::string> words, bool installed = true) {
  return edigate::test::run_schemas(std::move(words), installed ? edigate::test::kInstalledSchemas : fs::path());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("schemas list filters by standard, version and set prefix and aligns its columns", "[cli][schemas]") {
  auto r = schemas({"list", "--standard", "edifact", "--version", "D96A", "--set", "ORD"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 8);  // header, ORDCHG ORDERS ORDRSP twice (UN and EANCOM), count
  CHECK(lines.back() == "6 schema(s)");
  std::size_t set_column = lines[0].find("SET");
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(lines[i].substr(set_column, 3) == "ORD");
    CHECK(lines[i].find("D96A") == lines[0].find("VERSION"));
  }
  // The whole library lists in one go, every message of it.
  auto all = schemas({"list"});
  REQUIRE(all.status == 0);
  CHECK(lines_of(all.out).size() > 6000);
}

TEST_CASE("schemas show prints groups and segments, and a segment's elements with status and format",
          "[cli][schemas]") {
  auto r = schemas({"show", "edifact", "D96A", "INVOIC"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("EDIFACT D96A INVOIC: Invoice message"));
  CHECK_THAT(r.out, Catch::Contains("SG2"));
  CHECK_THAT(r.out, Catch::Contains("\n  NAD "));
  auto seg = schemas({"show", "edifact", "D05B", "IFTMIN", "TDT"});
  INFO(seg.err);
  REQUIRE(seg.status == 0);
  CHECK_THAT(seg.out, Catch::Contains("8051"));
  CHECK_THAT(seg.out, Catch::Contains("8028"));
  CHECK_THAT(seg.out, Catch::Contains("an..17"));
  auto ean = schemas({"show", "edifact", "D96A", "PRICAT", "--variant", "EANCOM"});
  INFO(ean.err);
  REQUIRE(ean.status == 0);
  CHECK_THAT(ean.out, Catch::Contains("/EANCOM/PRICAT.xml (generated)"));
  // --variant shows exactly the subset's table, although validation takes the UN table first.
  auto ean_orders = schemas({"show", "edifact", "D96A", "ORDERS", "--variant", "EANCOM"});
  CHECK_THAT(ean_orders.out, Catch::Contains("/EANCOM/ORDERS.xml (generated)"));
  auto contrl = schemas({"show", "edifact", "D96A", "CONTRL"});
  CHECK_THAT(contrl.out, Catch::Contains("(hand-checked)"));  // the one hand-checked EDIFACT table left
  CHECK(schemas({"show", "edifact", "D96A", "PRICAT", "--variant", "ODETTE"}).status == edigate::cli::kExitUsage);
  auto missing = schemas({"show", "edifact", "D96A", "NOSUCH"});
  CHECK(missing.status == edigate::cli::kExitInvalid);
  CHECK_THAT(missing.err, Catch::Contains("schemas list --version D96A"));
  auto bad_segment = schemas({"show", "edifact", "D96A", "INVOIC", "ZZZ"});
  CHECK(bad_segment.status == edigate::cli::kExitInvalid);
  CHECK(schemas({"list", "--version"}, false).out.find("edigate ") == 0);  // bare: the program version
}

TEST_CASE("schemas import biztalk writes a library that list then finds, a broken XSD is reported by position",
          "[cli][schemas][import]") {
  edigate::test::TempDir dir("cli-import");
  const std::string good = R"(<?xml version="1.0"?>
<xs:schema xmlns:b="http://schemas.microsoft.com/BizTalk/2003" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:annotation><xs:appinfo><b:schemaInfo document_type="TSTMSG" standards_version="D99B" root_reference="EFACT_D99B_TSTMSG" /></xs:appinfo></xs:annotation>
  <xs:element name="EFACT_D99B_TSTMSG"><xs:annotation><xs:appinfo><b:recordInfo notes="Test message" /></xs:appinfo></xs:annotation>
    <xs:complexType><xs:sequence>
      <xs:element minOccurs="0" name="UNH"><xs:complexType><xs:sequence>
        <xs:element name="UNH1"><xs:annotation><xs:appinfo><b:fieldInfo notes="Message reference_0062" /></xs:appinfo></xs:annotation>
          <xs:simpleType><xs:restriction base="EDIFACT_AN"><xs:maxLength value="14" /></xs:restriction></xs:simpleType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element minOccurs="0" name="UNT"><xs:complexType><xs:sequence>
        <xs:element name="UNT1"><xs:annotation><xs:appinfo><b:fieldInfo notes="Number of segments_0074" /></xs:appinfo></xs:annotation>
          <xs:simpleType><xs:restriction base="EDIFACT_N"><xs:maxLength value="6" /></xs:restriction></xs:simpleType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
</xs:schema>
)";
  std::ofstream(dir.path / "EFACT_D99B_TSTMSG.xsd") << good;
  std::string broken = good;
  broken.replace(broken.find("EDIFACT_N"), 9, "EDIFACT_Q");
  std::ofstream(dir.path / "broken.xsd") << broken;
  auto out = dir.path / "lib";

  auto strict = schemas({"import", "biztalk", (dir.path / "broken.xsd").string(), "--out", out.string()}, false);
  CHECK(strict.status == edigate::cli::kExitInvalid);
  CHECK_THAT(strict.err, Catch::Contains("broken.xsd:11:"));
  CHECK_THAT(strict.err, Catch::Contains("EDIFACT_Q"));

  auto r = schemas({"import", "biztalk", (dir.path / "EFACT_D99B_TSTMSG.xsd").string(),
                    (dir.path / "broken.xsd").string(), "--out", out.string(), "--keep-going"},
                   false);
  CHECK(r.status == edigate::cli::kExitInvalid);  // one file refused
  CHECK_THAT(r.out, Catch::Contains("1 message(s) imported, 2 file(s) written"));
  auto listed = schemas({"list", "--schemas", out.string()}, false);
  REQUIRE(listed.status == 0);
  CHECK_THAT(listed.out, Catch::Contains("D99B"));
  CHECK_THAT(listed.out, Catch::Contains("TSTMSG"));
  auto check = schemas({"check", "--schemas", out.string()}, false);
  INFO(check.err);
  CHECK(check.status == 0);
}

TEST_CASE("schemas import biztalk --corrections prints each applied correction, and fails on one that matches nothing",
          "[cli][schemas][import][repair]") {
  edigate::test::TempDir dir("cli-corrections");
  const std::string xsd = R"(<?xml version="1.0"?>
<xs:schema xmlns:b="http://schemas.microsoft.com/BizTalk/2003" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:annotation><xs:appinfo><b:schemaInfo document_type="TSTMSG" standards_version="D99B" root_reference="EFACT_D99B_TSTMSG" /></xs:appinfo></xs:annotation>
  <xs:element name="EFACT_D99B_TSTMSG"><xs:complexType><xs:sequence>
      <xs:element minOccurs="0" name="UNH"><xs:complexType><xs:sequence>
        <xs:element name="UNH1"><xs:annotation><xs:appinfo><b:fieldInfo notes="Message reference_0062" /></xs:appinfo></xs:annotation>
          <xs:simpleType><xs:restriction base="EDIFACT_AN"><xs:maxLength value="14" /></xs:restriction></xs:simpleType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element minOccurs="0" maxOccurs="3" ref="FTX"><xs:annotation><xs:appinfo><b:recordInfo tag_name="FTX" /></xs:appinfo></xs:annotation></xs:element>
      <xs:element minOccurs="0" name="UNT"><xs:complexType><xs:sequence>
        <xs:element name="UNT1"><xs:annotation><xs:appinfo><b:fieldInfo notes="Number of segments_0074" /></xs:appinfo></xs:annotation>
          <xs:simpleType><xs:restriction base="EDIFACT_N"><xs:maxLength value="6" /></xs:restriction></xs:simpleType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="FTX"><xs:complexType><xs:sequence>
    <xs:element name="FTX01"><xs:annotation><xs:appinfo><b:fieldInfo notes="Text subject_4451" /></xs:appinfo></xs:annotation>
      <xs:simpleType><xs:restriction base="EDIFACT_AN"><xs:maxLength value="3" /></xs:restriction></xs:simpleType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
)";
  fs::create_directories(dir.path / "D99B");
  std::ofstream(dir.path / "D99B" / "EFACT_D99B_TSTMSG.xsd") << xsd;
  auto corrections = dir.path / "corrections.tsv";
  std::ofstream(corrections) << "# test\nD99B/EFACT_D99B_TSTMSG.xsd\tFTX\tmax=5\ta test source\n";
  auto input = (dir.path / "D99B" / "EFACT_D99B_TSTMSG.xsd").string();

  auto r = schemas(
      {"import", "biztalk", input, "--out", (dir.path / "lib").string(), "--corrections", corrections.string()}, false);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK_THAT(r.out,
             Catch::Contains("repaired: " + input + ":9:7: maxOccurs of FTX 3 read as 5 (correction: a test source)"));

  std::ofstream(corrections, std::ios::app) << "D99B/EFACT_D99B_TSTMSG.xsd\tDTM\tmax=5\tstale\n";
  auto stale = schemas(
      {"import", "biztalk", input, "--out", (dir.path / "lib2").string(), "--corrections", corrections.string()},
      false);
  CHECK(stale.status == edigate::cli::kExitInvalid);
  CHECK_THAT(stale.err,
             Catch::Contains("corrections.tsv:3: correction D99B/EFACT_D99B_TSTMSG.xsd DTM max=5 matched nothing"));
}
