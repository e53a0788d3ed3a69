// The AS2 plugin declares exactly what partners/partner.xsd allows on <as2>, with the same
// defaults: the host refuses an undeclared setting ("unknown setting"), so a gap here would make
// a valid profile unusable.
#include "plugin_fixture.hpp"

#include <pugixml.hpp>

using namespace edigate;
using namespace edigate::as2::test;

TEST_CASE("every attribute partner.xsd allows on <as2> is a declared option with the XSD's default", "[as2][plugin]") {
  pugi::xml_document xsd;
  REQUIRE(xsd.load_file((std::string(EDIGATE_SOURCE_DIR) + "/partners/partner.xsd").c_str()));
  pugi::xml_node transports = xsd.find_node([](const pugi::xml_node& n) {
    return std::string(n.name()) == "xs:complexType" && std::string(n.attribute("name").value()) == "Transports";
  });
  REQUIRE(transports);
  pugi::xml_node as2 = transports.find_node([](const pugi::xml_node& n) {
    return std::string(n.name()) == "xs:element" && std::string(n.attribute("name").value()) == "as2";
  });
  REQUIRE(as2);
  Gateway gw;
  const TransportSpec spec = gw.plugin->spec();
  std::size_t seen = 0;
  for (const auto& x : as2.select_nodes(".//*[local-name()='attribute']")) {
    const std::string name = x.node().attribute("name").value();
    if (name == "name") continue;  // the endpoint's name, not a setting
    ++seen;
    const TransportOption* o = nullptr;
    for (const auto& d : spec.options)
      if (d.name == name) o = &d;
    INFO(name);
    REQUIRE(o);
    CHECK(o->default_value == x.node().attribute("default").value());
    CHECK(o->required == (std::string(x.node().attribute("use").value()) == "required"));
    CHECK(o->secret == (std::string(x.node().attribute("type").value()) == "SecretRef"));
  }
  CHECK(seen == spec.options.size());
}
