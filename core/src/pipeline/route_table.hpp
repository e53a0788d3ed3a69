#pragma once
// Where each canonical message goes: destinations by partner and message type, from the
// gateway configuration's routes and each partner profile's <destinations>, with a priority lane
// per message type (default: ship notices and tracking before orders, orders before invoices).
//
// Destination names: a gateway destination is global ("erp"); a profile's own destination is
// scoped to its partner ("acme-retail/archive"), unless the gateway declares one of the same name,
// which then replaces it (the gateway configuration names the real endpoint per environment,
// profiles name roles).
#include "gateway_config/gateway_config.hpp"
#include "partners/profile.hpp"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::pipeline {

struct Route {
  std::string partner = "*";    ///< a partner id or "*"
  std::set<std::string> types;  ///< canonical types; empty: all
  std::string destination;      ///< a gateway destination name
  std::string fallback;         ///< used while the primary's circuit breaker is open; may be empty
};

struct DeliveryTarget {
  std::string destination;  ///< key in the destination registry
  std::string fallback;
  int priority = 0;  ///< lower first
  bool operator==(const DeliveryTarget&) const = default;
};

class RouteTable {
 public:
  /// `gateway_destinations`: the names the gateway configuration declares.
  explicit RouteTable(std::set<std::string> gateway_destinations = {}, std::vector<Route> routes = {},
                      std::map<std::string, int> lanes = default_lanes());

  /// Every destination a message of `type` from `partner` goes to (gateway routes first, then
  /// the profile's destinations), each once.
  std::vector<DeliveryTarget> targets(const partners::Profile* profile, std::string_view partner_id,
                                      std::string_view type) const;
  int priority(std::string_view type) const;
  /// The registry key of a profile's destination (see above).
  std::string destination_key(std::string_view partner_id, const partners::Endpoint& destination) const;

  static std::map<std::string, int> default_lanes();
  /// The routes, destination names and priority lanes of a gateway configuration.
  static RouteTable from_config(const gateway_config::GatewayConfig& config);
  /// Takes `other`'s routes, names and lanes, atomically: a stage routing at that moment sees
  /// the old table or the new one, never a mix (gateway.xml reloaded while serving).
  void replace(const RouteTable& other);

 private:
  struct Data {
    std::set<std::string> gateway_destinations;
    std::vector<Route> routes;
    std::map<std::string, int> lanes;
    int default_lane = 45;
  };
  std::shared_ptr<const Data> data() const { return std::atomic_load(&data_); }
  std::shared_ptr<const Data> data_;
};

/// A destination's `types` setting ("purchase_order,invoice") as a set; empty when absent.
std::set<std::string> types_of(const partners::Endpoint& destination);

}  // namespace edigate::pipeline
