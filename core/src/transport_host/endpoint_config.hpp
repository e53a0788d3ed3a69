#pragma once
// Turning a profile's transport element (or a gateway listener) into what a transport plugin is
// opened with: every setting checked against the plugin's declared options (an undeclared one or
// a missing required one is an error naming the profile and the element), defaults filled in,
// this environment's overrides from gateway.xml applied, secrets resolved (env:NAME, file:PATH)
// only now, never at profile load, and never echoed in an error.
#include "gateway_config/gateway_config.hpp"
#include "partners/profile.hpp"

#include <edigate/transport_plugin.hpp>

namespace edigate::transport_host {

/// `profile`'s `endpoint`, with `override` (may be null) applied, for a plugin declaring `spec`.
/// work_dir: DATA/transports/<partner>/<name>. Codes: transport.option.unknown,
/// transport.option.missing, transport.secret.inline, partner.secret.* (configuration).
Result<TransportConfig> endpoint_config(const partners::Profile& profile, const partners::Endpoint& endpoint,
                                        const gateway_config::EndpointOverride* override, const TransportSpec& spec,
                                        const std::filesystem::path& data_dir);

/// A gateway-level listener; work_dir: DATA/transports/<type>.
Result<ListenerConfig> listener_config(const gateway_config::Listener& listener, const TransportSpec& spec,
                                       const gateway_config::GatewayConfig& gateway);

}  // namespace edigate::transport_host
