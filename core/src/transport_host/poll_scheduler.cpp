#include "transport_host/poll_scheduler.hpp"

namespace edigate::transport_host {

PollScheduler::PollScheduler(TransportSet& transports, TransportHost& host, std::uint32_t max_concurrent,
                             std::function<void(const OpenEndpoint&, const Error&)> failed)
    : transports_(transports), host_(host), max_concurrent_(std::max(1u, max_concurrent)), failed_(std::move(failed)) {}

PollScheduler::~PollScheduler() { stop(); }

void PollScheduler::start() {
  stopping_ = false;
  for (std::uint32_t i = 0; i < max_concurrent_; ++i) threads_.emplace_back([this] { run(); });
}

void PollScheduler::stop() {
  stopping_ = true;
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void PollScheduler::wake() {
  {
    std::lock_guard lock(mutex_);
    for (const auto& e : transports_.endpoints()) e->next_poll = {};
  }
  wake_.notify_all();
}

std::size_t PollScheduler::poll_one(OpenEndpoint& e) {
  std::lock_guard poll_lock(e.poll_mutex);
  auto taken = e.endpoint->poll(host_);
  if (!taken) {
    if (failed_) failed_(e, taken.error());
    return 0;
  }
  return *taken;
}

std::size_t PollScheduler::poll_all() {
  std::size_t total = 0;
  for (const auto& e : transports_.endpoints())
    if (e->polls) total += poll_one(*e);
  return total;
}

std::shared_ptr<OpenEndpoint> PollScheduler::next_due(std::chrono::steady_clock::time_point& wait_until) {
  const auto now = std::chrono::steady_clock::now();
  wait_until = now + std::chrono::seconds(1);  // also picks up endpoints a reload opened
  std::shared_ptr<OpenEndpoint> best;
  for (const auto& e : transports_.endpoints()) {
    if (!e->polls || running_.count(e->key())) continue;
    if (e->next_poll <= now && (!best || e->next_poll < best->next_poll)) best = e;
    if (e->next_poll > now) wait_until = std::min(wait_until, e->next_poll);
  }
  return best;
}

void PollScheduler::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    std::chrono::steady_clock::time_point wait_until;
    auto e = next_due(wait_until);
    if (!e) {
      wake_.wait_until(lock, wait_until, [this] { return stopping_.load(); });
      continue;
    }
    const std::string key = e->key();
    running_.insert(key);
    lock.unlock();
    const std::size_t taken = poll_one(*e);
    lock.lock();
    running_.erase(key);
    e->next_poll = taken ? std::chrono::steady_clock::now() : std::chrono::steady_clock::now() + e->interval;
  }
}

}  // namespace edigate::transport_host
