#pragma once
// The gateway's open transport endpoints and listeners.
//
// - The gateway's own folder endpoint (partner "", type folder): DATA/inbox/<partner-id>/ in,
//   DATA/outbox/<partner-id>/ out; every partner without a sending endpoint gets its documents
//   there. Extra inboxes of gateway.xml are folder endpoints of their partner.
// - Each enabled partner's declared endpoints, when <transports profile-endpoints="true"> (the
//   default) or a gateway.xml <endpoint> override enables it, with the override's settings.
// - Listeners of gateway.xml (<listener type="as2">).
//
// configure() runs at start and after every partner reload: an endpoint whose configuration is
// unchanged stays open (its poll schedule and connections kept); a changed one is reopened; a
// removed one closes once the sends using it return (endpoints are shared_ptr held by callers).
#include "gateway_config/gateway_config.hpp"
#include "partners/profile.hpp"
#include "plugin_host/plugin_host.hpp"

#include <edigate/transport_plugin.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

namespace edigate::transport_host {

struct OpenEndpoint {
  std::shared_ptr<TransportPlugin> plugin;  ///< keeps the plugin (and its library) alive
  std::string type;
  TransportConfig config;
  bool polls = false;                                        ///< the type can and role() does
  EndpointRole::Sends sends = EndpointRole::Sends::nothing;  ///< within what the type can
  /// Whether this endpoint sends documents of `type` ("997", "856", ...).
  bool sends_type(const std::string& type) const;
  std::chrono::milliseconds interval{10000};
  std::unique_ptr<TransportEndpoint> endpoint;
  std::mutex poll_mutex;  ///< one poll at a time
  std::chrono::steady_clock::time_point next_poll{};
  ~OpenEndpoint();
  std::string key() const { return config.partner + "/" + config.name; }
};

struct OpenListener {
  std::shared_ptr<TransportPlugin> plugin;
  std::string type;
  std::unique_ptr<TransportListener> listener;
  ~OpenListener();
};

class TransportSet {
 public:
  TransportSet(const plugin_host::PluginHost& plugins, TransportHost& host);
  ~TransportSet();

  /// Opens what `gateway` and `profiles` describe (see above). One Error per endpoint that could
  /// not be opened; the others open regardless.
  std::vector<Error> configure(const gateway_config::GatewayConfig& gateway,
                               const std::vector<std::shared_ptr<const partners::Profile>>& profiles);
  /// Starts gateway.xml's listeners (once, at start). One Error per listener that did not start.
  std::vector<Error> start_listeners(const gateway_config::GatewayConfig& gateway);

  /// The endpoint a document of `type` for `partner` goes through: the named one when `name` is
  /// given (null when it does not send that type), else the partner's first endpoint that sends
  /// it, else the gateway's folder endpoint. Null when none is open.
  std::shared_ptr<OpenEndpoint> sender_for(const std::string& partner, const std::string& name,
                                           const std::string& type) const;
  std::vector<std::shared_ptr<OpenEndpoint>> endpoints() const;
  std::vector<std::shared_ptr<OpenListener>> listeners() const;
  /// Closes every endpoint and listener (listeners first: no new documents arrive).
  void close();

 private:
  Result<std::shared_ptr<OpenEndpoint>> open(const TransportConfig& config, const std::string& type);

  const plugin_host::PluginHost& plugins_;
  TransportHost& host_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<OpenEndpoint>> endpoints_;  ///< by key(), in profile order per partner
  std::vector<std::string> order_;                                  ///< keys in declaration order
  std::vector<std::shared_ptr<OpenListener>> listeners_;
};

}  // namespace edigate::transport_host
