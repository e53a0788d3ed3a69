#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace edigate::http {

std::chrono::seconds RateLimiter::take(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh && now > b.at) {
    const double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.at = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::chrono::seconds(0);
  }
  // Retry-After is in whole seconds: round up, so a client that waits that long gets a token.
  const double wait = (1.0 - b.tokens) / rate_;
  return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

}  // namespace edigate::http
