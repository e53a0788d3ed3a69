#pragma once
// The whole gateway in-process from the bundled samples/gateway/gateway.xml, as the gateway tests
// of every suite start it: folders made absolute, the admin API on a free port, optionally fast
// intake, another partners folder and a <transports> element of the test's own.
#include "pipeline/gateway.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

namespace edigate::test {

struct SampleGatewayOptions {
  std::filesystem::path partners;  ///< the partners folder; empty: the repository's
  bool fast_intake = false;        ///< poll the inboxes every 50 ms and take files at once
  std::string transports;          ///< replaces the sample's <transports profile-endpoints="false"/>
};

/// samples/gateway/gateway.xml rewritten for a test run.
inline std::string sample_gateway_xml(const SampleGatewayOptions& o = {}) {
  std::ifstream in(std::filesystem::path(EDIGATE_SOURCE_DIR) / "samples/gateway/gateway.xml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::string xml = text.str();
  REQUIRE_FALSE(xml.empty());
  if (!o.partners.empty())
    xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./partners\""), "\"" + o.partners.string() + "\"");
  xml = std::regex_replace(xml, std::regex("\"\\.\\./\\.\\./"), std::string("\"") + EDIGATE_SOURCE_DIR + "/");
  xml = std::regex_replace(xml, std::regex("127\\.0\\.0\\.1:8470"), "127.0.0.1:0");
  if (o.fast_intake)
    xml = std::regex_replace(xml, std::regex("poll-ms=\"500\" stable-ms=\"1000\""), "poll-ms=\"50\" stable-ms=\"0\"");
  if (!o.transports.empty()) {
    const std::string none = "<transports profile-endpoints=\"false\"/>";
    const std::size_t at = xml.find(none);
    REQUIRE(at != std::string::npos);
    xml.replace(at, none.size(), o.transports);
  }
  return xml;
}

/// A gateway opened from `config_file` (its data under `data`) and started; `watch`: it also
/// reloads the file when it changes. Stopped on destruction.
struct StartedGateway {
  log::JsonLog log{2};
  std::unique_ptr<pipeline::Gateway> gateway;

  StartedGateway(const std::filesystem::path& config_file, const std::filesystem::path& data, bool watch = false) {
    ::setenv("EDIGATE_ADMIN_TOKEN", "test-token", 1);
    gateway_config::Overrides overrides;
    overrides.data_dir = data;
    auto config = gateway_config::load_gateway_config(config_file, overrides);
    INFO((config ? "" : config.error().to_string()));
    REQUIRE(config.ok());
    auto opened = pipeline::Gateway::open(std::move(*config), log);
    INFO((opened ? "" : opened.error().to_string()));
    REQUIRE(opened.ok());
    gateway = std::move(*opened);
    if (watch) {
      auto source = gateway_config::ConfigSource::open(config_file, overrides);
      REQUIRE(source.ok());
      gateway->watch(std::move(*source));
    }
    auto started = gateway->start();
    INFO((started ? "" : started.error().to_string()));
    REQUIRE(started.ok());
  }
  ~StartedGateway() {
    if (gateway) gateway->stop();
  }
  StartedGateway(const StartedGateway&) = delete;
  StartedGateway& operator=(const StartedGateway&) = delete;
  pipeline::Gateway* operator->() const { return gateway.get(); }
};

}  // namespace edigate::test
