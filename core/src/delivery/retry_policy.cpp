#include "delivery/retry_policy.hpp"

#include <algorithm>
#include <random>

namespace edigate::delivery {

namespace {

double thread_random() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

RetryPolicy::RetryPolicy(RetryOptions options, Random random) : options_(options), random_(std::move(random)) {
  if (!random_) random_ = thread_random;
  if (options_.base.count() < 1) options_.base = std::chrono::milliseconds(1);
  if (options_.cap < options_.base) options_.cap = options_.base;
  if (options_.max_attempts < 1) options_.max_attempts = 1;
}

std::chrono::milliseconds RetryPolicy::ceiling(unsigned attempt) const {
  if (attempt < 1) attempt = 1;
  // Doubling stops as soon as the cap is reached, so 2^(attempt-1) never overflows.
  std::int64_t ceiling = options_.base.count();
  for (unsigned i = 1; i < attempt && ceiling < options_.cap.count(); ++i) ceiling *= 2;
  return std::chrono::milliseconds(std::min<std::int64_t>(ceiling, options_.cap.count()));
}

std::chrono::milliseconds RetryPolicy::backoff(unsigned attempt) const {
  const double r = std::clamp(random_(), 0.0, 1.0);
  const double spread = std::min(options_.jitter_percent, 100u) / 100.0;
  const auto c = static_cast<double>(ceiling(attempt).count());
  return std::chrono::milliseconds(static_cast<std::int64_t>(c * (1.0 - spread) + r * spread * c));
}

RetryDecision RetryPolicy::decide(unsigned attempt, const DeliveryOutcome& outcome) const {
  RetryDecision d;
  if (outcome.kind == DeliveryOutcome::permanent) {
    d.dead_letter = true;
    d.reason = "permanent: " + outcome.detail;
    return d;
  }
  if (attempt >= options_.max_attempts) {
    d.dead_letter = true;
    d.reason = std::to_string(attempt) + " attempts, last: " + outcome.detail;
    return d;
  }
  auto delay = backoff(attempt);
  if (outcome.retry_after)
    delay = std::max<std::chrono::milliseconds>(
        delay, std::chrono::duration_cast<std::chrono::milliseconds>(*outcome.retry_after));
  d.delay = std::min(delay, options_.cap);
  return d;
}

}  // namespace edigate::delivery
