// Configuration XML: no DOCTYPE, no entities, only regular files of bounded size.
#include "config/safe_xml.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <sys/stat.h>
#include <chrono>

using namespace edigate;
using edigate::test::TempDir;

namespace {
const std::string_view kTinyXsd = R"(<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="root"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
    <xs:attribute name="a" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
</xs:schema>)";
}  // namespace

TEST_CASE("a DOCTYPE in configuration XML is refused at its line and column", "[config][xml]") {
  std::string xml = "<?xml version=\"1.0\"?>\n  <!DOCTYPE root [<!ENTITY a \"x\">]>\n<root a=\"&a;\"/>";
  auto r = config::refuse_dtd_and_entities(xml, "p.xml", "partner.file.invalid");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "partner.file.invalid");
  CHECK(r.error().position.file == "p.xml");
  CHECK(r.error().position.line == 2);
  CHECK(r.error().position.column == 3);
  CHECK(r.error().message.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("entity references other than the predefined five are refused", "[config][xml]") {
  auto r = config::refuse_dtd_and_entities("<root>\n x &ext; y</root>", "m.xml", "mapping.file.invalid");
  REQUIRE_FALSE(r);
  CHECK(r.error().position.line == 2);
  CHECK(r.error().position.column == 4);
  CHECK(r.error().found == "&ext;");
  CHECK(config::refuse_dtd_and_entities("<root a=\"&lt;&amp;&#65;&#x42;&quot;\">&gt;&apos;</root>", "m", "c"));
  // Markup-looking text inside comments, CDATA and processing instructions is not markup.
  CHECK(config::refuse_dtd_and_entities("<!-- <!DOCTYPE x> &e; --><root><![CDATA[ &e; <!DOCTYPE ]]></root><?pi &e;?>",
                                        "m", "c"));
}

TEST_CASE("an entity expansion bomb is refused before the XML parser runs, in well under a second", "[config][xml]") {
  // 110 KB of nested entities in an attribute ran past 60 s through libxml2.
  std::string xml = "<!DOCTYPE root [<!ENTITY a \"" + std::string(100, 'x') + "\">";
  for (int i = 1; i < 10; ++i) xml += "<!ENTITY a" + std::to_string(i) + " \"" + std::string(10, '&') + "\">";
  xml += "]><root a=\"" + std::string(0, ' ');
  for (int i = 0; i < 10000; ++i) xml += "&a;";
  xml += "\"/>";
  auto start = std::chrono::steady_clock::now();
  auto r = config::check_against_xsd({"tiny.xsd", kTinyXsd}, xml, "bomb.xml", "partner.file.invalid");
  auto took = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("DOCTYPE") != std::string::npos);
  CHECK(took < std::chrono::seconds(1));
}

TEST_CASE("load_config_xml gives pugixml the text libxml2 validated", "[config][xml]") {
  pugi::xml_document doc;
  REQUIRE(config::load_config_xml(doc, {"tiny.xsd", kTinyXsd}, "<root a=\"1 &lt; 2\">t</root>", "ok.xml", "c"));
  CHECK(std::string(doc.document_element().attribute("a").value()) == "1 < 2");
  pugi::xml_document bad;
  auto r = config::load_config_xml(bad, {"tiny.xsd", kTinyXsd}, "<root a=\"&undefined;\"/>", "bad.xml", "c");
  REQUIRE_FALSE(r);
  CHECK(r.error().position.column == 10);
}

TEST_CASE("read_config_file reads regular files only and checks the size first", "[config][files]") {
  TempDir dir("safe-xml");
  auto file = dir.path / "p.xml";
  edigate::test::write_text(file, "<root/>");
  auto ok = config::read_config_file(file, 100, "unreadable", "too_large");
  REQUIRE(ok);
  CHECK(*ok == "<root/>");

  auto big = config::read_config_file(file, 3, "unreadable", "too_large");
  REQUIRE_FALSE(big);
  CHECK(big.error().code == "too_large");

  // A FIFO with no writer must be refused at once, not waited on.
  auto fifo = dir.path / "fifo.xml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto f = config::read_config_file(fifo, 100, "unreadable", "too_large");
  REQUIRE_FALSE(f);
  CHECK(f.error().code == "unreadable");
  CHECK(f.error().found == "FIFO");

  auto dev = config::read_config_file("/dev/zero", 100, "unreadable", "too_large");
  REQUIRE_FALSE(dev);
  CHECK(dev.error().code == "unreadable");
  auto folder = config::read_config_file(dir.path, 100, "unreadable", "too_large");
  CHECK_FALSE(folder);
}

TEST_CASE("read_root_tag reads only the root start tag", "[config][files]") {
  TempDir dir("root-tag");
  // The rest of the file would not even parse: only the head is read.
  edigate::test::write_text(dir.path / "m.xml", "<?xml version=\"1.0\"?>\n<!-- c > -->\n<map id=\"base-850\" x='a>b'>" +
                                                    std::string(200000, '<'));
  auto r = config::read_root_tag(dir.path / "m.xml", "c");
  REQUIRE(r);
  CHECK(r->name == "map");
  CHECK(r->get("id") == "base-850");
  CHECK(r->get("x") == "a>b");
  CHECK(r->get("absent").empty());
  edigate::test::write_text(dir.path / "n.xml", std::string(100000, ' ') + "<map id=\"far\"/>");
  CHECK_FALSE(config::read_root_tag(dir.path / "n.xml", "c"));
}
