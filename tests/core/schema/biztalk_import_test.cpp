// Importing BizTalk EDI XSDs (EDIFACT and X12 flavours) and writing them as a library the
// Registry loads. The XSDs here are small but have the shape of the published ones: inline
// UNH/UNT, global segments and `...Loop1` groups referenced with min/maxOccurs, composites as
// global elements, coded elements typed EDIFACT_ID_<number> with enumerations.
#include "schema/biztalk_import.hpp"
#include "schema/dictionary.hpp"
#include "schema/library_builder.hpp"
#include "schema_test_support.hpp"
#include "temp_dir.hpp"

#include <edigate/codes.hpp>

#include <fstream>

namespace bt = edigate::schema::biztalk;
using edigate::Delimiters;

namespace {

const char* const kHead = R"(<?xml version="1.0"?>
<xs:schema xmlns:b="http://schemas.microsoft.com/BizTalk/2003" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:annotation><xs:appinfo>
    <b:schemaInfo document_type="TSTMSG" standard="EDI" standards_version="D96A" root_reference="EFACT_D96A_TSTMSG" />
  </xs:appinfo></xs:annotation>
)";

std::string an(const std::string& name, const std::string& notes, int max, const std::string& occurs = "") {
  return "<xs:element " + occurs + " name=\"" + name + "\"><xs:annotation><xs:appinfo><b:fieldInfo notes=\"" + notes +
         "\" /></xs:appinfo></xs:annotation><xs:simpleType><xs:restriction base=\"EDIFACT_AN\"><xs:minLength "
         "value=\"1\" />"
         "<xs:maxLength value=\"" +
         std::to_string(max) + "\" /></xs:restriction></xs:simpleType></xs:element>\n";
}

std::string seg_ref(const std::string& ref, const std::string& tag, const std::string& occurs = "") {
  return "<xs:element " + occurs + " ref=\"" + ref + "\"><xs:annotation><xs:appinfo><b:recordInfo tag_name=\"" + tag +
         "\" notes=\"" + tag + " segment\" /></xs:appinfo></xs:annotation></xs:element>\n";
}

// `trigger_occurs` and `extra_facet` let a test break one thing at a known line.
std::string edifact_xsd(const std::string& trigger_occurs = "", const std::string& extra_facet = "") {
  std::string x = kHead;
  x += R"(  <xs:element name="EFACT_D96A_TSTMSG">
    <xs:annotation><xs:appinfo><b:recordInfo notes="Test message" /></xs:appinfo></xs:annotation>
    <xs:complexType><xs:sequence>
      <xs:element minOccurs="0" name="UNH"><xs:complexType><xs:sequence>
)";
  x += an("UNH1", "Message Reference Number_0062", 14);
  x += R"(        <xs:element name="UNH2"><xs:complexType><xs:sequence>
)";
  x += an("UNH2.1", "Message Type Identifier_0065", 6) + an("UNH2.2", "Message Type Version Number_0052", 3);
  x += R"(        </xs:sequence></xs:complexType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
)";
  x += seg_ref("BGM", "BGM");
  x += "<xs:element minOccurs=\"0\" maxOccurs=\"10\" ref=\"RFFLoop1\" />\n";
  x += R"(      <xs:element minOccurs="0" name="UNT"><xs:complexType><xs:sequence>
)";
  x += an("UNT1", "Number of segments_0074", 6) + an("UNT2", "Message Reference Number_0062", 14);
  x += R"(      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType>
  </xs:element>
  <xs:element name="RFFLoop1"><xs:complexType><xs:sequence>
)";
  x += seg_ref("RFF", "RFF", trigger_occurs);
  x += seg_ref("DTM_2", "DTM", "minOccurs=\"0\" maxOccurs=\"5\"");
  x += R"(  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="BGM"><xs:complexType><xs:sequence>
    <xs:element ref="C002" />
)";
  x += an("BGM02", "Document/message number_1004", 35, "minOccurs=\"0\"");
  x += R"(  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="C002"><xs:annotation><xs:appinfo><b:recordInfo notes="DOCUMENT/MESSAGE NAME" /></xs:appinfo></xs:annotation>
    <xs:complexType><xs:sequence>
      <xs:element name="C00201" type="EDIFACT_ID_1001"><xs:annotation><xs:appinfo><b:fieldInfo notes="Document/message name, coded_1001" /></xs:appinfo></xs:annotation></xs:element>
)";
  x += an("C00204", "Document/message name_1000", 35, "minOccurs=\"0\"");
  x += R"(    </xs:sequence></xs:complexType></xs:element>
  <xs:element name="RFF"><xs:complexType><xs:sequence>
)";
  x += an("RFF01", "Reference number_1154", 35);
  x += R"(  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="DTM_2"><xs:complexType><xs:sequence>
    <xs:element name="DTM01"><xs:annotation><xs:appinfo><b:fieldInfo notes="Date/time/period_2380" /></xs:appinfo></xs:annotation>
      <xs:simpleType><xs:restriction base="EDIFACT_N"><xs:minLength value="1" /><xs:maxLength value="8" />)" +
       extra_facet + R"(</xs:restriction></xs:simpleType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:simpleType name="EDIFACT_ID_1001"><xs:restriction base="xs:string">
    <xs:enumeration value="221" /><xs:enumeration value="220" /><xs:enumeration value="220" />
  </xs:restriction></xs:simpleType>
</xs:schema>
)";
  return x;
}

std::uint32_t line_of(const std::string& text, const std::string& needle) {
  auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
}

const bt::ElementDef* element(const bt::Message& m, const std::string& id) {
  for (const auto& e : m.elements)
    if (e.id == id) return &e;
  return nullptr;
}

Delimiters edifact_delimiters() {
  Delimiters d;
  d.element = '+';
  d.component = ':';
  d.segment = "'";
  d.release = '?';
  return d;
}

std::vector<edigate::Error> validate(const edigate::schema::CompiledSchema& s, const std::string& text) {
  auto d = edifact_delimiters();
  auto t = edigate::test::tokenize(text, d);
  std::vector<edigate::Error> errors;
  edigate::schema::validate(s, t->segments, d, "test.edi", errors);
  return errors;
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("a BizTalk EDIFACT XSD imports as groups, segments, composites and code lists", "[schema][import]") {
  auto r = bt::import_xsd_text(edifact_xsd(), "EFACT_D96A_TSTMSG.xsd");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  const bt::Message& m = *r;
  CHECK(m.standard == "EDIFACT");
  CHECK(m.version == "D96A");
  CHECK(m.set == "TSTMSG");
  CHECK(m.name == "Test message");
  REQUIRE(m.root.children.size() == 4);
  // BizTalk marks UNH/UNT optional (its envelope layer owns them); in the schema they are M 1.
  CHECK(m.root.children[0].id == "UNH");
  CHECK(m.root.children[0].usage == 'M');
  CHECK(m.root.children[3].id == "UNT");
  CHECK(m.root.children[3].usage == 'M');
  const auto& group = m.root.children[2];
  CHECK(group.loop);
  CHECK(group.id == "SG1");  // renumbered by appearance, not BizTalk's RFFLoop1
  CHECK(group.usage == 'C');
  CHECK(group.max == 10);
  REQUIRE(group.children.size() == 2);
  CHECK(group.children[1].id == "DTM");  // DTM_2 is the segment DTM
  CHECK(group.children[1].max == 5);
  const auto* code = element(m, "1001");
  REQUIRE(code);
  CHECK(code->codes == std::vector<std::string>{"220", "221"});  // sorted, duplicates dropped
  CHECK(code->max == 3);                                         // no length in the XSD: the longest code bounds it
  const auto* date = element(m, "2380");
  REQUIRE(date);
  CHECK(date->type == "n");
  CHECK(date->max == 8);
  bool s009 = false;
  for (const auto& c : m.composites) s009 = s009 || (c.id == "S009" && c.components.size() == 2);
  CHECK(s009);  // UNH2 carries its ISO 9735 number
}

TEST_CASE("what a BizTalk XSD says that edigate cannot express is an error at file:line:col", "[schema][import]") {
  SECTION("an X12 loop whose first segment is optional (the EDIFACT trigger rule is not X12's)") {
    std::string x = edifact_xsd("minOccurs=\"0\"");
    x.replace(x.find("EFACT_D96A_TSTMSG\" />"), 17, "X12_00401_TSTMSG");
    x.replace(x.find("<xs:element name=\"EFACT_D96A_TSTMSG\">"), 37, "<xs:element name=\"X12_00401_TSTMSG\">");
    auto r = bt::import_xsd_text(x, "bad.xsd");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "schema.import.structure");
    CHECK(r.error().position.file == "bad.xsd");
    CHECK(r.error().position.line == line_of(x, "<xs:element minOccurs=\"0\" ref=\"RFF\""));
    CHECK(r.error().position.column == 1);
    CHECK(r.error().message.find("trigger RFF") != std::string::npos);
  }
  SECTION("a group whose first position is a group") {
    std::string x = edifact_xsd();
    x.replace(x.find("<xs:element name=\"RFFLoop1\"><xs:complexType><xs:sequence>\n"), 58,
              "<xs:element name=\"RFFLoop1\"><xs:complexType><xs:sequence>\n<xs:element ref=\"INNER\" />\n");
    x.replace(x.find("</xs:schema>"), 12,
              "<xs:element name=\"INNER\"><xs:complexType><xs:sequence>\n" + seg_ref("RFF", "RFF") +
                  "</xs:sequence></xs:complexType></xs:element>\n</xs:schema>");
    auto r = bt::import_xsd_text(x, "bad.xsd");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "schema.import.structure");
    CHECK(r.error().position.line == line_of(x, "<xs:element ref=\"INNER\""));
    CHECK(r.error().message.find("first position is a group") != std::string::npos);
  }
  SECTION("a facet with no edigate equivalent") {
    std::string x = edifact_xsd("", "<xs:pattern value=\"[0-9]+\" />");
    auto r = bt::import_xsd_text(x, "bad.xsd");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "schema.import.type");
    CHECK(r.error().position.line == line_of(x, "<xs:pattern"));
    CHECK(r.error().message.find("xs:pattern") != std::string::npos);
  }
  SECTION("a reference to no global element") {
    std::string x = edifact_xsd();
    x.replace(x.find("ref=\"C002\""), 10, "ref=\"C999\"");
    auto r = bt::import_xsd_text(x, "bad.xsd");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "schema.import.reference");
    CHECK(r.error().position.line == line_of(x, "ref=\"C999\""));
  }
  SECTION("not a BizTalk schema") {
    auto r = bt::import_xsd_text("<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>",
                                 "plain.xsd");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "schema.import.info");
  }
}

TEST_CASE("a BizTalk X12 XSD imports with loops named by their trigger", "[schema][import][x12]") {
  std::string x = R"(<?xml version="1.0"?>
<xs:schema xmlns:b="http://schemas.microsoft.com/BizTalk/2003" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:annotation><xs:appinfo><b:schemaInfo document_type="850" standard="X12" standards_version="00401" root_reference="X12_00401_850" /></xs:appinfo></xs:annotation>
  <xs:element name="X12_00401_850"><xs:annotation><xs:appinfo><b:recordInfo notes="Purchase Order" /></xs:appinfo></xs:annotation>
    <xs:complexType><xs:sequence>
      <xs:element ref="ST"><xs:annotation><xs:appinfo><b:recordInfo tag_name="ST" /></xs:appinfo></xs:annotation></xs:element>
      <xs:element ref="BEG"><xs:annotation><xs:appinfo><b:recordInfo tag_name="BEG" /></xs:appinfo></xs:annotation></xs:element>
      <xs:element minOccurs="0" maxOccurs="200" ref="N1Loop1" />
      <xs:element ref="SE"><xs:annotation><xs:appinfo><b:recordInfo tag_name="SE" /></xs:appinfo></xs:annotation></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  <xs:element name="N1Loop1"><xs:complexType><xs:sequence>
    <xs:element ref="N1"><xs:annotation><xs:appinfo><b:recordInfo tag_name="N1" /></xs:appinfo></xs:annotation></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="ST"><xs:complexType><xs:sequence>
    <xs:element name="ST01" type="X12_ID_143"><xs:annotation><xs:appinfo><b:fieldInfo notes="Transaction Set Identifier Code" /></xs:appinfo></xs:annotation></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="BEG"><xs:complexType><xs:sequence>
    <xs:element name="BEG01" type="X12_ID_353"><xs:annotation><xs:appinfo><b:fieldInfo notes="Transaction Set Purpose Code" /></xs:appinfo></xs:annotation></xs:element>
    <xs:element minOccurs="0" name="BEG03"><xs:annotation><xs:appinfo><b:fieldInfo notes="Purchase Order Number" /></xs:appinfo></xs:annotation>
      <xs:simpleType><xs:restriction base="X12_AN"><xs:minLength value="1" /><xs:maxLength value="22" /></xs:restriction></xs:simpleType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="N1"><xs:complexType><xs:sequence>
    <xs:element name="N101"><xs:simpleType><xs:restriction base="X12_N2"><xs:minLength value="1" /><xs:maxLength value="9" /></xs:restriction></xs:simpleType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="SE"><xs:complexType><xs:sequence>
    <xs:element name="SE01"><xs:simpleType><xs:restriction base="X12_N0"><xs:minLength value="1" /><xs:maxLength value="10" /></xs:restriction></xs:simpleType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:simpleType name="X12_ID_143"><xs:restriction base="xs:string"><xs:enumeration value="850" /></xs:restriction></xs:simpleType>
  <xs:simpleType name="X12_ID_353"><xs:restriction base="xs:string"><xs:enumeration value="00" /><xs:enumeration value="01" /></xs:restriction></xs:simpleType>
</xs:schema>
)";
  auto r = bt::import_xsd_text(x, "X12_00401_850.xsd");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  CHECK(r->standard == "X12");
  CHECK(r->version == "004010");
  REQUIRE(r->root.children.size() == 4);
  CHECK(r->root.children[2].id == "N1");
  CHECK(r->root.children[2].usage == 'O');
  CHECK(r->root.children[2].max == 200);
  const auto* purpose = element(*r, "353");  // number from the code list's type name
  REQUIRE(purpose);
  CHECK(purpose->type == "ID");
  CHECK(purpose->codes == std::vector<std::string>{"00", "01"});
  const auto* po = element(*r, "BEG03");  // no number anywhere: the position names it
  REQUIRE(po);
  CHECK(po->type == "AN");
  CHECK(po->max == 22);
  const auto* n2 = element(*r, "N101");
  REQUIRE(n2);
  CHECK(n2->type == "N2");
}

TEST_CASE("an imported library is written once per directory and validates through the registry",
          "[schema][import][library]") {
  auto r = bt::import_xsd_text(edifact_xsd(), "EFACT_D96A_TSTMSG.xsd");
  REQUIRE(r);
  bt::LibraryBuilder builder;
  REQUIRE(builder.add(std::move(r).value()));
  edigate::test::TempDir dir("biztalk-lib");
  auto written = builder.write(dir.path, "notice: test -- text");
  REQUIRE(written);
  CHECK(*written == 2);
  CHECK(std::filesystem::exists(dir.path / "edifact" / "D96A" / "dictionary.xml"));
  // A second import of the same message is refused, not silently replaced.
  auto again = bt::import_xsd_text(edifact_xsd(), "copy.xsd");
  REQUIRE(again);
  auto dup = builder.add(std::move(again).value());
  REQUIRE_FALSE(dup);
  CHECK(dup.error().code == "schema.import.duplicate");

  edigate::schema::Registry registry({dir.path});
  auto s = registry.find("EDIFACT", "D96A", "TSTMSG");
  INFO((s ? "" : s.error().to_string()));
  REQUIRE(s);
  REQUIRE(*s);
  CHECK(validate(**s, "UNH+1+TSTMSG:D'BGM+220+PO1'RFF+A'DTM+20240101'UNT+5+1'").empty());
  auto errors = validate(**s, "UNH+1+TSTMSG:D'BGM+999+PO1'RFF+A'DTM+20240101'UNT+5+1'");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == edigate::codes::element_invalid_code);
  CHECK(errors[0].position.segment_index == 2);
  CHECK(errors[0].position.segment_tag == "BGM");
}

TEST_CASE("a message file's dictionary reference is confined and checked", "[schema][library]") {
  edigate::test::TempDir dir("dict-refs");
  auto version = dir.path / "edifact" / "D96A";
  const std::string dictionary = R"(<?xml version="1.0" encoding="UTF-8"?>
<dictionary xmlns="urn:edigate:schema:1" standard="EDIFACT" version="D96A">
<elements><element id="0062" name="Ref" type="an" min="1" max="14"/></elements>
<segments><segment id="UNH" name="H"><element ref="0062" usage="M"/></segment><segment id="UNT" name="T"><element ref="0062" usage="M"/></segment></segments>
</dictionary>
)";
  write(version / "dictionary.xml", dictionary);
  auto message = [](const std::string& dict, const std::string& middle) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schema xmlns=\"urn:edigate:schema:1\" standard=\"EDIFACT\" "
           "version=\"D96A\" set=\"TSTMSG\" name=\"T\" dictionary=\"" +
           dict + "\">\n  <structure>\n    <segment ref=\"UNH\" usage=\"M\"/>\n" + middle +
           "    <segment ref=\"UNT\" usage=\"M\"/>\n  </structure>\n</schema>\n";
  };
  SECTION("a segment the dictionary lacks is an error at the message's line") {
    write(version / "TSTMSG.xml", message("dictionary.xml", "    <segment ref=\"BGM\" usage=\"M\"/>\n"));
    edigate::schema::Registry registry({dir.path});
    auto s = registry.find("EDIFACT", "D96A", "TSTMSG");
    REQUIRE_FALSE(s);
    CHECK(s.error().position.file == (version / "TSTMSG.xml").string());
    CHECK(s.error().position.line == 5);
    CHECK(s.error().message.find("unknown segment BGM") != std::string::npos);
  }
  SECTION("a dictionary outside the message's folder is refused") {
    write(version / "TSTMSG.xml", message("../dictionary.xml", ""));
    edigate::schema::Registry registry({dir.path});
    auto s = registry.find("EDIFACT", "D96A", "TSTMSG");
    REQUIRE_FALSE(s);
    // The XSD's token type already refuses the '/', at the attribute's line.
    CHECK(s.error().code == "schema.file.invalid");
    CHECK(s.error().position.line == 2);
    CHECK(s.error().message.find("dictionary") != std::string::npos);
  }
  SECTION("EANCOM messages (UNH 0057 EAN...) use the directory's table, the variant only when it lacks one") {
    write(version / "TSTMSG.xml", message("dictionary.xml", ""));
    write(version / "EANCOM" / "dictionary.xml",
          std::string(dictionary)
              .replace(dictionary.find("version=\"D96A\""), 14, "version=\"D96A\" variant=\"EANCOM\""));
    write(version / "EANCOM" / "TSTMSG.xml",
          message("dictionary.xml", "").replace(message("dictionary.xml", "").find("name=\"T\""), 8, "name=\"EAN\""));
    // A message only the subset has (EANCOM took some from later directories).
    write(version / "EANCOM" / "EANONL.xml",
          message("dictionary.xml", "")
              .replace(message("dictionary.xml", "").find("set=\"TSTMSG\""), 12, "set=\"EANONL\""));
    edigate::schema::Registry registry({dir.path});
    auto plain = registry.find("EDIFACT", "D96A", "TSTMSG", "D:96A:UN");
    auto ean = registry.find("EDIFACT", "D96A", "TSTMSG", "D:96A:UN:EAN008");
    auto only = registry.find("EDIFACT", "D96A", "EANONL", "D:96A:UN:EAN008");
    auto only_plain = registry.find("EDIFACT", "D96A", "EANONL", "D:96A:UN");
    auto exact = registry.find_variant("EDIFACT", "D96A", "TSTMSG", "EANCOM");
    REQUIRE(plain);
    REQUIRE(ean);
    REQUIRE(only);
    REQUIRE(only_plain);
    REQUIRE(exact);
    REQUIRE(*plain);
    REQUIRE(*ean);
    REQUIRE(*only);
    REQUIRE(*exact);
    CHECK((*plain)->info.name == "T");
    CHECK((*ean)->info.name == "T");  // the UN table wins over the subset
    CHECK((*only)->info.file == (version / "EANCOM" / "EANONL.xml").string());
    CHECK_FALSE(*only_plain);  // without the association code the subset is not used
    CHECK((*exact)->info.name == "EAN");
    CHECK(edigate::schema::variant_of_release("EDIFACT", "D:01B:UN:EAN010") == "EANCOM");
    CHECK(edigate::schema::variant_of_release("EDIFACT", "D:01B:UN:1.1") == "");
    CHECK(edigate::schema::variant_of_release("X12", "004010EAN") == "");
    std::vector<edigate::schema::ListedSchema> listed;
    CHECK(registry.list(listed).empty());
    REQUIRE(listed.size() == 3);
    CHECK(listed[0].variant == "");
    CHECK(listed[1].variant == "EANCOM");
    CHECK(listed[2].variant == "EANCOM");
  }
}

TEST_CASE("a subset's segment groups take the numbers of the full directory's table", "[schema][import][library]") {
  // The full table has SG1 (NAD) then SG2 (RFF); the subset leaves SG1 out, so its only group,
  // numbered SG1 by appearance, must become SG2 as in the directory (maps name groups by number).
  edigate::test::TempDir dir("align");
  write(dir.path / "base" / "edifact" / "D96A" / "TSTMSG.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="urn:edigate:schema:1" standard="EDIFACT" version="D96A" set="TSTMSG" name="T" dictionary="dictionary.xml">
  <structure>
    <segment ref="UNH" usage="M"/>
    <segment ref="BGM" usage="M"/>
    <loop id="SG1" usage="C" max="5"><segment ref="NAD" usage="M"/></loop>
    <loop id="SG2" usage="C" max="10"><segment ref="RFF" usage="M"/><segment ref="DTM" usage="C" max="5"/></loop>
    <segment ref="UNT" usage="M"/>
  </structure>
</schema>
)");
  auto r = bt::import_xsd_text(edifact_xsd(), "subset.xsd");
  REQUIRE(r);
  REQUIRE(r->root.children[2].id == "SG1");
  bt::LibraryBuilder builder("EANCOM", true);
  REQUIRE(builder.add(std::move(r).value()));
  builder.align_groups(dir.path / "base");
  REQUIRE(builder.write(dir.path / "out", "test"));
  std::ifstream in(dir.path / "out" / "edifact" / "D96A" / "EANCOM" / "TSTMSG.xml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("<loop id=\"SG2\"") != std::string::npos);
  CHECK(text.find("<loop id=\"SG1\"") == std::string::npos);
  // Open code lists in a variant's dictionary.
  std::ifstream dict(dir.path / "out" / "edifact" / "D96A" / "EANCOM" / "dictionary.xml");
  std::string dtext((std::istreambuf_iterator<char>(dict)), std::istreambuf_iterator<char>());
  CHECK(dtext.find("codes=\"open\"><codes>220 221</codes>") != std::string::npos);
  CHECK(dtext.find("variant=\"EANCOM\"") != std::string::npos);
}

TEST_CASE("a dictionary with a repeated id or an unknown part is refused at its line", "[schema][library]") {
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dictionary xmlns=\"urn:edigate:schema:1\" standard=\"EDIFACT\" "
      "version=\"D96A\">\n";
  SECTION("the same element twice") {
    auto d = edigate::schema::Dictionary::parse(head + R"(<elements>
<element id="0062" name="Ref" type="an" min="1" max="14"/>
<element id="0062" name="Again" type="an" min="1" max="14"/>
</elements>
<segments><segment id="UNH" name="H"><element ref="0062" usage="M"/></segment></segments>
</dictionary>
)",
                                                "dup.xml");
    REQUIRE_FALSE(d);
    CHECK(d.error().position.file == "dup.xml");
    CHECK(d.error().position.line == 5);
    CHECK(d.error().message.find("duplicate id 0062") != std::string::npos);
  }
  SECTION("an element the XSD does not know") {
    auto d = edigate::schema::Dictionary::parse(
        head + R"(<elements><element id="0062" name="Ref" type="an" min="1" max="14"/></elements>
<segments><segment id="UNH" name="H"><element ref="0062" usage="M"/></segment></segments>
<extra/>
</dictionary>
)",
        "extra.xml");
    REQUIRE_FALSE(d);
    CHECK(d.error().code == "schema.file.invalid");
    CHECK(d.error().position.line == 5);
  }
}
