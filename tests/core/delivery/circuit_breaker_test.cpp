#include "delivery/circuit_breaker.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace edigate::delivery;
using namespace std::chrono_literals;
using State = CircuitBreaker::State;

namespace {
struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::seconds(1000)};
  CircuitBreaker::Clock fn() {
    return [this] { return now; };
  }
};
DeliveryOutcome outcome(DeliveryOutcome::Kind k) {
  DeliveryOutcome o;
  o.kind = k;
  return o;
}
}  // namespace

TEST_CASE("breaker opens after the threshold of consecutive failures, not before", "[delivery][breaker]") {
  FakeClock clock;
  CircuitBreaker b({3, 30s}, clock.fn());
  b.record_failure();
  b.record_failure();
  CHECK(b.state() == State::closed);
  CHECK(b.allow());
  b.record_success();  // resets the count
  b.record_failure();
  b.record_failure();
  CHECK(b.state() == State::closed);
  b.record_failure();
  CHECK(b.state() == State::open);
  CHECK_FALSE(b.allow());
  CHECK(b.reopens_at() == clock.now + 30s);
}

TEST_CASE("an open breaker lets exactly one probe through after the interval", "[delivery][breaker]") {
  FakeClock clock;
  CircuitBreaker b({1, 30s}, clock.fn());
  b.record_failure();
  REQUIRE(b.state() == State::open);
  clock.now += 29s;
  CHECK_FALSE(b.allow());
  clock.now += 1s;
  CHECK(b.allow());
  CHECK(b.state() == State::half_open);
  CHECK_FALSE(b.allow());  // the probe is out
  CHECK_FALSE(b.allow());
}

TEST_CASE("a successful probe closes the breaker, a failed one opens it for another interval", "[delivery][breaker]") {
  FakeClock clock;
  CircuitBreaker b({2, 10s}, clock.fn());
  b.record_failure();
  b.record_failure();
  clock.now += 10s;
  REQUIRE(b.allow());
  SECTION("success") {
    b.record(outcome(DeliveryOutcome::delivered));
    CHECK(b.state() == State::closed);
    CHECK(b.allow());
    CHECK(b.allow());
  }
  SECTION("failure") {
    b.record(outcome(DeliveryOutcome::retry));
    CHECK(b.state() == State::open);
    CHECK_FALSE(b.allow());
    CHECK(b.reopens_at() == clock.now + 10s);
    clock.now += 10s;
    CHECK(b.allow());
  }
}

TEST_CASE("a permanent outcome counts as the destination answering, not as a failure", "[delivery][breaker]") {
  FakeClock clock;
  CircuitBreaker b({2, 10s}, clock.fn());
  b.record(outcome(DeliveryOutcome::retry));
  b.record(outcome(DeliveryOutcome::permanent));
  b.record(outcome(DeliveryOutcome::retry));
  CHECK(b.state() == State::closed);
}

TEST_CASE("late failures while open do not extend the open interval", "[delivery][breaker]") {
  FakeClock clock;
  CircuitBreaker b({1, 10s}, clock.fn());
  b.record_failure();
  clock.now += 5s;
  b.record_failure();  // an attempt that started before the breaker opened
  CHECK(b.reopens_at() == clock.now + 5s);
}

TEST_CASE("half-open admits a single probe among concurrent workers", "[delivery][breaker]") {
  FakeClock clock;
  CircuitBreaker b({1, 1s}, clock.fn());
  b.record_failure();
  clock.now += 1s;
  std::atomic<int> admitted{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < 8; ++i)
    workers.emplace_back([&] {
      for (int j = 0; j < 1000; ++j)
        if (b.allow()) ++admitted;
    });
  for (auto& w : workers) w.join();
  CHECK(admitted == 1);
}
