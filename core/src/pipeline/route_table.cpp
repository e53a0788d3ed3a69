#include "pipeline/route_table.hpp"

#include <algorithm>

namespace edigate::pipeline {

RouteTable::RouteTable() : config_(std::make_shared<const gateway_config::GatewayConfig>()) {}

RouteTable::RouteTable(std::shared_ptr<const gateway_config::GatewayConfig> config) : config_(std::move(config)) {}

RouteTable RouteTable::from_config(const gateway_config::GatewayConfig& config) {
  return RouteTable(std::make_shared<const gateway_config::GatewayConfig>(config));
}

void RouteTable::replace(const RouteTable& other) { std::atomic_store(&config_, other.config()); }

int RouteTable::priority(std::string_view type) const {
  return 10 + 10 * static_cast<int>(config()->priorities.lane_of(type));
}

std::string RouteTable::destination_key(std::string_view partner_id, const std::string& name) const {
  if (config()->destination(name)) return name;
  return std::string(partner_id) + "/" + name;
}

std::vector<DeliveryTarget> RouteTable::targets(const partners::Profile* profile, std::string_view partner_id,
                                                std::string_view type) const {
  const auto cfg = config();
  const int lane = priority(type);
  std::vector<DeliveryTarget> out;
  if (profile) {
    for (const auto& t : gateway_config::route_message(*cfg, *profile, type))
      out.push_back({destination_key(partner_id, t.destination.name), t.fallback ? t.fallback->name : "", lane});
    return out;
  }
  for (const auto& r : cfg->routes) {
    if (!r.matches(partner_id, type)) continue;
    if (std::none_of(out.begin(), out.end(), [&](const auto& t) { return t.destination == r.destination; }))
      out.push_back({r.destination, r.fallback, lane});
  }
  return out;
}

}  // namespace edigate::pipeline
