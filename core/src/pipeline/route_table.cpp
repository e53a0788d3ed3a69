#include "pipeline/route_table.hpp"

#include <algorithm>

namespace edigate::pipeline {

RouteTable::RouteTable(std::set<std::string> gateway_destinations, std::vector<Route> routes,
                       std::map<std::string, int> lanes)
    : gateway_destinations_(std::move(gateway_destinations)), routes_(std::move(routes)), lanes_(std::move(lanes)) {}

std::map<std::string, int> RouteTable::default_lanes() {
  // What a warehouse or carrier waits on first, money last: a late ship notice stops a dock, a
  // late invoice does not.
  return {{"ship_notice", 10},    {"tracking_event", 10},     {"warehouse_order", 20}, {"warehouse_advice", 20},
          {"purchase_order", 30}, {"purchase_order_ack", 30}, {"functional_ack", 40},  {"invoice", 50}};
}

int RouteTable::priority(std::string_view type) const {
  auto found = lanes_.find(std::string(type));
  return found == lanes_.end() ? 45 : found->second;
}

std::string RouteTable::destination_key(std::string_view partner_id, const partners::Endpoint& destination) const {
  if (gateway_destinations_.count(destination.name)) return destination.name;
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
  for (const Route& r : routes_) {
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
