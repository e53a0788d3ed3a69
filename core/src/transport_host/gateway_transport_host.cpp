#include "transport_host/gateway_transport_host.hpp"

#include "canonical/partner_message.hpp"

namespace edigate::transport_host {
namespace {

log::Level level_of(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return log::Level::debug;
    case LogLevel::info:
      return log::Level::info;
    case LogLevel::warn:
      return log::Level::warn;
    case LogLevel::error:
      break;
  }
  return log::Level::error;
}

}  // namespace

GatewayTransportHost::GatewayTransportHost(store::Store& store, log::JsonLog* log, metrics::GatewayMetrics* metrics,
                                           std::uint32_t queue_limit, std::function<void()> stored)
    : store_(store), log_(log), metrics_(metrics), queue_limit_(queue_limit), stored_(std::move(stored)) {}

Result<IntakeReceipt> GatewayTransportHost::intake(const ReceivedDocument& doc) noexcept {
  try {
    if (!doc.content.empty()) {
      // Canonical JSON is checked before it is stored: the transport answers the sender at once
      // (the supplier API's 400 naming the field) and nothing bad waits in the queue. The process
      // stage reads it again with the same function (pipeline/process_stage.cpp).
      EDIGATE_TRY(std::string type, canonical::canonical_content_type(doc.content));
      if (doc.partner.empty())
        return Error("transport.content.partner", "canonical JSON needs the partner it comes from")
            .as(ErrorCategory::configuration);
      auto checked = canonical::read_partner_message(doc.bytes, type, doc.partner, doc.file_name);
      if (!checked) {
        if (metrics_) metrics_->intake_files->with({doc.partner, "refused"}).inc();
        return std::move(checked).error();
      }
    }
    return taken(doc,
                 store_.receive({doc.transport, doc.remote_id, doc.partner, doc.file_name, doc.bytes, doc.content}));
  } catch (const std::exception& e) {
    return Error("transport.intake.failed", e.what()).as(ErrorCategory::internal);
  }
}

Result<IntakeReceipt> GatewayTransportHost::intake_stream(const ReceivedDocument& doc, InputStream& body,
                                                          std::int64_t expected_size) noexcept {
  try {
    if (!doc.content.empty()) return TransportHost::intake_stream(doc, body, expected_size);
    return taken(doc, store_.receive_stream({doc.transport, doc.remote_id, doc.partner, doc.file_name, {}, {}}, body,
                                            expected_size));
  } catch (const std::exception& e) {
    return Error("transport.intake.failed", e.what()).as(ErrorCategory::internal);
  }
}

Result<IntakeReceipt> GatewayTransportHost::taken(const ReceivedDocument& doc, Result<store::Receipt> receipt) {
  if (!receipt) {
    if (metrics_) metrics_->intake_files->with({doc.partner, "failed"}).inc();
    return std::move(receipt).error();
  }
  const bool duplicate = receipt->duplicate;
  if (metrics_) metrics_->intake_files->with({doc.partner, duplicate ? "duplicate" : "taken"}).inc();
  if (log_)
    log_->write({duplicate ? log::Level::warn : log::Level::info, duplicate ? "intake.duplicate" : "intake.taken",
                 "intake:" + doc.transport, doc.partner, "", "",
                 doc.file_name + " as input " + std::to_string(receipt->input_id) +
                     (duplicate ? " (same remote id and content as input " + std::to_string(receipt->duplicate_of) + ")"
                                : "")});
  if (!duplicate && stored_) stored_();
  return IntakeReceipt{receipt->input_id, duplicate, receipt->duplicate_of};
}

std::size_t GatewayTransportHost::intake_capacity() noexcept {
  auto counts = store_.queue_counts(store::WorkKind::process);
  if (!counts) return 0;  // the store cannot say: take nothing now, the remote keeps it
  const auto waiting = counts->ready + counts->waiting;
  return waiting >= queue_limit_ ? 0 : static_cast<std::size_t>(queue_limit_ - waiting);
}

Result<DocumentStatus> GatewayTransportHost::status(std::int64_t input_id) noexcept {
  try {
    EDIGATE_TRY(store::InputOutcome o, store_.input_outcome(input_id));
    DocumentStatus s;
    s.input_id = o.input.id;
    s.partner = o.input.partner_hint;
    s.state = o.input.state;
    s.message_ids = std::move(o.message_ids);
    if (!o.acks.empty()) {
      s.ack_type = o.acks.front().type;
      s.ack_document = o.acks.front().body;
    }
    return s;
  } catch (const std::exception& e) {
    return Error("transport.status.failed", e.what()).as(ErrorCategory::internal);
  }
}

Result<void> GatewayTransportHost::settle(std::int64_t outbound_id, const SendResult& result) noexcept {
  try {
    const std::string subject = "outbound:" + std::to_string(outbound_id);
    // A late answer (an async MDN after its timeout had the document sent again) for a document
    // another send already delivered: recorded, the state stays.
    EDIGATE_TRY(store::OutboundRecord doc, store_.outbound(outbound_id));
    const bool already_sent = doc.state == "sent";
    return store_.run([&](store::Unit& unit) -> Result<void> {
      switch (result.kind) {
        case SendResult::Kind::delivered:
          if (already_sent)
            return unit.event(subject, "sent", "late", result.detail.empty() ? result.remote_id : result.detail);
          EDIGATE_TRY_VOID(unit.set_outbound_state(outbound_id, "sent"));
          return unit.event(subject, "sent", "ok", result.detail.empty() ? result.remote_id : result.detail);
        case SendResult::Kind::pending:
          return unit.event(subject, "sent", "pending", result.detail);
        case SendResult::Kind::retry: {
          // A timeout taken up just before a late positive MDN landed: delivered, not sent again.
          if (already_sent) return unit.event(subject, "sent", "late", "retry not needed: " + result.detail);
          // The partner's answer says try again: a new send attempt, after the delay asked for.
          EDIGATE_TRY_VOID(unit.set_outbound_state(outbound_id, "queued"));
          EDIGATE_TRY_VOID(unit.event(subject, "sent", "retry", result.detail));
          const store::Millis at = store::now_millis() + static_cast<store::Millis>(result.retry_after.count()) * 1000;
          EDIGATE_TRY(auto work, unit.enqueue(store::WorkKind::send, std::to_string(outbound_id), "", 5, at));
          (void)work;
          return {};
        }
        case SendResult::Kind::permanent: {
          if (already_sent) return unit.event(subject, "sent", "late", "failure after delivery: " + result.detail);
          EDIGATE_TRY_VOID(unit.set_outbound_state(outbound_id, "failed"));
          EDIGATE_TRY_VOID(unit.event(subject, "sent", "dead", result.detail));
          // A dead letter like a send that died in the send stage: counted, listed, replayable
          // (`edigate replay --outbound N`, `--dead-letter`).
          store::WorkItem dead;
          EDIGATE_TRY(dead.id, unit.enqueue(store::WorkKind::send, std::to_string(outbound_id), "", 5, 0));
          return unit.finish(dead, {store::WorkOutcome::Kind::dead, 0, result.detail});
        }
      }
      return {};
    });
  } catch (const std::exception& e) {
    return Error("transport.settle.failed", e.what()).as(ErrorCategory::internal);
  }
}

void GatewayTransportHost::log(LogLevel level, std::string_view event, std::string_view partner,
                               std::string_view detail) noexcept {
  try {
    if (log_)
      log_->write(
          {level_of(level), std::string(event), "transport", std::string(partner), "", "", std::string(detail)});
  } catch (...) {
    // A log line is never worth failing the caller.
  }
}

}  // namespace edigate::transport_host
