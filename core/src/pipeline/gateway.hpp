#pragma once
// `edigate serve`: the running gateway. Owns the engine (runtime), the store, the worker pool,
// the folder intake, the live destinations, the admin API and the metrics; every partner
// document goes inbox -> store -> process -> (ack -> outbox) + (messages -> destinations).
//
// Start: open and migrate the store, release leases a crashed run left, start workers, intake,
// housekeeping and the admin API. Stop (SIGTERM): stop taking files and requests, let each
// worker finish the item it holds, close the store. Whatever was queued stays queued: the next
// start resumes it.
#include "api/admin_server.hpp"
#include "gateway_config/config_source.hpp"
#include "gateway_config/gateway_config.hpp"
#include "log/json_log.hpp"
#include "metrics/gateway_metrics.hpp"
#include "pipeline/deliver_stage.hpp"
#include "pipeline/destination_set.hpp"
#include "pipeline/store_admin_backend.hpp"
#include "pipeline/workers.hpp"
#include "transport_host/gateway_transport_host.hpp"
#include "transport_host/poll_scheduler.hpp"
#include "transport_host/transport_set.hpp"

#include <atomic>
#include <memory>
#include <thread>

namespace edigate::pipeline {

class Gateway {
 public:
  /// Opens the runtime and the store for `config`. Problems that leave the gateway usable (a
  /// broken partner profile) are logged; no format plugin, a store that cannot be opened or is
  /// from a newer edigate are Errors.
  static Result<std::unique_ptr<Gateway>> open(gateway_config::GatewayConfig config, log::JsonLog& log);
  ~Gateway();

  /// Starts everything; the admin API's bound port is then admin_port().
  Result<void> start();
  /// gateway.xml re-read by the housekeeping loop: routes and destinations follow an edit
  /// without a restart (settings that apply only at start are logged as such).
  void watch(std::unique_ptr<gateway_config::ConfigSource> source) { source_ = std::move(source); }
  /// Drains and stops (idempotent).
  void stop();

  std::uint16_t admin_port() const { return admin_ ? admin_->port() : 0; }
  store::Store& store() { return *store_; }
  const gateway_config::GatewayConfig& config() const { return config_; }
  /// One poll of every receiving endpoint now, due or not (tests; the poll scheduler runs them
  /// on their schedules).
  std::size_t take_inbox();
  transport_host::TransportSet& transports() { return *transports_; }
  /// One pass over DATA/erp-outbox/: canonical JSON Lines files from the ERP/WMS, each line a
  /// submission (as POST /api/v1/outbound). A file with a refused line moves to .failed/ with a
  /// NAME.errors beside it.
  std::size_t take_submissions();
  /// Whether no work is ready or running (tests and the demo wait for it).
  bool idle();

 private:
  Gateway(gateway_config::GatewayConfig config, log::JsonLog& log);
  void observe(const StageEvent& e);
  void housekeeping();
  void intake_loop();
  void configure_transports();

  gateway_config::GatewayConfig config_;
  log::JsonLog& log_;
  std::unique_ptr<runtime::Runtime> runtime_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<RouteTable> routes_;
  std::unique_ptr<StageContext> ctx_;
  std::unique_ptr<DestinationSet> destinations_;
  std::unique_ptr<delivery::RetryPolicy> retry_;
  metrics::Registry registry_;
  metrics::GatewayMetrics metrics_;
  std::unique_ptr<Workers> workers_;
  std::unique_ptr<StoreAdminBackend> backend_;
  std::unique_ptr<api::AdminServer> admin_;
  std::unique_ptr<class IntakeState> intake_;
  std::unique_ptr<transport_host::GatewayTransportHost> transport_host_;
  std::unique_ptr<transport_host::TransportSet> transports_;
  std::unique_ptr<transport_host::PollScheduler> polls_;
  std::unique_ptr<gateway_config::ConfigSource> source_;
  std::thread intake_thread_, housekeeping_thread_;
  std::atomic<bool> stopping_{false};
  std::mutex sleep_mutex_;
  std::condition_variable sleep_;
  bool started_ = false;
};

}  // namespace edigate::pipeline
