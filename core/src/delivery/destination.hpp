#pragma once
// Where a canonical message goes once routed: the interface the pipeline calls, one call per
// delivery attempt, synchronously, from a worker thread. The pipeline owns the queue, the
// attempt count and the schedule (retry_policy.hpp, circuit_breaker.hpp); a destination only
// says what this one attempt did.
//
// Guarantees of every implementation:
//  - deliver() never throws and returns within a bounded time (its timeouts), so a hanging
//    receiver cannot hold a worker;
//  - deliver() may be called concurrently for different messages;
//  - delivering the same message twice is safe: the message id travels as the idempotency key
//    (webhook) or the file name (folder), so a retry after a lost answer is not a second copy.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace edigate::delivery {

/// One attempt at delivering one canonical message.
struct Delivery {
  std::string message_id;      ///< deterministic (canonical/message_id.hpp); the idempotency key
  std::string correlation_id;  ///< minted at intake, travels to the receiver
  std::string partner;         ///< partner profile id
  std::string type;            ///< canonical message type: "purchase_order", "ship_notice"
  std::string body;            ///< canonical JSON text, sent byte for byte
  unsigned attempt = 1;        ///< 1 for the first try
};

struct DeliveryOutcome {
  enum Kind : std::uint8_t {
    delivered,  ///< the receiver has it (or already had it)
    retry,      ///< not now: network trouble, 5xx, 429, a full disk; the same attempt may work later
    permanent,  ///< retrying gives the same answer (4xx, permissions, untrusted certificate)
  };
  Kind kind = retry;
  std::string detail;  ///< for people and the event row: "HTTP 503: busy", "/srv/x/1.json: ..."
  /// The receiver's Retry-After (already capped), when it sent one.
  std::optional<std::chrono::seconds> retry_after;
  int http_status = 0;  ///< 0 when there was no HTTP answer (or no HTTP at all)
};

const char* to_string(DeliveryOutcome::Kind kind);

class Destination {
 public:
  virtual ~Destination() = default;
  /// One attempt; see the guarantees above.
  virtual DeliveryOutcome deliver(const Delivery& delivery) = 0;
  /// Several attempts, one after the other, each outcome what deliver() would have said of it,
  /// in order. Stops after the first attempt that is not `delivered` (that outcome is the last
  /// one returned): the deliveries after it were not attempted, so a hanging receiver costs one
  /// timeout per batch, not one per message. A destination may share set-up between the
  /// attempts (a webhook keeps one connection for the batch); by default each is a deliver().
  virtual std::vector<DeliveryOutcome> deliver_all(std::span<const Delivery> deliveries);
  /// The destination's name in the profile or gateway configuration ("erp", "archive").
  const std::string& name() const { return name_; }
  /// One line for logs and `config check`: kind and target, never a secret.
  virtual std::string describe() const = 0;

 protected:
  explicit Destination(std::string name) : name_(std::move(name)) {}

 private:
  std::string name_;
};

}  // namespace edigate::delivery
