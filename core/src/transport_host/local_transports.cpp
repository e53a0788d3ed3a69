#include "transport_host/local_transports.hpp"

namespace edigate::transport_host {

Result<std::unique_ptr<LocalTransports>> LocalTransports::open(const plugin_host::PluginHost& plugins,
                                                               store::Store& store,
                                                               const std::filesystem::path& data_dir) {
  std::unique_ptr<LocalTransports> t(new LocalTransports(plugins, store));
  gateway_config::GatewayConfig g;
  g.file = data_dir / "gateway.xml";
  g.data_dir = data_dir;
  g.transports.profile_endpoints = false;
  auto errors = t->set_.configure(g, {});
  if (!errors.empty()) return errors.front();
  return t;
}

}  // namespace edigate::transport_host
