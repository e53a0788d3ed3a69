#pragma once
// Runs the polls of the open endpoints that receive by polling (SFTP servers, folders, carrier
// APIs): each endpoint when its interval is due, never two polls of one endpoint at once, at most
// `max_concurrent` polls at a time across the gateway. An endpoint that took documents is polled
// again at once (it may hold more than one poll takes); one that failed waits its interval.
#include "transport_host/transport_set.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <set>
#include <thread>

namespace edigate::transport_host {

class PollScheduler {
 public:
  /// `failed`: called with the endpoint and the error of a poll that failed.
  PollScheduler(TransportSet& transports, TransportHost& host, std::uint32_t max_concurrent,
                std::function<void(const OpenEndpoint&, const Error&)> failed);
  ~PollScheduler();

  void start();
  /// Lets running polls return (the host reports stopping) and joins the threads.
  void stop();
  /// Polls every due endpoint now (after a configuration change, and for tests).
  void wake();
  /// One pass over every polling endpoint in the calling thread, due or not (tests, `serve --once`).
  std::size_t poll_all();

 private:
  void run();
  std::shared_ptr<OpenEndpoint> next_due(std::chrono::steady_clock::time_point& wait_until);
  std::size_t poll_one(OpenEndpoint& e);

  TransportSet& transports_;
  TransportHost& host_;
  std::uint32_t max_concurrent_;
  std::function<void(const OpenEndpoint&, const Error&)> failed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::string> running_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
};

}  // namespace edigate::transport_host
