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

}  // namespace edigate::delivery
