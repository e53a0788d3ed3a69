#include "pipeline/route_table.hpp"

#include <algorithm>

namespace edigate::pipeline {

RouteTable::RouteTable(std::set<std::string> gateway_destinations, std::vector<Route> routes,
                       std::map<std::string, int> lanes)
    : data_(std::make_shared<const Data>(Data{std::move(gateway_destinations), std::move(routes), std::move(lanes)})) {}

void RouteTable::replace(const RouteTable& other) { std::atomic_store(&data_, other.data()); }

std::map<std::string, int> RouteTable::default_lanes() {
  // What a warehouse or carrier waits on first, money last: a late ship notice stops a dock, a
  // late invoice does not.
  return {{"ship_notice", 10},    {"tracking_event", 10},     {"warehouse_order", 20}, {"warehouse_advice", 20},
          {"purchase_order", 30}, {"purchase_order_ack", 30}, {"functional_ack", 40},  {"invoice", 50}};
}

RouteTable RouteTable::from_config(const gateway_config::GatewayConfig& config) {
  std::set<std::string> names;
  for (const auto& d : config.destinations) names.insert(d.name);
  std::vector<Route> routes;
  for (const auto& r : config.routes) {
    Route route{r.partner, {r.types.begin(), r.types.end()}, r.destination, r.fallback};
    // A gateway destination's own `types` narrow every route to it.
    if (const auto* d = config.destination(r.destination)) {
      const auto own = types_of(*d);
      if (!own.empty() && route.types.empty()) route.types = own;
    }
    routes.push_back(std::move(route));
  }
  // Lanes from the configuration (0, 1, 2 ...) spaced out so acknowledgements (5) go first.
  std::map<std::string, int> lanes;
  for (const auto& [type, lane] : config.priorities.lanes) lanes[type] = 10 + 10 * static_cast<int>(lane);
  RouteTable table;
  table.data_ = std::make_shared<const Data>(Data{std::move(names), std::move(routes), std::move(lanes),
                                                  10 + 10 * static_cast<int>(config.priorities.default_lane)});
  return table;
}

int RouteTable::priority(std::string_view type) const {
  const auto d = data();
  auto found = d->lanes.find(std::string(type));
  return found == d->lanes.end() ? d->default_lane : found->second;
}

std::string RouteTable::destination_key(std::string_view partner_id, const partners::Endpoint& destination) const {
  if (data()->gateway_destinations.count(destination.name)) return destination.name;
  return std::string(partner_id) + "/" + destination.name;
}

std::set<std::string> types_of(const partners::Endpoint& destination) {
  std::set<std::string> out;
  auto found = destination.settings.find("types");
  if (found == destination.settings.end()) return out;
  std::string item;
  for (char c : found->second + ",") {
    if (c == ',') {
      if (!item.empty()) out.insert(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return out;
}

std::vector<DeliveryTarget> RouteTable::targets(const partners::Profile* profile, std::string_view partner_id,
                                                std::string_view type) const {
  std::vector<DeliveryTarget> out;
  auto add = [&](DeliveryTarget t) {
    auto same = std::find_if(out.begin(), out.end(), [&](const auto& o) { return o.destination == t.destination; });
    if (same == out.end()) out.push_back(std::move(t));
  };
  const int lane = priority(type);
  const auto d = data();
  for (const Route& r : d->routes) {
    if (r.partner != "*" && r.partner != partner_id) continue;
    if (!r.types.empty() && !r.types.count(std::string(type))) continue;
    add({r.destination, r.fallback, lane});
  }
  if (profile) {
    for (const auto& d : profile->destinations) {
      const auto types = types_of(d);
      if (!types.empty() && !types.count(std::string(type))) continue;
      add({destination_key(partner_id, d), "", lane});
    }
  }
  return out;
}

}  // namespace edigate::pipeline
