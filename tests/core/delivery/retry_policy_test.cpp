#include "delivery/retry_policy.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace edigate::delivery;
using namespace std::chrono_literals;

namespace {
DeliveryOutcome retry(std::optional<std::chrono::seconds> after = std::nullopt) {
  DeliveryOutcome o;
  o.kind = DeliveryOutcome::retry;
  o.detail = "HTTP 503";
  o.retry_after = after;
  return o;
}
}  // namespace

TEST_CASE("backoff ceiling doubles from the base and stops at the cap", "[delivery][retry]") {
  RetryPolicy p({1000ms, 60000ms, 10});
  CHECK(p.ceiling(1) == 1000ms);
  CHECK(p.ceiling(2) == 2000ms);
  CHECK(p.ceiling(3) == 4000ms);
  CHECK(p.ceiling(6) == 32000ms);
  CHECK(p.ceiling(7) == 60000ms);
  CHECK(p.ceiling(1000000) == 60000ms);  // no overflow however many attempts
}

TEST_CASE("full jitter: the delay is the random fraction of the ceiling", "[delivery][retry]") {
  double r = 0.0;
  RetryPolicy p({1000ms, 60000ms, 10}, [&] { return r; });
  CHECK(p.backoff(3) == 0ms);
  r = 0.5;
  CHECK(p.backoff(3) == 2000ms);
  r = 0.999;
  CHECK(p.backoff(3) == 3996ms);
}

TEST_CASE("jitter spreads the delays over the whole range", "[delivery][retry]") {
  RetryPolicy p({1000ms, 60000ms, 10});  // the real random source
  std::vector<std::int64_t> samples;
  for (int i = 0; i < 2000; ++i) samples.push_back(p.backoff(5).count());
  const auto [lo, hi] = std::minmax_element(samples.begin(), samples.end());
  CHECK(*lo >= 0);
  CHECK(*hi <= 16000);
  // 2,000 uniform draws: the extremes land in the outer 5% and the mean near the middle with
  // overwhelming probability; a constant or narrow delay fails all three.
  CHECK(*lo < 800);
  CHECK(*hi > 15200);
  double mean = 0;
  for (auto s : samples) mean += static_cast<double>(s) / static_cast<double>(samples.size());
  CHECK(mean > 7000);
  CHECK(mean < 9000);
  std::sort(samples.begin(), samples.end());
  CHECK(std::unique(samples.begin(), samples.end()) - samples.begin() > 1000);
}

TEST_CASE("a permanent outcome is dead-lettered at once", "[delivery][retry]") {
  RetryPolicy p;
  DeliveryOutcome o;
  o.kind = DeliveryOutcome::permanent;
  o.detail = "HTTP 400: unknown supplier";
  auto d = p.decide(1, o);
  CHECK(d.dead_letter);
  CHECK(d.reason == "permanent: HTTP 400: unknown supplier");
}

TEST_CASE("retries stop after max attempts", "[delivery][retry]") {
  RetryPolicy p({100ms, 1000ms, 4}, [] { return 0.5; });
  CHECK_FALSE(p.decide(1, retry()).dead_letter);
  CHECK_FALSE(p.decide(3, retry()).dead_letter);
  auto last = p.decide(4, retry());
  CHECK(last.dead_letter);
  CHECK(last.reason == "4 attempts, last: HTTP 503");
}

TEST_CASE("Retry-After wins when longer than the backoff, and the cap still applies", "[delivery][retry]") {
  RetryPolicy p({1000ms, 120000ms, 10}, [] { return 0.5; });
  CHECK(p.decide(1, retry()).delay == 500ms);
  CHECK(p.decide(1, retry(30s)).delay == 30000ms);
  CHECK(p.decide(8, retry(1s)).delay == 60000ms);  // backoff 0.5 * 128 s is longer
  CHECK(p.decide(1, retry(3600s)).delay == 120000ms);
}
