#pragma once
// Where each canonical message goes, as work items name it: the destinations
// gateway_config::route_message resolves for the message's partner and type (the one place the
// routing rule lives: profile destinations, a gateway destination replacing the profile's of the
// same name, gateway routes with fallbacks), each as a destination-set key, with the priority
// lane of its type.
//
// Keys: a gateway destination is global ("erp"); a profile's own destination is scoped to its
// partner ("acme-retail/archive").
#include "gateway_config/destinations.hpp"
#include "gateway_config/gateway_config.hpp"
#include "partners/profile.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::pipeline {

struct DeliveryTarget {
  std::string destination;  ///< key in the destination set
  std::string fallback;     ///< key used while the primary's circuit breaker is open; may be empty
  int priority = 0;         ///< lower first
  bool operator==(const DeliveryTarget&) const = default;
};

class RouteTable {
 public:
  /// No routes, no gateway destinations (profiles' own destinations still apply).
  RouteTable();
  explicit RouteTable(std::shared_ptr<const gateway_config::GatewayConfig> config);
  static RouteTable from_config(const gateway_config::GatewayConfig& config);
  /// Takes `other`'s configuration atomically: a stage routing at that moment sees the old
  /// table or the new one, never a mix (gateway.xml reloaded while serving).
  void replace(const RouteTable& other);

  /// Every destination a message of `type` from `partner_id` goes to, each once. Without a
  /// profile only the gateway's routes apply.
  std::vector<DeliveryTarget> targets(const partners::Profile* profile, std::string_view partner_id,
                                      std::string_view type) const;
  /// The lane of a type (gateway.xml <priorities>), spaced out so acknowledgements (5) go first.
  int priority(std::string_view type) const;
  /// The destination-set key of a destination named `name` for `partner_id` (see above).
  std::string destination_key(std::string_view partner_id, const std::string& name) const;

 private:
  std::shared_ptr<const gateway_config::GatewayConfig> config() const { return std::atomic_load(&config_); }
  std::shared_ptr<const gateway_config::GatewayConfig> config_;
};

}  // namespace edigate::pipeline
