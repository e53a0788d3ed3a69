// A profile names destination roles; the gateway configuration names the real endpoints.
#include "gateway_config/destinations.hpp"
#include "partners/profile_loader.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::gateway_config;

namespace {

GatewayConfig gateway(const std::string& body) {
  auto r = load_gateway_config_from_memory(
      "<gateway xmlns=\"urn:edigate:gateway:1\"><data dir=\"/data\"/><partners dir=\"p\"/><maps dir=\"m\"/>\n" + body +
          "</gateway>",
      "/etc/gw/gateway.xml");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  return *r;
}

std::shared_ptr<const partners::Profile> profile(const std::string& destinations) {
  const std::string xml = R"(<partner xmlns="urn:edigate:partner:1" id="acme" standard="x12-004010">
  <name>Acme</name>
  <identities><x12 isa-qualifier="ZZ" isa-id="ACME"/></identities>
  <documents><document type="850" direction="inbound" map="m.xml"/></documents>
  <destinations>)" + destinations +
                          "</destinations>\n</partner>";
  auto r = partners::load_profile_from_memory(xml, "/etc/partners/acme/partner.xml");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  return *r;
}

std::vector<std::string> names(const std::vector<RouteTarget>& targets) {
  std::vector<std::string> out;
  for (const auto& t : targets) out.push_back(t.destination.name);
  return out;
}

}  // namespace

TEST_CASE("a profile destination named like a gateway destination is replaced by the gateway's",
          "[gateway_config][destinations]") {
  GatewayConfig g = gateway(
      "<destinations><folder name=\"erp\" path=\"delivered/erp\"/>"
      "<webhook name=\"unused\" url=\"http://x.example/\"/></destinations>");
  auto p = profile(
      R"(<webhook name="erp" url="https://erp.example/hook" types="purchase_order" signing-secret="env:S"/>
         <folder name="archive" path="archive/acme"/>)");
  auto ds = partner_destinations(g, *p);
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].name == "erp");
  CHECK(ds[0].kind == "folder");  // the gateway's endpoint, not the profile's webhook
  CHECK(ds[0].settings.at("path") == "/data/delivered/erp");
  CHECK(ds[0].settings.at("types") == "purchase_order");  // the profile's routing choice stays
  CHECK(ds[0].secrets.empty());
  // Not replaced: the profile's own folder, relative to the data directory.
  CHECK(ds[1].name == "archive");
  CHECK(ds[1].settings.at("path") == "/data/archive/acme");
}

TEST_CASE("a message goes to matching profile destinations, then matching routes, each once",
          "[gateway_config][destinations]") {
  GatewayConfig g = gateway(R"(<destinations>
      <folder name="erp" path="erp"/><folder name="wms" path="wms"/><folder name="archive" path="archive"/>
      <folder name="invoices-only" path="inv" types="invoice"/>
    </destinations>
    <routes>
      <route types="purchase_order,invoice" destination="erp" fallback="archive"/>
      <route partner="acme" types="ship_notice" destination="wms"/>
      <route partner="other" destination="archive"/>
      <route destination="invoices-only"/>
    </routes>)");
  auto p = profile(R"(<folder name="erp" path="x" types="purchase_order"/>)");

  auto po = route_message(g, *p, "purchase_order");
  CHECK(names(po) == std::vector<std::string>{"erp"});  // the profile's erp; the route's erp not twice
  CHECK(po[0].because == "profile acme");
  CHECK_FALSE(po[0].fallback);

  auto invoice = route_message(g, *p, "invoice");
  REQUIRE(names(invoice) == std::vector<std::string>{"erp", "invoices-only"});
  CHECK(invoice[0].because == "gateway.xml:7");  // the first <route>
  REQUIRE(invoice[0].fallback);
  CHECK(invoice[0].fallback->name == "archive");
  CHECK(invoice[0].fallback->settings.at("path") == "/data/archive");

  CHECK(names(route_message(g, *p, "ship_notice")) == std::vector<std::string>{"wms"});
  CHECK(route_message(g, *p, "tracking_event").empty());
}
