// gateway.xml: every element read, relative paths resolved, every error at file:line:col.
#include "gateway_config/gateway_config.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace edigate;
using namespace edigate::gateway_config;
using edigate::test::TempDir;
using edigate::test::write_text;
namespace fs = std::filesystem;

namespace {

const char* kHead = "<gateway xmlns=\"urn:edigate:gateway:1\">\n";

// A minimal valid configuration with `body` after the three required folders.
std::string config_with(const std::string& body) {
  return std::string(kHead) + "  <data dir=\"data\"/>\n  <partners dir=\"p\"/>\n  <maps dir=\"m\"/>\n" + body +
         "</gateway>\n";
}

Error load_error(const std::string& xml, const Overrides& o = {}) {
  auto r = load_gateway_config_from_memory(xml, "/etc/edigate/gateway.xml", o);
  REQUIRE_FALSE(r);
  return r.error();
}

}  // namespace

TEST_CASE("every element of a gateway configuration is read", "[gateway_config]") {
  const std::string xml = std::string(kHead) + R"(  <data dir="var/data"/>
  <partners dir="../partners"/>
  <maps dir="/opt/maps"/>
  <plugins dir="plugins"/>
  <schemas dir="schemas"/>
  <admin listen="0.0.0.0:9000" token="file:secrets/admin.token" max-body-bytes="2048"/>
  <workers count="4" queue-limit="50" batch="8"/>
  <retention days="7"/>
  <intake poll-ms="100" stable-ms="250" done-marker="true">
    <inbox partner="acme-retail" dir="/mnt/acme/in"/>
    <inbox partner="eurofood" dir="drops/eurofood"/>
  </intake>
  <delivery max-attempts="3" base-ms="10" cap-ms="100" jitter-percent="0" timeout-ms="500"
            breaker-failures="2" breaker-open-ms="1000"/>
  <priorities default-lane="5">
    <type name="invoice" lane="0"/>
    <type name="purchase_order" lane="9"/>
  </priorities>
  <duplicates window-days="14"/>
  <destinations>
    <webhook name="erp" url="https://erp.example/hook" signing-secret="env:ERP_SECRET" auth-header="file:erp.auth"/>
    <folder name="archive" path="archive"/>
    <folder name="wms" path="/srv/wms" types="ship_notice"/>
  </destinations>
  <routes>
    <route partner="*" types="purchase_order,invoice" destination="erp" fallback="archive"/>
    <route partner="acme-retail" destination="wms"/>
  </routes>
</gateway>
)";
  auto r = load_gateway_config_from_memory(xml, "/etc/edigate/gateway.xml");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  const GatewayConfig& g = *r;
  CHECK(g.file == "/etc/edigate/gateway.xml");
  CHECK(g.data_dir == "/etc/edigate/var/data");
  CHECK(g.partners_dir == "/etc/partners");
  CHECK(g.maps_dir == "/opt/maps");
  CHECK(g.plugins_dir == "/etc/edigate/plugins");
  CHECK(g.schemas_dir == "/etc/edigate/schemas");
  CHECK(g.inbox_dir() == "/etc/edigate/var/data/inbox");
  CHECK(g.outbox_dir() == "/etc/edigate/var/data/outbox");

  CHECK(g.admin.listen.host == "0.0.0.0");
  CHECK(g.admin.listen.port == 9000);
  CHECK(g.admin.token.kind == partners::SecretRef::Kind::file);
  CHECK(g.admin.token.name == "/etc/edigate/secrets/admin.token");
  CHECK(g.admin.max_body_bytes == 2048);

  CHECK(g.workers.count == 4);
  CHECK(g.workers.queue_limit == 50);
  CHECK(g.workers.batch == 8);
  CHECK(g.retention_days == 7);

  CHECK(g.intake.poll_ms == 100);
  CHECK(g.intake.stable_ms == 250);
  CHECK(g.intake.done_marker);
  REQUIRE(g.intake.extra_inboxes.size() == 2);
  CHECK(g.intake.extra_inboxes[0].partner == "acme-retail");
  CHECK(g.intake.extra_inboxes[0].dir == "/mnt/acme/in");
  CHECK(g.intake.extra_inboxes[1].dir == "/etc/edigate/drops/eurofood");

  CHECK(g.delivery.max_attempts == 3);
  CHECK(g.delivery.base_ms == 10);
  CHECK(g.delivery.cap_ms == 100);
  CHECK(g.delivery.jitter_percent == 0);
  CHECK(g.delivery.timeout_ms == 500);
  CHECK(g.delivery.breaker_failures == 2);
  CHECK(g.delivery.breaker_open_ms == 1000);

  CHECK(g.priorities.lane_of("invoice") == 0);
  CHECK(g.priorities.lane_of("purchase_order") == 9);
  CHECK(g.priorities.lane_of("ship_notice") == 5);  // given priorities replace the defaults
  CHECK(g.duplicate_window_days == 14);

  REQUIRE(g.destinations.size() == 3);
  const partners::Endpoint* erp = g.destination("erp");
  REQUIRE(erp);
  CHECK(erp->kind == "webhook");
  CHECK(erp->settings.at("url") == "https://erp.example/hook");
  CHECK(erp->secrets.at("signing-secret").kind == partners::SecretRef::Kind::env);
  CHECK(erp->secrets.at("signing-secret").name == "ERP_SECRET");
  CHECK(erp->secrets.at("auth-header").name == "/etc/edigate/erp.auth");
  CHECK(g.destination("archive")->settings.at("path") == "/etc/edigate/var/data/archive");
  CHECK(g.destination("wms")->settings.at("path") == "/srv/wms");
  CHECK(g.destination("wms")->settings.at("types") == "ship_notice");
  CHECK(g.destination("nowhere") == nullptr);

  REQUIRE(g.routes.size() == 2);
  CHECK(g.routes[0].partner == "*");
  CHECK(g.routes[0].types == std::vector<std::string>{"purchase_order", "invoice"});
  CHECK(g.routes[0].destination == "erp");
  CHECK(g.routes[0].fallback == "archive");
  CHECK(g.routes[0].line == 27);
  CHECK(g.routes[0].matches("anyone", "invoice"));
  CHECK_FALSE(g.routes[0].matches("anyone", "ship_notice"));
  CHECK(g.routes[1].matches("acme-retail", "ship_notice"));
  CHECK_FALSE(g.routes[1].matches("eurofood", "ship_notice"));
  CHECK(g.routes[1].fallback.empty());
}

TEST_CASE("a minimal gateway configuration gets the documented defaults", "[gateway_config]") {
  auto r = load_gateway_config_from_memory(config_with(""), "/srv/gw/gateway.xml");
  REQUIRE(r);
  CHECK(r->admin.listen.to_string() == "127.0.0.1:8470");
  CHECK(r->admin.token.kind == partners::SecretRef::Kind::env);
  CHECK(r->admin.token.name == "EDIGATE_ADMIN_TOKEN");
  CHECK(r->admin.max_body_bytes == 10u << 20);
  CHECK(r->workers.count == 2);
  CHECK(r->workers.queue_limit == 1000);
  CHECK(r->retention_days == 90);
  CHECK(r->intake.poll_ms == 500);
  CHECK(r->intake.stable_ms == 1000);
  CHECK_FALSE(r->intake.done_marker);
  CHECK(r->delivery.max_attempts == 10);
  CHECK(r->duplicate_window_days == 30);
  CHECK(r->plugins_dir.empty());
  CHECK(r->schemas_dir.empty());
  // Default lanes: ship notices and tracking first, invoices last.
  CHECK(r->priorities.lane_of("ship_notice") == 0);
  CHECK(r->priorities.lane_of("tracking_event") == 0);
  CHECK(r->priorities.lane_of("purchase_order") == 1);
  CHECK(r->priorities.lane_of("invoice") == 2);
  CHECK(r->destinations.empty());
  CHECK(r->routes.empty());
}

TEST_CASE("the data and listen overrides (--data, --listen) win over the file", "[gateway_config]") {
  const std::string xml = config_with(
      "  <destinations><folder name=\"out\" path=\"delivered\"/></destinations>\n"
      "  <admin listen=\"127.0.0.1:8470\"/>\n");
  Overrides o;
  o.data_dir = "/tmp/run-7";
  o.listen = "[::1]:0";
  auto r = load_gateway_config_from_memory(xml, "/etc/edigate/gateway.xml", o);
  REQUIRE(r);
  CHECK(r->data_dir == "/tmp/run-7");
  CHECK(r->admin.listen.host == "::1");
  CHECK(r->admin.listen.port == 0);
  CHECK(r->admin.listen.to_string() == "[::1]:0");
  // Folder destinations follow the overridden data directory.
  CHECK(r->destination("out")->settings.at("path") == "/tmp/run-7/delivered");

  o.listen = "localhost";
  Error e = load_error(xml, o);
  CHECK(e.code == "gateway.listen.invalid");
  CHECK(e.message.find("--listen") != std::string::npos);
}

TEST_CASE("a gateway configuration is loaded from a file relative to its folder", "[gateway_config]") {
  TempDir dir("gateway");
  write_text(dir.path / "etc" / "gateway.xml", config_with(""));
  auto r = load_gateway_config(dir.path / "etc" / "gateway.xml");
  REQUIRE(r);
  CHECK(r->data_dir == dir.path / "etc" / "data");
  CHECK(r->partners_dir == dir.path / "etc" / "p");

  auto missing = load_gateway_config(dir.path / "nope.xml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "gateway.file.unreadable");
  auto directory = load_gateway_config(dir.path);
  REQUIRE_FALSE(directory);
  CHECK(directory.error().code == "gateway.file.unreadable");
}

TEST_CASE("gateway configuration errors carry file:line:col", "[gateway_config]") {
  struct Case {
    const char* what;
    std::string xml;
    std::string code;
    std::uint32_t line;
    std::uint32_t column;  // 0: any column (libxml2 reports the element's line only)
    std::string in_message;
  };
  const std::vector<Case> cases = {
      {"a DOCTYPE", "<?xml version=\"1.0\"?>\n<!DOCTYPE gateway>\n" + config_with(""), "gateway.file.invalid", 2, 1,
       "DOCTYPE"},
      {"an unknown element", config_with("  <admin/>\n  <colour value=\"red\"/>\n"), "gateway.file.invalid", 6, 0,
       "colour"},
      {"an unknown attribute", config_with("  <workers count=\"2\" threads=\"8\"/>\n"), "gateway.file.invalid", 5, 0,
       "threads"},
      {"a zero worker count", config_with("  <workers count=\"0\"/>\n"), "gateway.file.invalid", 5, 0, "count"},
      {"a missing data folder", std::string(kHead) + "  <partners dir=\"p\"/>\n  <maps dir=\"m\"/>\n</gateway>\n",
       "gateway.file.invalid", 1, 0, "data"},
      {"an element given twice", config_with("  <retention days=\"1\"/>\n  <retention days=\"2\"/>\n"),
       "gateway.file.invalid", 6, 0, "retention"},
      {"a listen address without a port", config_with("  <admin listen=\"127.0.0.1\"/>\n"), "gateway.file.invalid", 5,
       0, "listen"},
      {"a listen port above 65535", config_with("  <admin listen=\"127.0.0.1:70000\"/>\n"), "gateway.listen.invalid", 5,
       10, "65535"},
      {"an inline admin token", config_with("  <admin token=\"hunter2\"/>\n"), "gateway.secret.inline", 5, 10,
       "'token'"},
      {"an inline webhook secret",
       config_with(
           "  <destinations>\n    <webhook name=\"erp\" url=\"https://x.example/\" signing-secret=\"s3cr3t\"/>\n"
           "  </destinations>\n"),
       "gateway.secret.inline", 6, 50, "signing-secret"},
      {"two destinations with one name",
       config_with("  <destinations>\n    <folder name=\"a\" path=\"x\"/>\n    <folder name=\"a\" path=\"y\"/>\n"
                   "  </destinations>\n"),
       "gateway.file.invalid", 7, 0, "a"},
      {"a route to an unknown destination",
       config_with("  <destinations><folder name=\"erp\" path=\"x\"/></destinations>\n  <routes>\n"
                   "    <route destination=\"wms\"/>\n  </routes>\n"),
       "gateway.route.unknown_destination", 7, 12, "no destination"},
      {"a route to an unknown fallback",
       config_with("  <destinations><folder name=\"erp\" path=\"x\"/></destinations>\n  <routes>\n"
                   "    <route destination=\"erp\" fallback=\"archive\"/>\n  </routes>\n"),
       "gateway.route.unknown_destination", 7, 30, "no destination"},
      {"a route whose fallback is itself",
       config_with("  <destinations><folder name=\"erp\" path=\"x\"/></destinations>\n  <routes>\n"
                   "    <route destination=\"erp\" fallback=\"erp\"/>\n  </routes>\n"),
       "gateway.invalid", 7, 30, "fallback"},
      {"a route naming an unknown type",
       config_with("  <destinations><folder name=\"erp\" path=\"x\"/></destinations>\n  <routes>\n"
                   "    <route types=\"invoice,credit_note\" destination=\"erp\"/>\n  </routes>\n"),
       "gateway.type.unknown", 7, 12, "canonical"},
      {"a destination naming an unknown type",
       config_with("  <destinations>\n    <folder name=\"erp\" path=\"x\" types=\"orders\"/>\n  </destinations>\n"),
       "gateway.type.unknown", 6, 33, "canonical"},
      {"a priority for an unknown type",
       config_with("  <priorities>\n    <type name=\"asn\" lane=\"0\"/>\n  </priorities>\n"), "gateway.type.unknown", 6,
       11, "canonical"},
      {"a lane above 9", config_with("  <priorities>\n    <type name=\"invoice\" lane=\"10\"/>\n  </priorities>\n"),
       "gateway.file.invalid", 6, 0, "lane"},
      {"a backoff cap below its base", config_with("  <delivery base-ms=\"500\" cap-ms=\"100\"/>\n"), "gateway.invalid",
       5, 27, "cap"},
      {"the wrong namespace", "<gateway xmlns=\"urn:edigate:partner:1\">\n</gateway>\n", "gateway.file.invalid", 1, 0,
       "gateway"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      Error e = load_error(c.xml);
      INFO(e.to_string());
      CHECK(e.code == c.code);
      CHECK(e.position.file == "/etc/edigate/gateway.xml");
      CHECK(e.position.line == c.line);
      if (c.column) CHECK(e.position.column == c.column);
      CHECK(e.to_string().find(c.in_message) != std::string::npos);
    }
  }
}

TEST_CASE("an inline secret is reported without echoing its value", "[gateway_config]") {
  Error e = load_error(config_with("  <admin token=\"hunter2-very-secret\"/>\n"));
  CHECK(e.code == "gateway.secret.inline");
  CHECK(e.to_string().find("hunter2") == std::string::npos);
  CHECK(e.expected == "env:NAME or file:PATH");
}

TEST_CASE("listen addresses parse for IPv4, names and bracketed IPv6", "[gateway_config]") {
  auto v4 = parse_listen("127.0.0.1:8470");
  REQUIRE(v4);
  CHECK(v4->host == "127.0.0.1");
  CHECK(v4->port == 8470);
  auto name = parse_listen("localhost:0");
  REQUIRE(name);
  CHECK(name->port == 0);
  auto v6 = parse_listen("[::1]:443");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->to_string() == "[::1]:443");
  for (const char* bad : {"", ":80", "host", "host:", "::1:80", "[::1:80", "host:8o", "host:123456", "host:65536"}) {
    INFO(bad);
    auto r = parse_listen(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "gateway.listen.invalid");
  }
}

TEST_CASE("gateway.xsd's destinations have the same shape as partner.xsd's", "[gateway_config]") {
  // Destinations in the gateway file reuse the partners' Endpoint reading, so the two XSD types
  // must accept the same elements and attributes.
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  auto destinations_type = [](const std::string& xsd) {
    auto begin = xsd.find("<xs:complexType name=\"Destinations\">");
    REQUIRE(begin != std::string::npos);
    auto end = xsd.find("</xs:complexType>\n\n", begin);
    if (end == std::string::npos) end = xsd.find("</xs:complexType>\n</xs:schema>", begin);
    REQUIRE(end != std::string::npos);
    return xsd.substr(begin, end - begin);
  };
  const std::string partner = slurp(fs::path(EDIGATE_SOURCE_DIR) / "partners" / "partner.xsd");
  CHECK(destinations_type(partner) == destinations_type(std::string(kGatewayXsd)));
}

TEST_CASE("workers claim 16 send and deliver items at once unless the configuration says otherwise",
          "[gateway_config]") {
  auto plain = load_gateway_config_from_memory(config_with(""), "/etc/edigate/gateway.xml");
  REQUIRE(plain);
  CHECK(plain->workers.batch == 16);
  auto one = load_gateway_config_from_memory(config_with("  <workers batch=\"1\"/>\n"), "/etc/edigate/gateway.xml");
  REQUIRE(one);
  CHECK(one->workers.batch == 1);
  const Error e = load_error(config_with("  <workers batch=\"0\"/>\n"));
  CHECK(e.to_string().find("batch") != std::string::npos);
}
