#include "pipeline/gateway.hpp"

#include <file/durable_file.hpp>
#include <file/folder_scanner.hpp>
#include <file/read_file.hpp>
#include "api/bearer_auth.hpp"
#include "pipeline/outbound_stage.hpp"
#include "pipeline/process_stage.hpp"
#include "pipeline/send_stage.hpp"
#include "transport_host/transport_metrics.hpp"

namespace edigate::pipeline {

class IntakeState {
 public:
  explicit IntakeState(intake::FolderScanner submissions) : submissions(std::move(submissions)) {}
  intake::FolderScanner submissions;  ///< DATA/erp-outbox/: canonical JSON Lines from the ERP/WMS
};

namespace {

log::Level level_of(const std::string& outcome) {
  if (outcome == "dead" || outcome == "failed") return log::Level::error;
  if (outcome == "retry" || outcome == "warning" || outcome == "duplicate") return log::Level::warn;
  return log::Level::info;
}

}  // namespace

Result<std::unique_ptr<Gateway>> Gateway::open(gateway_config::GatewayConfig config, log::JsonLog& log) {
  std::unique_ptr<Gateway> g(new Gateway(std::move(config), log));
  runtime::RuntimeOptions options;
  if (!g->config_.plugins_dir.empty()) options.plugin_dirs = {g->config_.plugins_dir};
  if (!g->config_.schemas_dir.empty()) options.schema_dirs = {g->config_.schemas_dir};
  options.partners_dir = g->config_.partners_dir;
  options.maps_dir = g->config_.maps_dir;
  std::vector<Error> warnings;
  EDIGATE_TRY(g->runtime_, runtime::Runtime::open(options, warnings));
  for (const auto& w : warnings) log.write({log::Level::warn, "runtime.load", "", "", "", "", w.to_string()});
  store::StoreOptions store_options;
  store_options.duplicate_window = static_cast<store::Millis>(g->config_.duplicate_window_days) * 24 * 3600 * 1000;
  EDIGATE_TRY(g->store_, store::open_sqlite_store(g->config_.data_dir, store_options));
  g->routes_ = std::make_unique<RouteTable>(RouteTable::from_config(g->config_));
  g->ctx_.reset(new StageContext{*g->runtime_, *g->store_, *g->routes_, g->config_.data_dir,
                                 [raw = g.get()](const StageEvent& e) { raw->observe(e); }});
  const auto& d = g->config_.delivery;
  g->destinations_ = std::make_unique<DestinationSet>(
      std::make_shared<const gateway_config::GatewayConfig>(g->config_), *g->runtime_,
      delivery::BreakerOptions{d.breaker_failures, std::chrono::milliseconds(d.breaker_open_ms)});
  g->retry_ = std::make_unique<delivery::RetryPolicy>(delivery::RetryOptions{
      std::chrono::milliseconds(d.base_ms), std::chrono::milliseconds(d.cap_ms), d.max_attempts, d.jitter_percent});
  EDIGATE_TRY(g->metrics_, metrics::GatewayMetrics::register_in(g->registry_));
  intake::ScanOptions submission_scan;
  submission_scan.stable = std::chrono::milliseconds(g->config_.intake.stable_ms);
  submission_scan.done_marker = g->config_.intake.done_marker;
  g->intake_ = std::make_unique<IntakeState>(
      intake::FolderScanner(std::filesystem::path(), {{"", g->config_.data_dir / "erp-outbox"}}, submission_scan));
  Gateway* raw = g.get();
  g->transport_host_ = std::make_unique<transport_host::GatewayTransportHost>(*g->store_, &g->log_, &g->metrics_,
                                                                              g->config_.workers.queue_limit, [raw] {
                                                                                if (raw->workers_)
                                                                                  raw->workers_->wake();
                                                                              });
  g->transports_ = std::make_unique<transport_host::TransportSet>(g->runtime_->plugins(), *g->transport_host_);
  g->polls_ = std::make_unique<transport_host::PollScheduler>(
      *g->transports_, *g->transport_host_, g->config_.transports.max_concurrent_polls,
      [raw](const transport_host::OpenEndpoint& e, const Error& error) {
        raw->log_.write({log::Level::error, "transport.poll.failed", "transport:" + e.type, e.config.partner, "", "",
                         error.to_string()});
      });
  g->configure_transports();
  return g;
}

Gateway::Gateway(gateway_config::GatewayConfig config, log::JsonLog& log) : config_(std::move(config)), log_(log) {}

Gateway::~Gateway() { stop(); }

void Gateway::observe(const StageEvent& e) {
  log_.write({level_of(e.outcome), "pipeline." + e.stage + (e.outcome == "ok" ? "" : "." + e.outcome), "", e.partner,
              e.message_id, e.correlation_id, e.detail});
  if (e.stage == "delivered" && !e.destination.empty()) {
    metrics_.delivery_attempts->with({e.destination, e.outcome}).inc();
    if (e.seconds >= 0) metrics_.delivery_latency->with({e.destination}).observe(e.seconds);
  }
  if (e.stage == "translated" || e.stage == "delivered" || e.stage == "dead_lettered" || e.stage == "rendered" ||
      e.stage == "submitted")
    metrics_.messages->with({e.partner, e.type, e.stage == "translated" ? "translated" : e.stage + ":" + e.outcome})
        .inc();
}

Result<void> Gateway::start() {
  EDIGATE_TRY(auto released, store_->release_leases());
  if (released) {
    log_.write({log::Level::warn, "pipeline.recovered", "", "", "", "",
                std::to_string(released) + " work item(s) held by a previous run are queued again"});
  }
  std::map<store::WorkKind, Workers::Stage> stages;
  const StageContext& ctx = *ctx_;
  stages[store::WorkKind::process] = [&ctx](const store::WorkItem& w) { return process_input(ctx, w); };
  stages[store::WorkKind::send] = [this, &ctx](const store::WorkItem& w) {
    return send_outbound(ctx, *transports_, w);
  };
  stages[store::WorkKind::render] = [&ctx](const store::WorkItem& w) { return render_outbound(ctx, w); };

  // Every stage timed, by kind (edigate_pipeline_stage_seconds).
  for (auto& [kind, stage] : stages) {
    stage = [this, kind = kind, inner = std::move(stage)](const store::WorkItem& w) {
      const auto started = std::chrono::steady_clock::now();
      auto done = inner(w);
      metrics_.stage_latency->with({store::to_string(kind)})
          .observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      return done;
    };
  }
  // Deliveries run in batches: one claim and one commit for the ready items a worker takes.
  std::map<store::WorkKind, Workers::BatchStage> batches;
  batches[store::WorkKind::deliver] = [this](std::span<const store::WorkItem> items) {
    const auto started = std::chrono::steady_clock::now();
    auto done = deliver_messages(*ctx_, *destinations_, *retry_, items);
    // The stage histogram keeps its meaning (one observation per item): the batch's time shared.
    const double each = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() /
                        static_cast<double>(std::max<std::size_t>(items.size(), 1));
    for (std::size_t i = 0; i < items.size(); ++i) metrics_.stage_latency->with({"deliver"}).observe(each);
    return done;
  };
  Workers::Options options;
  options.count = config_.workers.count;
  options.batch = static_cast<int>(config_.workers.batch);
  workers_ = std::make_unique<Workers>(
      *store_, std::move(stages), options,
      [this](const Error& e) {
        log_.write({log::Level::error, "pipeline.stage.failed", "", "", "", "", e.to_string()});
      },
      std::move(batches));
  workers_->start();
  backend_ = std::make_unique<StoreAdminBackend>(*ctx_, registry_, [this] { workers_->wake(); });
  backend_->set_transports(transports_.get());
  EDIGATE_TRY(auto token, api::resolve_admin_token(config_.admin.token));
  api::AdminServerOptions admin_options;
  admin_options.listen = config_.admin.listen;
  admin_options.token = token;
  admin_options.max_body_bytes = config_.admin.max_body_bytes;
  admin_options.log = &log_;
  admin_ = std::make_unique<api::AdminServer>(admin_options, *backend_);
  EDIGATE_TRY(auto port, admin_->start());
  (void)port;
  stopping_ = false;
  transport_host_->set_stopping(false);
  for (const auto& e : transports_->start_listeners(config_))
    log_.write({log::Level::error, "transport.listener.failed", "", "", "", "", e.to_string()});
  for (const auto& l : transports_->listeners())
    log_.write({log::Level::info, "transport.listening", "transport:" + l->type, "", "", "",
                l->type + " listening on " + l->listener->address()});
  polls_->start();
  intake_thread_ = std::thread([this] { intake_loop(); });
  housekeeping_thread_ = std::thread([this] { housekeeping(); });
  backend_->set_ready(true);
  started_ = true;
  log_.write({log::Level::info, "gateway.started", "", "", "", "",
              "data " + config_.data_dir.string() + ", admin " + config_.admin.listen.host + ":" +
                  std::to_string(admin_->port()) + ", " + std::to_string(config_.workers.count) + " worker(s)"});
  return {};
}

void Gateway::stop() {
  if (!started_) return;
  started_ = false;
  if (backend_) backend_->set_ready(false, "draining");
  stopping_ = true;
  transport_host_->set_stopping(true);
  sleep_.notify_all();
  polls_->stop();
  if (intake_thread_.joinable()) intake_thread_.join();
  if (housekeeping_thread_.joinable()) housekeeping_thread_.join();
  if (admin_) admin_->stop();
  if (workers_) workers_->stop();
  transports_->close();  // after the workers: no send is using an endpoint any more
  log_.write({log::Level::info, "gateway.stopped", "", "", "", "",
              std::to_string(workers_ ? workers_->completed() : 0) + " work item(s) done in this run"});
}

std::size_t Gateway::take_inbox() { return polls_->poll_all(); }

void Gateway::configure_transports() {
  std::vector<std::shared_ptr<const partners::Profile>> profiles;
  for (const auto& [id, profile] : runtime_->partners().snapshot()->by_id) profiles.push_back(profile);
  for (const auto& e : transports_->configure(config_, profiles))
    log_.write({log::Level::error, "transport.open.failed", "", "", "", "", e.to_string()});
}

std::size_t Gateway::take_submissions() {
  auto scan = intake_->submissions.scan();
  std::size_t accepted = 0;
  for (const auto& c : scan.candidates) {
    auto text = io::read_file(c.path, "intake.file.unreadable");
    if (!text) {
      intake_->submissions.reconsider(c.path);
      continue;
    }
    const std::string name = c.path.filename().string();
    std::string problems;
    std::size_t line_no = 0, start = 0;
    bool retry_later = false;
    while (start < text->size()) {
      std::size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      const std::string line = text->substr(start, end - start);
      start = end + 1;
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto submitted = submit_outbound(*ctx_, line, name + ":" + std::to_string(line_no));
      if (submitted) {
        ++accepted;
        continue;
      }
      if (submitted.error().category == ErrorCategory::transient) {
        retry_later = true;  // the store could not take it now; the whole file comes back
        break;
      }
      problems += submitted.error().to_string() + "\n";
    }
    std::error_code ec;
    if (retry_later) {
      intake_->submissions.reconsider(c.path);
    } else if (problems.empty()) {
      std::filesystem::remove(c.path, ec);
      if (!c.done_marker.empty()) std::filesystem::remove(c.done_marker, ec);
    } else {
      // Accepted lines stay accepted (a resubmission is recognised by message id); the file and
      // what was wrong with it wait in .failed/ for someone to fix and drop it again.
      if (auto moved = intake::FolderScanner::move_to_failed(c.path)) {
        (void)io::write_file_durably(moved->string() + ".errors", problems);
      }
      log_.write(
          {log::Level::error, "outbound.submission.rejected", "intake:erp-outbox", "", "", "", name + ": " + problems});
    }
  }
  if (accepted && workers_) workers_->wake();
  return accepted;
}

void Gateway::intake_loop() {
  while (!stopping_) {
    take_submissions();
    std::unique_lock lock(sleep_mutex_);
    sleep_.wait_for(lock, std::chrono::milliseconds(config_.intake.poll_ms), [this] { return stopping_.load(); });
  }
}

void Gateway::housekeeping() {
  std::set<std::int64_t> alerted;
  std::set<std::string> gauge_problems;  // each reported once, not every second
  auto last_reload = std::chrono::steady_clock::now();
  auto last_purge = std::chrono::steady_clock::now() - std::chrono::hours(2);
  while (!stopping_) {
    {
      std::unique_lock lock(sleep_mutex_);
      sleep_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_.load(); });
    }
    if (stopping_) break;
    if (source_) {
      auto report = source_->refresh();
      for (const auto& e : report.errors)
        log_.write({log::Level::error, "gateway.reload.failed", "", "", "", "",
                    e.to_string() + " (the previous configuration stays in force)"});
      if (report.reloaded) {
        auto current = source_->current();
        routes_->replace(RouteTable::from_config(*current));
        destinations_->reconfigure(current);
        std::string restart;
        for (const auto& r : report.restart_needed) restart += (restart.empty() ? "" : ", ") + r;
        log_.write({log::Level::info, "gateway.reloaded", "", "", "", "",
                    current->file.string() + ": routes and destinations updated" +
                        (restart.empty() ? "" : "; restart to apply " + restart)});
      }
    }
    // Partner profiles and maps: edits take effect without a restart.
    if (std::chrono::steady_clock::now() - last_reload > std::chrono::seconds(5)) {
      last_reload = std::chrono::steady_clock::now();
      auto report = runtime_->reload();
      if (report.changed()) {
        destinations_->forget_partner_destinations();
        configure_transports();
        polls_->wake();
      }
      for (const auto& e : report.errors)
        log_.write({log::Level::error, "partners.reload.failed", "", "", "", "", e.to_string()});
    }
    for (auto kind :
         {store::WorkKind::process, store::WorkKind::deliver, store::WorkKind::send, store::WorkKind::render}) {
      if (auto counts = store_->queue_counts(kind)) {
        metrics_.queue_depth->with({store::to_string(kind)}).set(static_cast<double>(counts->ready + counts->waiting));
        if (kind == store::WorkKind::deliver) metrics_.dead_letters->with().set(static_cast<double>(counts->dead));
      }
    }
    // Retention, once an hour (and at the first pass): finished history older than the window.
    if (config_.retention_days > 0 && std::chrono::steady_clock::now() - last_purge > std::chrono::hours(1)) {
      last_purge = std::chrono::steady_clock::now();
      const store::Millis cutoff =
          store::now_millis() - static_cast<store::Millis>(config_.retention_days) * 24 * 3600 * 1000;
      if (auto removed = store_->purge(cutoff); !removed) {
        log_.write({log::Level::error, "store.retention.failed", "", "", "", "", removed.error().to_string()});
      } else if (*removed) {
        log_.write({log::Level::info, "store.retention", "", "", "", "",
                    std::to_string(*removed) + " row(s) older than " + std::to_string(config_.retention_days) +
                        " days removed"});
      }
    }
    transport_host::export_transport_health(*transports_, registry_, [&](const Error& e) {
      if (gauge_problems.insert(e.to_string()).second)
        log_.write({log::Level::warn, "transport.metrics.skipped", "", "", "", "", e.to_string()});
    });
    if (auto overdue = store_->overdue_acks(store::now_millis())) {
      metrics_.acks_overdue->with().set(static_cast<double>(overdue->size()));
      for (const auto& o : *overdue) {
        if (!alerted.insert(o.id).second) continue;
        log_.write({log::Level::warn, "acks.overdue", "", o.partner, o.message_id, "",
                    o.file_name + ": no functional acknowledgement since " + store::iso_utc(o.created_at) + " (due " +
                        store::iso_utc(o.ack_due_at) + ")"});
      }
    }
  }
}

bool Gateway::idle() {
  if (workers_ && workers_->busy()) return false;
  for (auto kind :
       {store::WorkKind::process, store::WorkKind::deliver, store::WorkKind::send, store::WorkKind::render}) {
    auto counts = store_->queue_counts(kind);
    if (!counts || counts->ready || counts->leased) return false;
  }
  return true;
}

}  // namespace edigate::pipeline
