#include "delivery/destination.hpp"

namespace edigate::delivery {

const char* to_string(DeliveryOutcome::Kind kind) {
  switch (kind) {
    case DeliveryOutcome::delivered:
      return "delivered";
    case DeliveryOutcome::retry:
      return "retry";
    case DeliveryOutcome::permanent:
      return "permanent";
  }
  return "retry";
}

std::vector<DeliveryOutcome> Destination::deliver_all(std::span<const Delivery> deliveries) {
  std::vector<DeliveryOutcome> outcomes;
  outcomes.reserve(deliveries.size());
  for (const auto& d : deliveries) {
    outcomes.push_back(deliver(d));
    if (outcomes.back().kind != DeliveryOutcome::delivered) break;
  }
  return outcomes;
}

}  // namespace edigate::delivery
