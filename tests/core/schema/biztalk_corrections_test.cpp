// The importer's repairs of defective BizTalk XSDs: the EDIFACT group-trigger rule (a trigger
// that is optional or repeats is read as M 1, the group keeping its own occurrence) and the
// corrections file (min=, max=, unwrap on a named position of a named XSD), each reported with
// file:line:col; what stays wrong stays an error.
#include "schema/biztalk_import.hpp"
#include "schema/library_builder.hpp"
#include "schema_test_support.hpp"
#include "temp_dir.hpp"

#include <edigate/codes.hpp>

#include <algorithm>
#include <fstream>

namespace bt = edigate::schema::biztalk;
using edigate::Delimiters;

namespace {

std::string an(const std::string& name, const std::string& number, int max) {
  return "<xs:element name=\"" + name + "\"><xs:annotation><xs:appinfo><b:fieldInfo notes=\"Value_" + number +
         "\" /></xs:appinfo></xs:annotation><xs:simpleType><xs:restriction base=\"EDIFACT_AN\"><xs:minLength "
         "value=\"1\" /><xs:maxLength value=\"" +
         std::to_string(max) + "\" /></xs:restriction></xs:simpleType></xs:element>\n";
}

std::string particle(const std::string& ref, const std::string& occurs) {
  return "<xs:element " + occurs + " ref=\"" + ref + "\"><xs:annotation><xs:appinfo><b:recordInfo tag_name=\"" +
         ref.substr(0, 3) + "\" /></xs:appinfo></xs:annotation></xs:element>\n";
}

std::string segment(const std::string& name, const std::string& number) {
  return "<xs:element name=\"" + name + "\"><xs:complexType><xs:sequence>\n" + an(name + "01", number, 3) +
         "</xs:sequence></xs:complexType></xs:element>\n";
}

// UNH BGM [NADLoop1 C5: NAD, CTA C1] [FTXLoop1 C1: FTX, DTM C2] UNT. The NAD trigger repeats
// 99 times and the FTX trigger is optional, as in the archive's REMADV D94B and IFTMAN D94A.
std::string xsd(const std::string& nad = "maxOccurs=\"99\"",
                const std::string& ftx = "minOccurs=\"0\" maxOccurs=\"3\"") {
  std::string x = R"(<?xml version="1.0"?>
<xs:schema xmlns:b="http://schemas.microsoft.com/BizTalk/2003" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<xs:annotation><xs:appinfo><b:schemaInfo document_type="TSTMSG" standards_version="D96A" root_reference="EFACT_D96A_TSTMSG" /></xs:appinfo></xs:annotation>
<xs:element name="EFACT_D96A_TSTMSG"><xs:complexType><xs:sequence>
<xs:element minOccurs="0" name="UNH"><xs:complexType><xs:sequence>
)";
  x += an("UNH1", "0062", 14);
  x += "</xs:sequence></xs:complexType></xs:element>\n";
  x += particle("BGM", "");
  x += "<xs:element minOccurs=\"0\" maxOccurs=\"5\" ref=\"NADLoop1\" />\n";
  x += "<xs:element minOccurs=\"0\" ref=\"FTXLoop1\" />\n";
  x += "<xs:element minOccurs=\"0\" name=\"UNT\"><xs:complexType><xs:sequence>\n" + an("UNT1", "0074", 6) +
       an("UNT2", "0062", 14) + "</xs:sequence></xs:complexType></xs:element>\n";
  x += "</xs:sequence></xs:complexType></xs:element>\n";
  x += "<xs:element name=\"NADLoop1\"><xs:complexType><xs:sequence>\n" + particle("NAD", nad) +
       particle("CTA", "minOccurs=\"0\"") + "</xs:sequence></xs:complexType></xs:element>\n";
  x += "<xs:element name=\"FTXLoop1\"><xs:complexType><xs:sequence>\n" + particle("FTX", ftx) +
       particle("DTM_2", "minOccurs=\"0\" maxOccurs=\"2\"") + "</xs:sequence></xs:complexType></xs:element>\n";
  x += segment("BGM", "1004") + segment("NAD", "3035") + segment("CTA", "3139") + segment("FTX", "4451") +
       segment("DTM_2", "2005");
  return x + "</xs:schema>\n";
}

std::uint32_t line_of(const std::string& text, const std::string& needle) {
  auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
}

std::vector<edigate::Error> validate(const edigate::schema::CompiledSchema& s, const std::string& text) {
  Delimiters d;
  d.element = '+';
  d.component = ':';
  d.segment = "'";
  d.release = '?';
  auto t = edigate::test::tokenize(text, d);
  std::vector<edigate::Error> errors;
  edigate::schema::validate(s, t->segments, d, "test.edi", errors);
  return errors;
}

std::string message(const std::string& body) {
  auto segments = std::count(body.begin(), body.end(), '\'') + 3;
  return "UNH+1'BGM+220'" + body + "UNT+" + std::to_string(segments) + "+1'";
}

}  // namespace

TEST_CASE("an EDIFACT group trigger that repeats or is optional is read as M 1, the group keeping its occurrence",
          "[schema][import][repair]") {
  const std::string x = xsd();
  auto r = bt::import_xsd_text(x, "EFACT_D96A_TSTMSG.xsd");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  const auto& nad_group = r->root.children[2];
  const auto& ftx_group = r->root.children[3];
  CHECK(nad_group.id == "SG1");
  CHECK(nad_group.max == 5);  // the group's own repeat, not the trigger's 99
  CHECK(nad_group.children[0].usage == 'M');
  CHECK(nad_group.children[0].max == 1);
  CHECK(ftx_group.id == "SG2");
  CHECK(ftx_group.usage == 'C');
  CHECK(ftx_group.children[0].usage == 'M');
  CHECK(ftx_group.children[0].max == 1);
  // Both repairs are reported at the trigger's particle, never made silently.
  REQUIRE(r->repairs.size() == 2);
  CHECK(r->repairs[0].rfind("EFACT_D96A_TSTMSG.xsd:" + std::to_string(line_of(x, "maxOccurs=\"99\" ref=\"NAD\"")) +
                                ":1: segment group SG1 (NADLoop1) trigger NAD M 99 read as M 1",
                            0) == 0);
  CHECK(r->repairs[1].find("SG2 (FTXLoop1) trigger FTX C 3 read as M 1") != std::string::npos);

  // The repaired table validates a message of that structure and refuses the broken copies.
  bt::LibraryBuilder builder;
  REQUIRE(builder.add(std::move(r).value()));
  edigate::test::TempDir dir("trigger-rule");
  REQUIRE(builder.write(dir.path, "test"));
  edigate::schema::Registry registry({dir.path});
  auto s = registry.find("EDIFACT", "D96A", "TSTMSG");
  REQUIRE(s);
  REQUIRE(*s);
  CHECK(validate(**s, message("NAD+A'NAD+B'CTA+C'NAD+D'NAD+E'NAD+F'FTX+G'DTM+1'DTM+2'")).empty());
  SECTION("the NAD group once more than its five") {
    auto errors = validate(**s, message("NAD+A'NAD+B'NAD+C'NAD+D'NAD+E'NAD+F'"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == edigate::codes::loop_too_many);
    CHECK(errors[0].position.segment_index == 8);  // the sixth NAD
    CHECK(errors[0].position.segment_tag == "NAD");
  }
  SECTION("FTX twice: the trigger once per group, and the group once") {
    auto errors = validate(**s, message("FTX+A'FTX+B'"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == edigate::codes::loop_too_many);
    CHECK(errors[0].position.segment_index == 4);
  }
  SECTION("a DTM without the FTX that opens its group") {
    auto errors = validate(**s, message("NAD+A'DTM+1'"));
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].position.segment_index == 4);
    CHECK(errors[0].position.segment_tag == "DTM");
  }
}

TEST_CASE("a correction changes the named position of the named XSD only, and is reported with its source",
          "[schema][import][repair]") {
  bt::ImportOptions options;
  options.corrections = {{"EDIFACT/D96A/EFACT_D96A_TSTMSG.xsd", "CTA", "max=4", "source A", 1},
                         {"EDIFACT/D96A/EFACT_D96A_TSTMSG.xsd", "FTXLoop1", "unwrap", "source B", 2}};
  const std::string x = xsd("", "minOccurs=\"0\" maxOccurs=\"3\"");
  auto r = bt::import_xsd_text(x, "/tmp/archive/EDIFACT/D96A/EFACT_D96A_TSTMSG.xsd", options);
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  CHECK(r->corrections_applied == std::vector<std::size_t>{0, 1});
  REQUIRE(r->root.children.size() == 4);  // UNH BGM SG1 UNT: FTXLoop1 is no group
  const auto& group = r->root.children[2];
  REQUIRE(group.children.size() == 4);  // NAD CTA FTX DTM
  CHECK(group.children[1].max == 4);
  CHECK(group.children[2].id == "FTX");
  CHECK(group.children[2].usage == 'C');  // a plain position now, not a trigger: no trigger repair
  CHECK(group.children[2].max == 3);
  REQUIRE(r->repairs.size() == 2);
  CHECK(r->repairs[0].find(":" + std::to_string(line_of(x, "ref=\"CTA\"")) +
                           ":1: maxOccurs of CTA 1 read as 4 "
                           "(correction: source A)") != std::string::npos);
  CHECK(r->repairs[1].find("group FTXLoop1 read as the last positions of the group before it, SG1 (correction: "
                           "source B)") != std::string::npos);

  // The same file name in another folder (an EANCOM subset) is not corrected: the trigger
  // rule still applies there, and is reported.
  auto other = bt::import_xsd_text(x, "/tmp/archive/EANCOM/EAN97/EFACT_D96A_TSTMSG.xsd", options);
  REQUIRE(other);
  CHECK(other->corrections_applied.empty());
  CHECK(other->root.children.size() == 5);
  REQUIRE(other->repairs.size() == 1);
  CHECK(other->repairs[0].find("trigger FTX C 3 read as M 1") != std::string::npos);
}

TEST_CASE("what a correction cannot do, and a corrections file that cannot be read, are errors at their lines",
          "[schema][import][repair]") {
  SECTION("unwrap a group that follows no group") {
    bt::ImportOptions options;
    options.corrections = {{"EFACT_D96A_TSTMSG.xsd", "NADLoop1", "unwrap", "nowhere", 1}};
    const std::string x = xsd();
    auto r = bt::import_xsd_text(x, "EFACT_D96A_TSTMSG.xsd", options);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "schema.import.correction");
    CHECK(r.error().position.file == "EFACT_D96A_TSTMSG.xsd");
    CHECK(r.error().position.line == line_of(x, "ref=\"NADLoop1\""));
    CHECK(r.error().message.find("not a segment group") != std::string::npos);
  }
  SECTION("a line with an unknown action") {
    edigate::test::TempDir dir("corrections");
    auto file = dir.path / "c.tsv";
    std::ofstream(file) << "# file\telement\taction\tsource\n"
                        << "EDIFACT/D94A/X.xsd\tCTALoop4\tmin=0\tbots\n"
                        << "EDIFACT/D94A/X.xsd\tCTALoop4\tdrop\tbots\n";
    auto c = bt::read_corrections(file);
    REQUIRE_FALSE(c);
    CHECK(c.error().code == "schema.import.corrections");
    CHECK(c.error().position.file == file.string());
    CHECK(c.error().position.line == 3);
    CHECK(c.error().message.find("\"drop\"") != std::string::npos);
  }
  SECTION("a line without its source") {
    edigate::test::TempDir dir("corrections");
    auto file = dir.path / "c.tsv";
    std::ofstream(file) << "EDIFACT/D94A/X.xsd\tCTALoop4\tmin=0\n";
    auto c = bt::read_corrections(file);
    REQUIRE_FALSE(c);
    CHECK(c.error().position.line == 1);
  }
  SECTION("the shipped list reads") {
    auto c =
        bt::read_corrections(std::filesystem::path(EDIGATE_SOURCE_DIR) / "scripts/schemas/biztalk-corrections.tsv");
    INFO((c ? "" : c.error().to_string()));
    REQUIRE(c);
    CHECK(c->size() >= 40);
    for (const auto& k : *c) CHECK_FALSE(k.source.empty());
  }
}
