#include "transport_host/transport_metrics.hpp"

namespace edigate::transport_host {
namespace {

void export_one(const std::string& partner, const std::string& transport, const std::string& type,
                const TransportHealth& h, metrics::Registry& registry,
                const std::function<void(const Error&)>& problem) {
  if (auto up = registry.gauge("edigate_transport_up", "1 while a transport endpoint or listener is healthy",
                               {"partner", "transport", "type"}))
    (*up)->with({partner, transport, type}).set(h.ok ? 1 : 0);
  for (const auto& g : h.gauges) {
    std::vector<std::string> labels{"partner", "transport"}, values{partner, transport};
    for (const auto& [k, v] : g.labels) {  // a map: label names in a stable order
      labels.push_back(k);
      values.push_back(v);
    }
    auto family = registry.gauge("edigate_transport_" + g.name, "reported by the " + type + " transport", labels);
    if (!family) {
      problem(family.error());
      continue;
    }
    (*family)->with(values).set(g.value);
  }
}

}  // namespace

void export_transport_health(const TransportSet& transports, metrics::Registry& registry,
                             const std::function<void(const Error&)>& problem) {
  for (const auto& l : transports.listeners())
    export_one("", "listener", l->type, l->listener->health(), registry, problem);
  for (const auto& e : transports.endpoints())
    export_one(e->config.partner, e->config.name.empty() ? e->type : e->config.name, e->type, e->endpoint->health(),
               registry, problem);
}

}  // namespace edigate::transport_host
