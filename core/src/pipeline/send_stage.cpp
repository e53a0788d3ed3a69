#include "pipeline/send_stage.hpp"

#include "pipeline/process_stage.hpp"

namespace edigate::pipeline {
namespace {

constexpr int kMaxSendAttempts = 20;

/// The document's attempt number over its whole life, not this work item's: a replay resets its
/// item's attempts (or queues a new item), and a transport may build a unique id from the number
/// (AS2's Message-ID: a repeat would be answered with the partner's old MDN, not taken again).
/// Every earlier attempt left a `sent` event; settlements add more, which only moves it on.
Result<std::uint32_t> attempt_number(const StageContext& ctx, const store::WorkItem& item, const std::string& subject) {
  EDIGATE_TRY(auto events, ctx.store.events(subject));
  std::uint32_t earlier = 0;
  for (const auto& e : events)
    earlier += e.stage == "sent" &&
               (e.outcome == "ok" || e.outcome == "pending" || e.outcome == "retry" || e.outcome == "dead");
  return std::max(earlier, static_cast<std::uint32_t>(item.attempts));
}

}  // namespace

Result<void> send_outbound(const StageContext& ctx, const transport_host::TransportSet& transports,
                           const store::WorkItem& item) {
  const std::int64_t id = std::stoll(item.subject);
  const std::string subject = "outbound:" + item.subject;
  EDIGATE_TRY(store::OutboundRecord doc, ctx.store.outbound(id));
  if (doc.state == "sent") {
    // A resend queued after an async MDN timed out, and then the late MDN delivered it: the
    // partner has it, so it is not sent twice.
    return ctx.store.run([&](store::Unit& unit) -> Result<void> {
      EDIGATE_TRY_VOID(unit.event(subject, "sent", "skipped", "already delivered"));
      return unit.finish(item, {store::WorkOutcome::Kind::done, 0, "already delivered"});
    });
  }
  auto endpoint = transports.sender_for(doc.partner, item.target, doc.type);
  SendResult sent;
  std::string via;
  if (!endpoint) {
    sent = SendResult::permanent("no transport that sends " + doc.type + " documents is open for partner '" +
                                 doc.partner + "'" + (item.target.empty() ? "" : " named '" + item.target + "'"));
  } else {
    via = endpoint->type + (endpoint->config.name.empty() ? "" : ":" + endpoint->config.name);
    EDIGATE_TRY(const std::uint32_t attempt, attempt_number(ctx, item, subject));
    sent = endpoint->endpoint->send({id, doc.partner, doc.type, doc.file_name, doc.body, attempt});
  }
  const std::string detail = (via.empty() ? "" : via + ": ") + (sent.detail.empty() ? sent.remote_id : sent.detail);
  return ctx.store.run([&](store::Unit& unit) -> Result<void> {
    switch (sent.kind) {
      case SendResult::Kind::delivered:
        EDIGATE_TRY_VOID(unit.set_outbound_state(id, "sent"));
        EDIGATE_TRY_VOID(unit.event(subject, "sent", "ok", detail));
        ctx.emit({"sent", "ok", doc.partner, doc.type, "", "", detail});
        return unit.finish(item, {store::WorkOutcome::Kind::done, 0, detail});
      case SendResult::Kind::pending:
        // Handed over; the transport settles it when the answer (an asynchronous MDN) arrives.
        EDIGATE_TRY_VOID(unit.set_outbound_state(id, "awaiting"));
        EDIGATE_TRY_VOID(unit.event(subject, "sent", "pending", detail));
        ctx.emit({"sent", "pending", doc.partner, doc.type, "", "", detail});
        return unit.finish(item, {store::WorkOutcome::Kind::done, 0, detail});
      case SendResult::Kind::retry:
        if (item.attempts + 1 < kMaxSendAttempts) {
          const store::Millis asked = store::now_millis() + static_cast<store::Millis>(sent.retry_after.count()) * 1000;
          EDIGATE_TRY_VOID(unit.event(subject, "sent", "retry", detail));
          ctx.emit({"sent", "retry", doc.partner, doc.type, "", "", detail});
          return unit.finish(item,
                             {store::WorkOutcome::Kind::retry, std::max(asked, transient_retry_at(item)), detail});
        }
        break;
      case SendResult::Kind::permanent:
        break;
    }
    EDIGATE_TRY_VOID(unit.set_outbound_state(id, "failed"));
    EDIGATE_TRY_VOID(unit.event(subject, "sent", "dead", detail));
    ctx.emit({"sent", "dead", doc.partner, doc.type, "", "", detail});
    return unit.finish(item, {store::WorkOutcome::Kind::dead, 0, detail});
  });
}

}  // namespace edigate::pipeline
