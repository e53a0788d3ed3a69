#include "gateway_config/destinations.hpp"

#include <algorithm>

namespace edigate::gateway_config {
namespace {

namespace fs = std::filesystem;

bool types_include(const partners::Endpoint& e, std::string_view type) {
  auto it = e.settings.find("types");
  if (it == e.settings.end() || it->second.empty()) return true;
  std::string_view list = it->second;
  while (!list.empty()) {
    auto comma = list.find(',');
    if (list.substr(0, comma) == type) return true;
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return false;
}

}  // namespace

std::vector<partners::Endpoint> partner_destinations(const GatewayConfig& gateway, const partners::Profile& profile) {
  std::vector<partners::Endpoint> out;
  for (const partners::Endpoint& own : profile.destinations) {
    if (const partners::Endpoint* real = gateway.destination(own.name)) {
      partners::Endpoint e = *real;
      // The role's routing choice stays the profile's; the endpoint is the environment's.
      if (auto t = own.settings.find("types"); t != own.settings.end())
        e.settings["types"] = t->second;
      else
        e.settings.erase("types");
      out.push_back(std::move(e));
      continue;
    }
    partners::Endpoint e = own;
    if (e.kind == "folder") {
      fs::path p(e.settings["path"]);
      if (p.is_relative()) e.settings["path"] = (gateway.data_dir / p).lexically_normal().string();
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<RouteTarget> route_message(const GatewayConfig& gateway, const partners::Profile& profile,
                                       std::string_view type) {
  std::vector<RouteTarget> out;
  auto taken = [&](const std::string& name) {
    return std::any_of(out.begin(), out.end(), [&](const RouteTarget& t) { return t.destination.name == name; });
  };
  for (partners::Endpoint& e : partner_destinations(gateway, profile)) {
    if (!types_include(e, type) || taken(e.name)) continue;
    out.push_back({std::move(e), std::nullopt, "profile " + profile.id});
  }
  for (const Route& r : gateway.routes) {
    if (!r.matches(profile.id, type) || taken(r.destination)) continue;
    // The loader checked that both names exist.
    if (!types_include(*gateway.destination(r.destination), type)) continue;
    RouteTarget t{*gateway.destination(r.destination), std::nullopt,
                  gateway.file.filename().string() + ":" + std::to_string(r.line)};
    if (!r.fallback.empty()) t.fallback = *gateway.destination(r.fallback);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace edigate::gateway_config
