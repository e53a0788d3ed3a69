// Loading schema files: XSD violations and reference problems carry file:line:col.
#include "schema_test_support.hpp"

#include <string>

using edigate::schema::load_schema_from_memory;

namespace {

// Line numbers below refer to this text (line 1 is the XML declaration).
const std::string kBase = R"(<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="urn:edigate:schema:1" standard="X12" version="004010" set="999" name="T">
  <elements>
    <element id="1" name="A" type="AN" min="1" max="5"/>
  </elements>
  <segments>
    <segment id="ST" name="H"><element ref="1" usage="M"/></segment>
    <segment id="SE" name="T"><element ref="1" usage="M"/></segment>
  </segments>
  <structure>
    <segment ref="ST" usage="M"/>
    <segment ref="SE" usage="M"/>
  </structure>
</schema>
)";

/// kBase with line n replaced.
std::string with_line(int n, const std::string& replacement) {
  std::string out;
  std::size_t pos = 0;
  for (int i = 1; pos < kBase.size(); ++i) {
    std::size_t end = kBase.find('\n', pos);
    out += (i == n ? replacement : kBase.substr(pos, end - pos)) + "\n";
    pos = end + 1;
  }
  return out;
}

edigate::Error load_error(const std::string& xml) {
  auto r = load_schema_from_memory(xml, "bad.xml");
  if (r) FAIL("expected a load error");
  return r.error();
}

}  // namespace

TEST_CASE("the base schema of the loader tests loads and reports its identity", "[schema][loader]") {
  auto r = load_schema_from_memory(kBase, "base.xml");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  const auto& info = edigate::schema::info(**r);
  CHECK(info.standard == "X12");
  CHECK(info.version == "004010");
  CHECK(info.set == "999");
  CHECK(info.file == "base.xml");
}

TEST_CASE("an element unknown to the XSD is an error at its line and column", "[schema][loader][xsd]") {
  auto e = load_error(with_line(11, R"(    <segmnt ref="ST" usage="M"/>)"));
  INFO(e.to_string());
  CHECK(e.code == "schema.file.invalid");
  CHECK(e.position.file == "bad.xml");
  CHECK(e.position.line == 11);
  CHECK(e.position.column == 5);
  CHECK(e.to_string().rfind("bad.xml:11:5: ", 0) == 0);
}

TEST_CASE("a missing required attribute is an XSD error at its line", "[schema][loader][xsd]") {
  auto e = load_error(with_line(4, R"(    <element id="1" name="A" min="1" max="5"/>)"));
  INFO(e.to_string());
  CHECK(e.code == "schema.file.invalid");
  CHECK(e.position.line == 4);
  CHECK(e.position.column == 5);
}

TEST_CASE("a bad enumeration value is an XSD error", "[schema][loader][xsd]") {
  auto e = load_error(with_line(11, R"(    <segment ref="ST" usage="Q"/>)"));
  INFO(e.to_string());
  CHECK(e.position.line == 11);
}

TEST_CASE("XML that is not well formed is an error with line and column", "[schema][loader][xsd]") {
  auto e = load_error(with_line(12, R"(    <segment ref="SE" usage="M">)"));
  INFO(e.to_string());
  CHECK(e.code == "schema.file.invalid");
  CHECK(e.position.line >= 12);
  CHECK(e.position.column > 0);
}

TEST_CASE("duplicate ids are rejected", "[schema][loader][references]") {
  auto e = load_error(with_line(8, R"(    <segment id="ST" name="T"><element ref="1" usage="M"/></segment>)"));
  INFO(e.to_string());
  CHECK(e.code == "schema.file.invalid");
  CHECK(e.position.line == 8);
}

TEST_CASE("an unknown element reference is an error at the reference", "[schema][loader][references]") {
  std::string line = R"(    <segment id="ST" name="H"><element ref="9" usage="M"/></segment>)";
  auto e = load_error(with_line(7, line));
  INFO(e.to_string());
  CHECK(e.position.line == 7);
  CHECK(e.position.column == line.find("<element") + 1);
  CHECK(e.message.find("unknown element 9") != std::string::npos);
}

TEST_CASE("an unknown segment in the structure is an error at its line", "[schema][loader][references]") {
  auto e = load_error(with_line(11, R"(    <segment ref="XX" usage="M"/>)"));
  INFO(e.to_string());
  CHECK(e.position.line == 11);
  CHECK(e.position.column == 5);
  CHECK(e.message.find("unknown segment XX") != std::string::npos);
}

TEST_CASE("a loop whose trigger is not mandatory is rejected", "[schema][loader][references]") {
  auto e = load_error(
      with_line(11, R"(    <segment ref="ST" usage="M"/><loop id="L" usage="O"><segment ref="ST" usage="O"/></loop>)"));
  INFO(e.to_string());
  CHECK(e.position.line == 11);
  CHECK(e.position.column == 34);
  CHECK(e.message.find("trigger") != std::string::npos);
}

TEST_CASE("a loop whose trigger appears twice in it is rejected", "[schema][loader][references]") {
  auto e = load_error(with_line(
      11,
      R"(    <segment ref="ST" usage="M"/><loop id="L" usage="O"><segment ref="SE" usage="M"/><segment ref="SE" usage="O"/></loop>)"));
  INFO(e.to_string());
  CHECK(e.position.line == 11);
  CHECK(e.message.find("appears twice") != std::string::npos);
}

TEST_CASE("duplicate loop ids are rejected", "[schema][loader][references]") {
  auto e = load_error(with_line(
      11,
      R"(    <segment ref="ST" usage="M"/><loop id="L" usage="O"><segment ref="SE" usage="M"/></loop><loop id="L" usage="O"><segment ref="ST" usage="M"/></loop>)"));
  INFO(e.to_string());
  CHECK(e.message.find("duplicate loop id L") != std::string::npos);
}

TEST_CASE("rule positions beyond the segment's elements are rejected", "[schema][loader][references]") {
  auto e = load_error(with_line(
      7, R"(    <segment id="ST" name="H"><element ref="1" usage="M"/><rule type="P" positions="1 3"/></segment>)"));
  INFO(e.to_string());
  CHECK(e.position.line == 7);
  CHECK(e.message.find("out of range") != std::string::npos);
}

TEST_CASE("min greater than max is rejected", "[schema][loader][references]") {
  auto e = load_error(with_line(4, R"(    <element id="1" name="A" type="AN" min="6" max="5"/>)"));
  INFO(e.to_string());
  CHECK(e.position.line == 4);
  CHECK(e.position.column == 5);
}

TEST_CASE("garbage bytes never crash the loader", "[schema][loader][robustness]") {
  std::string junk = kBase;
  for (std::size_t i = 0; i < junk.size(); i += 7) junk[i] = static_cast<char>(i * 31);
  auto r = load_schema_from_memory(junk, "junk.xml");
  CHECK_FALSE(r);
  CHECK_FALSE(load_schema_from_memory("", "empty.xml"));
  CHECK_FALSE(load_schema_from_memory("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><schema>&e;</schema>",
                                      "xxe.xml"));
}
