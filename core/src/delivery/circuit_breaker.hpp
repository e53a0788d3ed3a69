#pragma once
// A circuit breaker per destination: after `failure_threshold` consecutive failed attempts the
// destination is left alone for `open_interval` (open); then a single probe is let through
// (half-open): its success closes the breaker, its failure opens it for another interval.
// While open, the pipeline does not call the destination (it reschedules, or uses the route's
// fallback), so a dead ERP costs one timeout per interval instead of one per queued message.
//
// What counts: a `retry` outcome is a failure; `delivered` and `permanent` are successes (a 400
// for one bad message proves the receiver is up). Thread-safe; the clock is injectable.
#include "delivery/destination.hpp"

#include <chrono>
#include <functional>
#include <mutex>

namespace edigate::delivery {

struct BreakerOptions {
  unsigned failure_threshold = 5;
  std::chrono::milliseconds open_interval{30 * 1000};
};

class CircuitBreaker {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  enum class State : std::uint8_t { closed, open, half_open };

  explicit CircuitBreaker(BreakerOptions options = {}, Clock clock = {});

  /// Whether an attempt may go out now. In half-open, true for exactly one caller (the probe)
  /// until that probe's outcome is recorded.
  bool allow();
  /// The outcome of an attempt that allow() let through.
  void record(const DeliveryOutcome& outcome);
  void record_success();
  void record_failure();

  State state() const;
  /// When an open breaker lets the probe through (meaningless when closed).
  std::chrono::steady_clock::time_point reopens_at() const;

 private:
  BreakerOptions options_;
  Clock clock_;
  mutable std::mutex mutex_;
  State state_ = State::closed;
  unsigned failures_ = 0;
  bool probe_out_ = false;
  std::chrono::steady_clock::time_point opened_at_{};
};

const char* to_string(CircuitBreaker::State state);

}  // namespace edigate::delivery
