#pragma once
// The live destinations of a running gateway, each with its circuit breaker, keyed as the route
// table names them: a gateway destination by its name ("erp"), a profile's own by
// "<partner>/<name>". Created on first use, so a partner onboarded (or edited) while the gateway
// runs needs no restart; `forget()` drops the profile ones after a reload.
#include "delivery/circuit_breaker.hpp"
#include "delivery/destination.hpp"
#include "gateway_config/gateway_config.hpp"
#include "runtime/runtime.hpp"

#include <map>
#include <memory>
#include <mutex>

namespace edigate::pipeline {

class DestinationSet {
 public:
  struct Entry {
    Entry(std::unique_ptr<delivery::Destination> d, delivery::BreakerOptions b)
        : destination(std::move(d)), breaker(b) {}
    std::unique_ptr<delivery::Destination> destination;
    delivery::CircuitBreaker breaker;
    std::string fallback;  ///< key of the fallback while this breaker is open; empty: none
  };

  DestinationSet(std::shared_ptr<const gateway_config::GatewayConfig> config, runtime::Runtime& runtime,
                 delivery::BreakerOptions breaker);

  /// The destination with that key. `delivery.destination.unknown` (configuration) when neither
  /// the gateway nor the partner's profile declares it (any more).
  /// Shared: a reload may drop it from the set while a worker still delivers through it.
  Result<std::shared_ptr<Entry>> get(const std::string& key);
  /// Drops the partner destinations, so the next use builds them from the current profiles.
  void forget_partner_destinations();
  /// A reloaded gateway.xml: every destination is built anew from it on next use.
  void reconfigure(std::shared_ptr<const gateway_config::GatewayConfig> config);

 private:
  std::shared_ptr<const gateway_config::GatewayConfig> config_;
  runtime::Runtime& runtime_;
  delivery::BreakerOptions breaker_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

}  // namespace edigate::pipeline
