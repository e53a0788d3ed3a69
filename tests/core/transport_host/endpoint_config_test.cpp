// A profile's transport element checked against the plugin's declared settings: what an
// onboarding team gets told when a profile is wrong, and what a plugin is opened with.
#include "transport_host/endpoint_config.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace edigate;

namespace {

const TransportSpec kSpec{"sftp",
                          {{"host", true, false, "", "server"},
                           {"port", false, false, "22", "port"},
                           {"password", false, true, "", "password"},
                           {"inbox", false, false, "", "remote inbox"}},
                          true,
                          true,
                          {{"listen", true, false, "", "address"}}};

partners::Profile profile() {
  partners::Profile p;
  p.id = "northwind";
  p.file = "/etc/edigate/partners/northwind/partner.xml";
  p.folder = "/etc/edigate/partners/northwind";
  return p;
}

partners::Endpoint endpoint(std::map<std::string, std::string> settings) {
  partners::Endpoint e;
  e.kind = "sftp";
  e.name = "main";
  e.settings = std::move(settings);
  return e;
}

}  // namespace

TEST_CASE("declared settings pass with defaults filled in and a private work folder", "[transport_host]") {
  auto c = transport_host::endpoint_config(profile(), endpoint({{"host", "edi.example"}}), nullptr, kSpec, "/data");
  INFO((c ? "" : c.error().to_string()));
  REQUIRE(c.ok());
  CHECK(c->partner == "northwind");
  CHECK(c->name == "main");
  CHECK(c->option("host") == "edi.example");
  CHECK(c->option("port") == "22");
  CHECK(c->option("inbox").empty());
  CHECK(c->work_dir == std::filesystem::path("/data/transports/northwind/main"));
  CHECK(c->base == std::filesystem::path("/etc/edigate/partners/northwind"));
}

TEST_CASE("an undeclared setting is an error naming the profile, the endpoint and what is allowed",
          "[transport_host]") {
  auto c = transport_host::endpoint_config(profile(), endpoint({{"host", "h"}, {"hots", "x"}}), nullptr, kSpec, "/d");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == "transport.option.unknown");
  CHECK(c.error().category == ErrorCategory::configuration);
  const std::string text = c.error().to_string();
  CHECK(text.find("partners/northwind/partner.xml") != std::string::npos);
  CHECK(text.find("'main'") != std::string::npos);
  CHECK(text.find("'hots'") != std::string::npos);
  CHECK(text.find("host, port, password, inbox") != std::string::npos);
}

TEST_CASE("a missing required setting is an error naming it", "[transport_host]") {
  auto c = transport_host::endpoint_config(profile(), endpoint({{"port", "2222"}}), nullptr, kSpec, "/d");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == "transport.option.missing");
  CHECK(c.error().to_string().find("'host'") != std::string::npos);
}

TEST_CASE("a secret is resolved at open, and an inline secret is refused without echoing it", "[transport_host]") {
  ::setenv("EDIGATE_TEST_SFTP_PASSWORD", "s3cret-value", 1);
  auto ok = transport_host::endpoint_config(
      profile(), endpoint({{"host", "h"}, {"password", "env:EDIGATE_TEST_SFTP_PASSWORD"}}), nullptr, kSpec, "/d");
  REQUIRE(ok.ok());
  CHECK(ok->secrets.at("password") == "s3cret-value");
  CHECK(ok->options.count("password") == 0);  // never among the plain options a log might print

  auto inline_secret = transport_host::endpoint_config(profile(), endpoint({{"host", "h"}, {"password", "hunter2"}}),
                                                       nullptr, kSpec, "/d");
  REQUIRE_FALSE(inline_secret.ok());
  CHECK(inline_secret.error().code == "transport.secret.inline");
  CHECK(inline_secret.error().to_string().find("hunter2") == std::string::npos);

  auto unset = transport_host::endpoint_config(
      profile(), endpoint({{"host", "h"}, {"password", "env:EDIGATE_TEST_NOT_SET_ANYWHERE"}}), nullptr, kSpec, "/d");
  REQUIRE_FALSE(unset.ok());
  CHECK(unset.error().code == "partner.secret.missing");
  CHECK(unset.error().to_string().find("partners/northwind/partner.xml: transport 'main' (sftp): 'password'") !=
        std::string::npos);
}

TEST_CASE("a gateway.xml override replaces a profile setting and is checked like one", "[transport_host]") {
  gateway_config::EndpointOverride o{"northwind", "main", true, {{"host", "127.0.0.1"}, {"port", "2222"}}, 7};
  auto c = transport_host::endpoint_config(profile(), endpoint({{"host", "edi.example"}}), &o, kSpec, "/d");
  REQUIRE(c.ok());
  CHECK(c->option("host") == "127.0.0.1");
  CHECK(c->option("port") == "2222");

  gateway_config::EndpointOverride bad{"northwind", "main", true, {{"hostname", "x"}}, 7};
  auto refused = transport_host::endpoint_config(profile(), endpoint({{"host", "h"}}), &bad, kSpec, "/d");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "transport.option.unknown");
}

TEST_CASE("a listener's settings are checked against the plugin's listener table", "[transport_host]") {
  gateway_config::GatewayConfig g;
  g.file = "/etc/edigate/gateway.xml";
  g.data_dir = "/data";
  auto c = transport_host::listener_config({"sftp", {{"listen", "127.0.0.1:0"}}, 12}, kSpec, g);
  REQUIRE(c.ok());
  CHECK(c->option("listen") == "127.0.0.1:0");
  CHECK(c->work_dir == std::filesystem::path("/data/transports/sftp"));

  auto missing = transport_host::listener_config({"sftp", {}, 12}, kSpec, g);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().to_string().find("gateway.xml:12") != std::string::npos);

  TransportSpec no_listener = kSpec;
  no_listener.listener.clear();
  auto unsupported = transport_host::listener_config({"sftp", {}, 3}, no_listener, g);
  REQUIRE_FALSE(unsupported.ok());
  CHECK(unsupported.error().code == "transport.listener.unsupported");
}
