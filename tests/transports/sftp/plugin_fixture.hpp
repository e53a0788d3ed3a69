#pragma once
// The SFTP plugin as the gateway runs it: libedigate_sftp.so loaded from build/plugins by the
// plugin host, an endpoint opened from a partner profile written by the test (through
// transport_host::endpoint_config, so the option table, defaults and secrets are the host's),
// over a real SQLite store and the GatewayTransportHost, against a private sshd.
#include "partners/profile_loader.hpp"
#include "plugin_host/plugin_host.hpp"
#include "sshd_fixture.hpp"
#include "store/store.hpp"
#include "transport_host/endpoint_config.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <catch2/catch.hpp>

#include <edigate/transport_plugin.hpp>

#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>

namespace edigate::test {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path sftp_plugin_file() {
  return std::filesystem::path(EDIGATE_BUILD_DIR) / "plugins" / "libedigate_sftp.so";
}

/// ACME's example profile with its <transports> replaced by one <sftp name="sftp"> element with
/// `attributes` (written as given; the test decides host, port, key and folders).
inline std::string profile_with_sftp(const std::map<std::string, std::string>& attributes) {
  std::string xml = slurp(std::filesystem::path(EDIGATE_SOURCE_DIR) / "partners/acme-retail/partner.xml");
  std::string element = "<sftp name=\"sftp\"";
  for (const auto& [k, v] : attributes) element += " " + k + "=\"" + v + "\"";
  element += "/>";
  const auto begin = xml.find("<transports>");
  const auto end = xml.find("</transports>");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return xml.substr(0, begin) + "<transports>" + element + xml.substr(end);
}

/// The attributes of an endpoint on `server`'s inbox/outbox with the fixture's client key.
inline std::map<std::string, std::string> sftp_attributes(const SshdServer& server) {
  return {{"host", "127.0.0.1"},
          {"port", std::to_string(server.port())},
          {"user", server.user()},
          {"host-key", server.host_fingerprint()},
          {"key-file", "file:" + server.client_key().string()},
          {"inbox", "inbox"},
          {"outbox", "outbox"},
          {"connect-timeout-seconds", "5"},
          {"transfer-timeout-seconds", "10"}};
}

class SftpPluginRig {
 public:
  /// `queue_limit`: the host's backpressure (0: intake_capacity() is 0).
  explicit SftpPluginRig(std::uint32_t queue_limit = 1000) : dir_("sftp-plugin") {
    auto loaded = plugins_.load_file(sftp_plugin_file());
    INFO((loaded ? "" : loaded.error().to_string()));
    REQUIRE(loaded.ok());
    plugin_ = plugins_.transport("sftp");
    REQUIRE(plugin_);
    auto store = store::open_sqlite_store(dir_.path / "data", {});
    INFO((store ? "" : store.error().to_string()));
    REQUIRE(store.ok());
    store_ = std::move(*store);
    host_ = std::make_unique<transport_host::GatewayTransportHost>(*store_, nullptr, nullptr, queue_limit,
                                                                   std::function<void()>());
  }
  ~SftpPluginRig() { endpoints_.clear(); }

  /// The TransportConfig the gateway would open for a profile with these <sftp> attributes.
  Result<TransportConfig> config(const std::map<std::string, std::string>& attributes,
                                 const gateway_config::EndpointOverride* override = nullptr) {
    const auto file = dir_.path / "partners" / "acme-retail" / "partner.xml";
    write_text(file, profile_with_sftp(attributes));
    auto profile = partners::load_profile(file);
    if (!profile) return std::move(profile).error();
    REQUIRE((*profile)->transports.size() == 1);
    return transport_host::endpoint_config(**profile, (*profile)->transports.front(), override, plugin_->spec(),
                                           dir_.path / "data");
  }

  /// Opens an endpoint (kept until the rig ends); REQUIREs success.
  TransportEndpoint& open(const std::map<std::string, std::string>& attributes) {
    auto c = config(attributes);
    INFO((c ? "" : c.error().to_string()));
    REQUIRE(c.ok());
    auto e = plugin_->open(*c, *host_);
    INFO((e ? "" : e.error().to_string()));
    REQUIRE(e.ok());
    endpoints_.push_back(std::move(*e));
    return *endpoints_.back();
  }

  TransportPlugin& plugin() { return *plugin_; }
  transport_host::GatewayTransportHost& host() { return *host_; }
  store::Store& store() { return *store_; }
  const std::filesystem::path& dir() const { return dir_.path; }

  /// Inputs stored so far, by id (ids start at 1 and have no gaps).
  std::vector<store::InputRecord> inputs() {
    std::vector<store::InputRecord> out;
    for (std::int64_t id = 1;; ++id) {
      auto in = store_->input(id);
      if (!in) break;
      out.push_back(*in);
    }
    return out;
  }
  std::int64_t queued() {
    auto c = store_->queue_counts(store::WorkKind::process);
    REQUIRE(c.ok());
    return c->ready + c->waiting + c->leased;
  }

 private:
  TempDir dir_;
  plugin_host::PluginHost plugins_;
  std::shared_ptr<TransportPlugin> plugin_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<transport_host::GatewayTransportHost> host_;
  std::vector<std::unique_ptr<TransportEndpoint>> endpoints_;
};

/// The rig's host, recording the log events a transport writes (event names, in order).
class RecordingHost final : public TransportHost {
 public:
  explicit RecordingHost(TransportHost& inner) : inner_(inner) {}
  Result<IntakeReceipt> intake(const ReceivedDocument& doc) noexcept override { return inner_.intake(doc); }
  Result<IntakeReceipt> intake_stream(const ReceivedDocument& doc, InputStream& body,
                                      std::int64_t expected_size) noexcept override {
    return inner_.intake_stream(doc, body, expected_size);
  }
  std::size_t intake_capacity() noexcept override { return inner_.intake_capacity(); }
  Result<DocumentStatus> status(std::int64_t id) noexcept override { return inner_.status(id); }
  Result<void> settle(std::int64_t id, const SendResult& r) noexcept override { return inner_.settle(id, r); }
  void log(LogLevel l, std::string_view event, std::string_view p, std::string_view detail) noexcept override {
    std::lock_guard lock(mutex_);
    events_.push_back(std::string(event) + ": " + std::string(detail));
    inner_.log(l, event, p, detail);
  }
  bool stopping() const noexcept override { return inner_.stopping(); }
  std::string events() {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& e : events_) out += e + "\n";
    return out;
  }

 private:
  TransportHost& inner_;
  std::mutex mutex_;
  std::vector<std::string> events_;
};

/// Files directly in `dir` (names only, sorted).
inline std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace edigate::test
