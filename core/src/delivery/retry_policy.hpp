#pragma once
// When to try a failed delivery again, and when to stop: exponential backoff with full jitter
// (the delay is uniform in [0, min(cap, base * 2^(attempt-1))], AWS Architecture Blog
// "Exponential Backoff And Jitter"), so a receiver coming back from an outage is not hit by
// every queued message at the same instant. A Retry-After from the receiver is honoured: the
// delay is the larger of the two, then capped.
//
// Pure and thread-safe as long as the injected random source is; the pipeline owns the queue
// and the attempt counts.
#include "delivery/destination.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace edigate::delivery {

struct RetryOptions {
  std::chrono::milliseconds base{1000};       ///< the first ceiling
  std::chrono::milliseconds cap{300 * 1000};  ///< no delay is longer, Retry-After included
  unsigned max_attempts = 10;                 ///< attempts in all, the first included
  /// How much of the ceiling is random: the delay is uniform in [(1 - p/100) * ceiling,
  /// ceiling]. 100 (the default) is full jitter; gateway.xml's `jitter-percent` sets it.
  unsigned jitter_percent = 100;
};

struct RetryDecision {
  bool dead_letter = false;            ///< stop: permanent outcome or attempts used up
  std::chrono::milliseconds delay{0};  ///< before the next attempt, when not dead-lettered
  std::string reason;                  ///< why dead-lettered ("permanent: HTTP 400", "10 attempts")
};

class RetryPolicy {
 public:
  /// Uniform in [0, 1). Called once per decision.
  using Random = std::function<double()>;

  /// `random` defaults to a per-thread Mersenne Twister seeded from std::random_device.
  explicit RetryPolicy(RetryOptions options = {}, Random random = {});

  /// The ceiling for the delay after failed attempt number `attempt` (1-based):
  /// min(cap, base * 2^(attempt-1)), without overflow for any attempt.
  std::chrono::milliseconds ceiling(unsigned attempt) const;

  /// The jittered backoff after failed attempt `attempt`: uniform in [0, ceiling(attempt)].
  std::chrono::milliseconds backoff(unsigned attempt) const;

  /// What to do after attempt number `attempt` (1-based) ended with `outcome`. A delivered
  /// outcome is never passed here (nothing to decide).
  RetryDecision decide(unsigned attempt, const DeliveryOutcome& outcome) const;

  const RetryOptions& options() const { return options_; }

 private:
  RetryOptions options_;
  Random random_;
};

}  // namespace edigate::delivery
