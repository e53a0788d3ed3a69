#include "delivery/circuit_breaker.hpp"

namespace edigate::delivery {

CircuitBreaker::CircuitBreaker(BreakerOptions options, Clock clock) : options_(options), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
  if (options_.failure_threshold < 1) options_.failure_threshold = 1;
}

bool CircuitBreaker::allow() {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case State::closed:
      return true;
    case State::open:
      if (clock_() < opened_at_ + options_.open_interval) return false;
      state_ = State::half_open;
      probe_out_ = true;
      return true;
    case State::half_open:
      if (probe_out_) return false;
      probe_out_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::record(const DeliveryOutcome& outcome) {
  if (outcome.kind == DeliveryOutcome::retry)
    record_failure();
  else
    record_success();
}

void CircuitBreaker::record_success() {
  std::lock_guard lock(mutex_);
  state_ = State::closed;
  failures_ = 0;
  probe_out_ = false;
}

void CircuitBreaker::record_failure() {
  std::lock_guard lock(mutex_);
  // An attempt that started before the breaker opened may report late; it does not extend the
  // open interval (only the probe's failure re-opens).
  if (state_ == State::open) return;
  if (state_ == State::half_open || ++failures_ >= options_.failure_threshold) {
    state_ = State::open;
    opened_at_ = clock_();
    probe_out_ = false;
    failures_ = 0;
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::chrono::steady_clock::time_point CircuitBreaker::reopens_at() const {
  std::lock_guard lock(mutex_);
  return opened_at_ + options_.open_interval;
}

const char* to_string(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::closed:
      return "closed";
    case CircuitBreaker::State::open:
      return "open";
    case CircuitBreaker::State::half_open:
      return "half-open";
  }
  return "closed";
}

}  // namespace edigate::delivery
