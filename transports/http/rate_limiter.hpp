#pragma once
// Token buckets per partner for the supplier API: `rate` requests per second on average, bursts of
// up to `burst`. A refused request learns how long until the next token (the 429's Retry-After).
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace edigate::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// `rate` > 0 tokens per second, `burst` >= 1 tokens at most (a full bucket to start with).
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

  /// Takes one token of `key`'s bucket: zero when allowed, else the whole seconds (at least 1)
  /// until a token is there.
  std::chrono::seconds take(const std::string& key, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  double rate_, burst_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace edigate::http
