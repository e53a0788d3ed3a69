// The plugin's option table against partner.xsd's <sftp> element, and the settings checks that
// happen when an endpoint opens (no server needed).
#include "plugin_fixture.hpp"

#include "sftp/session_pool.hpp"
#include "sftp/sftp_settings.hpp"

#include <pugixml.hpp>

#include <set>

using namespace edigate;

TEST_CASE("the SFTP option table declares every attribute of partner.xsd's <sftp> with the XSD's default",
          "[sftp][settings]") {
  pugi::xml_document xsd;
  REQUIRE(xsd.load_file((std::filesystem::path(EDIGATE_SOURCE_DIR) / "partners/partner.xsd").c_str()));
  pugi::xml_node sftp = xsd.select_node("//*[local-name()='element'][@name='sftp']").node();
  REQUIRE(sftp);
  std::map<std::string, std::string> declared;
  for (const auto& o : sftp::sftp_options()) declared[o.name] = o.secret ? "<secret>" : o.default_value;
  std::set<std::string> in_xsd;
  for (pugi::xpath_node a : sftp.select_nodes(".//*[local-name()='attribute']")) {
    const std::string name = a.node().attribute("name").value();
    if (name == "name") continue;  // the endpoint's name, not a setting
    in_xsd.insert(name);
    INFO(name);
    REQUIRE(declared.count(name) == 1);
    if (declared[name] != "<secret>") CHECK(declared[name] == a.node().attribute("default").value());
    const bool required = std::string(a.node().attribute("use").value()) == "required";
    for (const auto& o : sftp::sftp_options())
      if (o.name == name) CHECK(o.required == required);
  }
  for (const auto& [name, unused] : declared) {
    INFO(name);
    CHECK(in_xsd.count(name) == 1);  // nothing the XSD would refuse in a profile
  }
}

TEST_CASE("SFTP settings: a profile with a key, folders and numbers opens, and bad values are named",
          "[sftp][settings]") {
  TransportConfig c;
  c.partner = "acme";
  c.name = "sftp";
  for (const auto& o : sftp::sftp_options())
    if (!o.default_value.empty()) c.options[o.name] = o.default_value;
  c.options["host"] = "sftp.example";
  c.options["user"] = "edi";
  c.options["host-key"] = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  c.options["inbox"] = "in";
  c.secrets["password"] = "pw";
  auto s = sftp::read_settings(c);
  INFO((s ? "" : s.error().to_string()));
  REQUIRE(s.ok());
  CHECK(s->session.port == 22);
  CHECK(s->max_sessions == 2);
  CHECK(s->after == sftp::AfterDownload::remove);
  CHECK(s->session.io_timeout == std::chrono::seconds(60));

  auto bad = c;
  bad.options["max-sessions"] = "0";
  CHECK_THAT(sftp::read_settings(bad).error().message, Catch::Contains("max-sessions"));
  bad = c;
  bad.options["inbox"] = "../etc";
  CHECK(sftp::read_settings(bad).error().code == "transport.sftp.config");
  bad = c;
  bad.secrets.clear();
  CHECK_THAT(sftp::read_settings(bad).error().message, Catch::Contains("neither 'key-file' nor 'password'"));
  bad = c;
  bad.options["host-key"] = "MD5:aa:bb";
  CHECK(sftp::read_settings(bad).error().code == "transport.sftp.config");
}

TEST_CASE("an SFTP session pool hands out at most its limit, waits a bounded time, and not at all when stopping",
          "[sftp][settings]") {
  auto pool = std::make_shared<sftp::SessionPool>(1);
  std::atomic<bool> stop{false};
  sftp::SftpOptions o;
  auto first = pool->acquire("a", o, std::chrono::milliseconds(0), stop);
  REQUIRE(first);
  CHECK_FALSE(first.reused());
  const auto started = std::chrono::steady_clock::now();
  auto second = pool->acquire("a", o, std::chrono::milliseconds(100), stop);
  CHECK_FALSE(second);  // the limit holds; the wait is bounded
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(100));
  CHECK(pool->open() == 1);
  first = {};  // back to the pool: never connected, so closed rather than kept idle
  CHECK(pool->open() == 0);
  auto third = pool->acquire("b", o, std::chrono::milliseconds(0), stop);
  CHECK(third);
  // A stopping endpoint does not wait.
  stop = true;
  CHECK_FALSE(pool->acquire("b", o, std::chrono::seconds(10), stop));
}

TEST_CASE("several SFTP endpoints of one partner each keep their own max-sessions", "[sftp][settings]") {
  sftp::SessionPools pools;
  std::atomic<bool> stop{false};
  sftp::SftpOptions o;
  auto one = pools.for_endpoint("acme-retail", "main", 1);
  auto three = pools.for_endpoint("acme-retail", "backup", 3);
  auto two = pools.for_endpoint("acme-retail", "other", 2);  // opened last: changes no other limit
  CHECK(one != three);
  CHECK(two != one);
  std::vector<sftp::SessionLease> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(three->acquire("b", o, std::chrono::milliseconds(0), stop));
    CHECK(held.back());
  }
  CHECK_FALSE(three->acquire("b", o, std::chrono::milliseconds(0), stop));
  held.push_back(one->acquire("a", o, std::chrono::milliseconds(0), stop));
  CHECK(held.back());
  CHECK_FALSE(one->acquire("a", o, std::chrono::milliseconds(0), stop));
  // The same endpoint opened again (a reload) gets its pool back, with the new limit.
  CHECK(pools.for_endpoint("acme-retail", "main", 2) == one);
  CHECK(one->acquire("a", o, std::chrono::milliseconds(0), stop));
}
