#pragma once
// The admin API's backend over the store and the pipeline (api/admin_backend.hpp): message
// listing and detail with their event history, replay, outbound submissions, dead letters and
// overdue acknowledgements.
#include "api/admin_backend.hpp"
#include "metrics/registry.hpp"
#include "pipeline/stage_context.hpp"
#include "transport_host/transport_set.hpp"

#include <atomic>
#include <functional>

namespace edigate::pipeline {

class StoreAdminBackend final : public api::AdminBackend {
 public:
  StoreAdminBackend(const StageContext& ctx, metrics::Registry& metrics, std::function<void()> wake)
      : ctx_(ctx), metrics_(metrics), wake_(std::move(wake)) {}

  void set_ready(bool ready, std::string reason = {});

  api::ReadyState ready() override;
  std::string metrics_text() override;
  Result<api::MessagePage> list_messages(const api::MessageFilter& filter) override;
  Result<api::MessageDetail> get_message(const std::string& id) override;
  Result<api::ReplayResult> replay(const std::string& id) override;
  Result<api::ReplayResult> replay_outbound(const std::string& id) override;
  Result<api::OutboundResult> submit_outbound(std::string_view json, const std::string& partner) override;
  Result<std::vector<api::DeadLetter>> list_dead_letters() override;
  Result<std::vector<api::OverdueAck>> list_overdue_acks() override;
  Result<std::vector<api::TransportState>> list_transports() override;
  /// The gateway's open transports, for list_transports (none until set).
  void set_transports(const transport_host::TransportSet* transports) { transports_ = transports; }

 private:
  const StageContext& ctx_;
  const transport_host::TransportSet* transports_ = nullptr;
  metrics::Registry& metrics_;
  std::function<void()> wake_;
  std::mutex mutex_;
  api::ReadyState ready_{false, "starting"};
};

/// "2026-12-03T11:53:05.123Z" -> milliseconds; `api.since.invalid` otherwise.
Result<store::Millis> parse_rfc3339(const std::string& text);

}  // namespace edigate::pipeline
