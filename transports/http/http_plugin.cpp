// The http transport plugin: partner <http> endpoints (poll a URL, send to one) and the supplier
// API listener (gateway.xml <listener type="http">). The plugin object keeps the registry of
// partners the listener serves: each open endpoint with an api-key-sha256 is one.
#include "http_endpoint.hpp"
#include "http_listener.hpp"

namespace edigate::http {
namespace {

class HttpPlugin final : public TransportPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"http", PluginKind::transport, "0.1.0", EDIGATE_SDK_ABI,
            "HTTP: the supplier API (POST documents, GET status; API keys, rate limits), URL polling and sending"};
  }
  TransportSpec spec() const noexcept override { return {"http", endpoint_options(), true, true, listener_options()}; }

  Result<std::unique_ptr<TransportEndpoint>> open(const TransportConfig& config, TransportHost&) noexcept override {
    try {
      EDIGATE_TRY(auto endpoint, HttpEndpoint::open(config, keys_));
      return std::unique_ptr<TransportEndpoint>(std::move(endpoint));
    } catch (const std::exception& e) {
      return Error("transport.http.config", "transport '" + config.name + "': " + e.what())
          .as(ErrorCategory::configuration);
    }
  }

  Result<std::unique_ptr<TransportListener>> listen(const ListenerConfig& config,
                                                    TransportHost& host) noexcept override {
    try {
      EDIGATE_TRY(auto listener, HttpListener::start(config, host, keys_));
      return std::unique_ptr<TransportListener>(std::move(listener));
    } catch (const std::exception& e) {
      return Error("transport.http.listener", std::string("listener 'http': ") + e.what())
          .as(ErrorCategory::configuration);
    }
  }

 private:
  PartnerKeys keys_;
};

Plugin* create_plugin() { return new HttpPlugin(); }

}  // namespace
}  // namespace edigate::http

EDIGATE_PLUGIN(edigate::http::create_plugin)
