#pragma once
// The AS2 plugin as the gateway runs it: libedigate_as2.so loaded by the plugin host, endpoints
// and a listener over a real SQLite store and GatewayTransportHost, on 127.0.0.1.
#include "as2_fixture.hpp"

#include "plugin_host/plugin_host.hpp"
#include "store/store.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <atomic>
#include <mutex>

namespace edigate::as2::test {

/// The gateway's host, with what the tests look at recorded: intakes that succeeded, the
/// outcomes settled for async MDNs; `fail_intake` makes intake fail as a store that is down;
/// `settle_through` hands settlements on to the real host (its store) after recording them.
class RecordingHost final : public TransportHost {
 public:
  explicit RecordingHost(TransportHost& real) : real_(real) {}
  Result<IntakeReceipt> intake(const ReceivedDocument& doc) noexcept override {
    if (fail_intake) return Error("store.busy", "the store is down (test)").as(ErrorCategory::transient);
    auto r = real_.intake(doc);
    if (r) {
      std::lock_guard lock(mutex_);
      intakes.push_back(doc);
      receipts.push_back(*r);
    }
    return r;
  }
  std::size_t intake_capacity() noexcept override { return real_.intake_capacity(); }
  Result<DocumentStatus> status(std::int64_t id) noexcept override { return real_.status(id); }
  Result<void> settle(std::int64_t id, const SendResult& result) noexcept override {
    if (settle_through) {
      auto r = real_.settle(id, result);
      if (!r) return r;
    }
    std::lock_guard lock(mutex_);
    settled.emplace_back(id, result);
    return {};
  }
  void log(LogLevel level, std::string_view event, std::string_view partner,
           std::string_view detail) noexcept override {
    std::lock_guard lock(mutex_);
    logs.push_back(std::string(event) + " " + std::string(partner) + " " + std::string(detail));
    real_.log(level, event, partner, detail);
  }
  bool stopping() const noexcept override { return false; }

  std::size_t stored() {
    std::lock_guard lock(mutex_);
    return intakes.size();
  }
  std::vector<std::pair<std::int64_t, SendResult>> settled_copy() {
    std::lock_guard lock(mutex_);
    return settled;
  }

  std::atomic<bool> fail_intake{false};
  std::atomic<bool> settle_through{false};
  std::mutex mutex_;
  std::vector<ReceivedDocument> intakes;
  std::vector<IntakeReceipt> receipts;
  std::vector<std::pair<std::int64_t, SendResult>> settled;
  std::vector<std::string> logs;

 private:
  TransportHost& real_;
};

/// One gateway with the AS2 plugin: its store, host, plugin; endpoints and a listener on demand.
struct Gateway {
  edigate::test::TempDir dir{"as2-gw"};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<transport_host::GatewayTransportHost> real;
  std::unique_ptr<RecordingHost> host;
  plugin_host::PluginHost plugins;
  std::shared_ptr<TransportPlugin> plugin;

  explicit Gateway(store::StoreOptions options = {}) {
    auto s = store::open_sqlite_store(dir.path / "data", options);
    REQUIRE(s.ok());
    store = std::move(s).value();
    real = std::make_unique<transport_host::GatewayTransportHost>(*store, nullptr, nullptr, 1000, nullptr);
    host = std::make_unique<RecordingHost>(*real);
    auto loaded = plugins.load_file(fs::path(EDIGATE_BUILD_DIR) / "plugins" / "libedigate_as2.so");
    INFO((loaded.ok() ? std::string() : loaded.error().to_string()));
    REQUIRE(loaded.ok());
    plugin = plugins.transport("as2");
    REQUIRE(plugin);
  }

  /// An endpoint toward `partner_id` at `url`, as `our` (key + cert), trusting `theirs`.
  TransportConfig config(const std::string& url, const std::string& our_id, const std::vector<Identity>& our,
                         const std::string& partner_id, const std::vector<Identity>& theirs,
                         std::map<std::string, std::string> extra = {}) {
    TransportConfig c;
    c.partner = "p-" + partner_id;
    c.name = "as2";
    c.base = dir.path;
    c.work_dir = dir.path / "data" / "transports" / c.partner / "as2";
    for (const auto& o : plugin->spec().options)
      if (!o.default_value.empty()) c.options[o.name] = o.default_value;
    c.options["url"] = url;
    c.options["as2-from"] = our_id;
    c.options["as2-to"] = partner_id;
    std::string certs, keys;
    for (const auto& id : theirs) certs += (certs.empty() ? "" : " ") + id.crt.string();
    c.options["partner-certificate"] = certs;
    certs.clear();
    for (const auto& id : our) {
      certs += (certs.empty() ? "" : " ") + id.crt.string();
      keys += read_file(id.key);
    }
    c.options["our-certificate"] = certs;
    c.secrets["our-private-key"] = keys;
    for (auto& [k, v] : extra) c.options[k] = v;
    return c;
  }

  std::unique_ptr<TransportEndpoint> open(const TransportConfig& c) {
    auto e = plugin->open(c, *host);
    INFO((e.ok() ? std::string() : e.error().to_string()));
    REQUIRE(e.ok());
    return std::move(e).value();
  }

  std::unique_ptr<TransportListener> listen(std::map<std::string, std::string> extra = {}) {
    ListenerConfig c;
    c.type = "as2";
    c.base = dir.path;
    c.work_dir = dir.path / "data" / "transports" / "as2";
    for (const auto& o : plugin->spec().listener)
      if (!o.default_value.empty()) c.options[o.name] = o.default_value;
    c.options["listen"] = "127.0.0.1:0";
    for (auto& [k, v] : extra) c.options[k] = v;
    auto l = plugin->listen(c, *host);
    INFO((l.ok() ? std::string() : l.error().to_string()));
    REQUIRE(l.ok());
    return std::move(l).value();
  }
};

inline std::string url_of(const TransportListener& l) { return "http://" + l.address() + "/as2"; }

inline OutboundDocument outbound(std::int64_t id, std::uint32_t attempt = 0) {
  OutboundDocument d;
  d.id = id;
  d.partner = "p";
  d.type = "850";
  d.file_name = "po-" + std::to_string(id) + ".x12";
  d.body = sample_payload();
  d.attempt = attempt;
  return d;
}

}  // namespace edigate::as2::test
