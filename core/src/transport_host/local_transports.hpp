#pragma once
// The gateway's folder endpoint over a data directory alone (DATA/inbox in, DATA/outbox out), with
// a store-backed host: for running pipeline stages without a Gateway (tests, tools).
#include "transport_host/gateway_transport_host.hpp"
#include "transport_host/transport_set.hpp"

namespace edigate::transport_host {

class LocalTransports {
 public:
  /// Errors when the folder plugin is not among `plugins`.
  static Result<std::unique_ptr<LocalTransports>> open(const plugin_host::PluginHost& plugins, store::Store& store,
                                                       const std::filesystem::path& data_dir);
  TransportSet& set() { return set_; }
  GatewayTransportHost& host() { return host_; }

 private:
  LocalTransports(const plugin_host::PluginHost& plugins, store::Store& store)
      : host_(store, nullptr, nullptr, 1000, {}), set_(plugins, host_) {}
  GatewayTransportHost host_;
  TransportSet set_;
};

}  // namespace edigate::transport_host
