#pragma once
// The gateway as transports see it (edigate::TransportHost): intake commits to the store before it
// returns (so a transport acknowledges the remote side only after that), backpressure from the
// processing queue, document status for APIs, late outcomes of sends (async MDN), logs.
#include "log/json_log.hpp"
#include "metrics/gateway_metrics.hpp"
#include "store/store.hpp"

#include <edigate/transport_plugin.hpp>

#include <atomic>
#include <functional>

namespace edigate::transport_host {

class GatewayTransportHost final : public TransportHost {
 public:
  /// `queue_limit`: inputs waiting to be processed beyond which intake_capacity() is 0.
  /// `stored`: called after each new input is committed (wakes a worker). `log` and `metrics`
  /// may be null (stages run without a gateway: tests, tools).
  GatewayTransportHost(store::Store& store, log::JsonLog* log, metrics::GatewayMetrics* metrics,
                       std::uint32_t queue_limit, std::function<void()> stored);

  Result<IntakeReceipt> intake(const ReceivedDocument& doc) noexcept override;
  /// Streams `body` into the store (Store::receive_stream): bounded memory, committed only when
  /// the body ended cleanly at `expected_size`. "canonical:" content is read whole, as intake
  /// validates it in memory before storing.
  Result<IntakeReceipt> intake_stream(const ReceivedDocument& doc, InputStream& body,
                                      std::int64_t expected_size) noexcept override;
  std::size_t intake_capacity() noexcept override;
  Result<DocumentStatus> status(std::int64_t input_id) noexcept override;
  Result<void> settle(std::int64_t outbound_id, const SendResult& result) noexcept override;
  void log(LogLevel level, std::string_view event, std::string_view partner, std::string_view detail) noexcept override;
  bool stopping() const noexcept override { return stopping_.load(); }

  void set_stopping(bool stopping) { stopping_ = stopping; }

 private:
  /// Metrics, log line and worker wake-up for an intake's outcome.
  Result<IntakeReceipt> taken(const ReceivedDocument& doc, Result<store::Receipt> receipt);

  store::Store& store_;
  log::JsonLog* log_;
  metrics::GatewayMetrics* metrics_;
  std::uint32_t queue_limit_;
  std::function<void()> stored_;
  std::atomic<bool> stopping_{false};
};

}  // namespace edigate::transport_host
