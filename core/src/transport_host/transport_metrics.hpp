#pragma once
// /metrics for the open transports: edigate_transport_up{partner,transport,type} (1 healthy, 0 not)
// for every endpoint and listener, and each gauge a transport reports in its health
// (TransportGauge) as edigate_transport_<name>{partner,transport,<its labels>}: days until a
// certificate expires, sessions open. Run from the gateway's housekeeping loop.
#include "metrics/registry.hpp"
#include "transport_host/transport_set.hpp"

#include <functional>

namespace edigate::transport_host {

/// `problem`: a gauge that cannot be exported (a bad name, labels changing between reports);
/// the others are exported regardless.
void export_transport_health(const TransportSet& transports, metrics::Registry& registry,
                             const std::function<void(const Error&)>& problem);

}  // namespace edigate::transport_host
