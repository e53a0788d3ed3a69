#pragma once
// Where a partner's canonical messages go, combining its profile with the gateway
// configuration. The rule (docs/operations.md, "Destinations and routes"):
//  - a profile names roles ("erp", "tms", "archive"); the gateway configuration names the real
//    endpoint per environment. A profile destination whose name equals a gateway destination's
//    is REPLACED by the gateway's endpoint (kind, url/path, secrets); the profile's `types`
//    still decide which of that partner's messages go to it;
//  - relative folder paths (the gateway's and the profile's) are under the data directory;
//  - a message goes to every profile destination whose `types` include its type (no `types`:
//    every type), and to every gateway route that matches its partner and type (and the
//    gateway destination's own `types`, when it has them), each
//    destination once (first match wins: profile destinations first, then routes in file order).
#include "gateway_config/gateway_config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::gateway_config {

/// The partner's destinations after the rule above: replaced ones first in profile order, then
/// the profile's own. Every folder path is absolute.
std::vector<partners::Endpoint> partner_destinations(const GatewayConfig& gateway, const partners::Profile& profile);

struct RouteTarget {
  partners::Endpoint destination;
  std::optional<partners::Endpoint> fallback;  ///< used while the primary's breaker is open
  std::string because;                         ///< "profile acme-retail" or "gateway.xml:41"
};

/// Where one canonical message of `type` from `profile`'s partner goes. Empty when nothing
/// matches (the pipeline records that as an unrouted message).
std::vector<RouteTarget> route_message(const GatewayConfig& gateway, const partners::Profile& profile,
                                       std::string_view type);

}  // namespace edigate::gateway_config
