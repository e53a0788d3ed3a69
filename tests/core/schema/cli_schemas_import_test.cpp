// `edigate schemas import biztalk` on what an analyst feeds it by mistake: a folder without
// XSDs, a missing or truncated file, an --out that already holds a library or cannot take the
// files. Every refusal names the file (and line:col for XML) and leaves nothing half-written.
#include "cli/commands.hpp"
#include "cli_schemas_support.hpp"
#include "schema_test_support.hpp"
#include "temp_dir.hpp"

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

edigate::test::SchemasRun schemas(const std::vector<std::string>& words) { return edigate::test::run_schemas(words); }

// A minimal BizTalk EDIFACT message XSD: UNH, one segment `tag` with one element, UNT.
std::string xsd(const std::string& set, const std::string& tag, const std::string& element) {
  auto field = [](const std::string& name, const std::string& notes, int max) {
    return "<xs:element name=\"" + name + "\"><xs:annotation><xs:appinfo><b:fieldInfo notes=\"" + notes +
           "\" /></xs:appinfo></xs:annotation><xs:simpleType><xs:restriction base=\"EDIFACT_AN\"><xs:maxLength "
           "value=\"" +
           std::to_string(max) + "\" /></xs:restriction></xs:simpleType></xs:element>\n";
  };
  return R"(<?xml version="1.0"?>
<xs:schema xmlns:b="http://schemas.microsoft.com/BizTalk/2003" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:annotation><xs:appinfo><b:schemaInfo document_type=")" +
         set + R"(" standards_version="D99B" root_reference="EFACT_D99B_)" + set + R"(" /></xs:appinfo></xs:annotation>
  <xs:element name="EFACT_D99B_)" +
         set + R"("><xs:annotation><xs:appinfo><b:recordInfo notes="Test message" /></xs:appinfo></xs:annotation>
    <xs:complexType><xs:sequence>
      <xs:element minOccurs="0" name="UNH"><xs:complexType><xs:sequence>
)" + field("UNH1", "Message reference_0062", 14) +
         R"(      </xs:sequence></xs:complexType></xs:element>
      <xs:element ref=")" +
         tag + R"("><xs:annotation><xs:appinfo><b:recordInfo tag_name=")" + tag +
         R"(" /></xs:appinfo></xs:annotation></xs:element>
      <xs:element minOccurs="0" name="UNT"><xs:complexType><xs:sequence>
)" + field("UNT1", "Number of segments_0074", 6) +
         R"(      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  <xs:element name=")" +
         tag + R"("><xs:complexType><xs:sequence>
)" + field(tag + "01", element, 35) +
         R"(  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
)";
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); ++it)
    out.push_back(fs::relative(it->path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("schemas import refuses to rewrite a dictionary that messages it does not re-import use",
          "[cli][schemas][import]") {
  edigate::test::TempDir dir("import-orphans");
  write(dir.path / "a.xsd", xsd("AAAMSG", "BGM", "Document number_1004"));
  write(dir.path / "b.xsd", xsd("BBBMSG", "RFF", "Reference_1154"));
  const auto lib = dir.path / "lib";
  REQUIRE(schemas({"import", "biztalk", (dir.path / "a.xsd").string(), "--out", lib.string()}).status == 0);
  const auto before = files_under(lib);

  // Importing B alone would write a dictionary without BGM, and AAAMSG.xml would stop loading.
  auto alone = schemas({"import", "biztalk", (dir.path / "b.xsd").string(), "--out", lib.string()});
  CHECK(alone.status == edigate::cli::kExitUsage);
  CHECK_THAT(alone.err, Catch::Contains((lib / "edifact" / "D99B").string() + ": already holds a library"));
  CHECK_THAT(alone.err, Catch::Contains("messages AAAMSG are not in this import"));
  CHECK(files_under(lib) == before);

  // Both together replace the directory consistently, and every message still loads.
  auto both = schemas({"import", "biztalk", dir.path.string(), "--out", lib.string()});
  INFO(both.err);
  CHECK(both.status == 0);
  auto check = schemas({"check", "--schemas", lib.string()});
  INFO(check.err);
  CHECK(check.status == 0);
  CHECK_THAT(check.out, Catch::Contains("2 schema(s) loaded, 0 broken"));
}

TEST_CASE("a schemas import that cannot write every file leaves none of them behind", "[cli][schemas][import]") {
  edigate::test::TempDir dir("import-atomic");
  write(dir.path / "a.xsd", xsd("AAAMSG", "BGM", "Document number_1004"));
  write(dir.path / "b.xsd", xsd("BBBMSG", "RFF", "Reference_1154"));
  const auto lib = dir.path / "lib";
  // A folder where the second message file goes: dictionary.xml and AAAMSG.xml could be
  // written, BBBMSG.xml cannot.
  fs::create_directories(lib / "edifact" / "D99B" / "BBBMSG.xml");
  auto r = schemas({"import", "biztalk", dir.path.string(), "--out", lib.string()});
  CHECK(r.status == edigate::cli::kExitUsage);
  CHECK_THAT(r.err, Catch::Contains("BBBMSG.xml: exists and is not a file"));
  CHECK(files_under(lib) == std::vector<std::string>{"edifact", "edifact/D99B", "edifact/D99B/BBBMSG.xml"});

  // An --out under a file: nothing is created at all.
  write(dir.path / "plain", "x");
  auto under_file =
      schemas({"import", "biztalk", (dir.path / "a.xsd").string(), "--out", (dir.path / "plain").string()});
  CHECK(under_file.status == edigate::cli::kExitUsage);
  CHECK_THAT(under_file.err, Catch::Contains("cannot create directory"));
}

TEST_CASE("schemas import names a missing file, a folder without XSDs and a truncated XSD", "[cli][schemas][import]") {
  edigate::test::TempDir dir("import-inputs");
  const auto out = dir.path / "out";
  auto missing = schemas({"import", "biztalk", (dir.path / "nope.xsd").string(), "--out", out.string()});
  CHECK(missing.status == edigate::cli::kExitInvalid);
  CHECK_THAT(missing.err, Catch::Contains("nope.xsd: no such file or folder"));

  fs::create_directories(dir.path / "docs");
  write(dir.path / "docs" / "README.txt", "not a schema");
  auto empty = schemas({"import", "biztalk", (dir.path / "docs").string(), "--out", out.string()});
  CHECK(empty.status == edigate::cli::kExitUsage);
  CHECK_THAT(empty.err, Catch::Contains("docs: no *.xsd file in this folder"));

  // Upper-case extensions count: files copied from Windows shares often have them.
  write(dir.path / "upper" / "A.XSD", xsd("AAAMSG", "BGM", "Document number_1004"));
  CHECK(schemas({"import", "biztalk", (dir.path / "upper").string(), "--out", out.string()}).status == 0);

  const std::string whole = xsd("CCCMSG", "BGM", "Document number_1004");
  write(dir.path / "cut.xsd", whole.substr(0, whole.find("<xs:element minOccurs=\"0\" name=\"UNT\"") + 20));
  auto cut = schemas({"import", "biztalk", (dir.path / "cut.xsd").string(), "--out", (dir.path / "cut").string()});
  CHECK(cut.status == edigate::cli::kExitInvalid);
  CHECK_THAT(cut.err, Catch::Contains("cut.xsd:"));
  CHECK_THAT(cut.err, Catch::Contains("not well-formed XML"));
  CHECK_THAT(cut.err, Catch::Contains("expected a complete BizTalk EDI XSD"));
  CHECK_FALSE(fs::exists(dir.path / "cut"));
}
