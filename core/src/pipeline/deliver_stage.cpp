#include "pipeline/deliver_stage.hpp"

#include <chrono>

namespace edigate::pipeline {
namespace {

using store::WorkOutcome;

// A delivery's outcome is recorded without waiting for the disk: lost in a power cut, the
// delivery is simply made again and receivers dedupe it by its idempotency key (the message id),
// which a crash between delivering and recording already requires of them.
constexpr store::Commit kCommit = store::Commit::repeatable;

store::Millis millis_until(std::chrono::steady_clock::time_point at) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(at - std::chrono::steady_clock::now());
  return store::now_millis() + std::max<store::Millis>(left.count(), 100);
}

}  // namespace

Result<void> deliver_message(const StageContext& ctx, DestinationSet& destinations, const delivery::RetryPolicy& retry,
                             const store::WorkItem& item) {
  const std::string subject = "message:" + item.subject;
  auto dead = [&](const std::string& why, const std::string& partner, const std::string& type) {
    return ctx.store.run(
        [&](store::Unit& unit) -> Result<void> {
          EDIGATE_TRY_VOID(unit.set_message_status(item.subject, "dead"));
          EDIGATE_TRY_VOID(unit.event(subject, "dead_lettered", "dead", item.target + ": " + why));
          ctx.emit({"dead_lettered", "dead", partner, type, item.subject, "", item.target + ": " + why});
          return unit.finish(item, {WorkOutcome::Kind::dead, 0, why});
        },
        kCommit);
  };
  EDIGATE_TRY(store::MessageRecord message, ctx.store.message(item.subject));
  auto found = destinations.get(item.target);
  if (!found) return dead(found.error().to_string(), message.partner, message.type);
  std::shared_ptr<DestinationSet::Entry> entry = *found;
  std::string via = item.target;

  if (!entry->breaker.allow()) {
    std::shared_ptr<DestinationSet::Entry> fallback;
    if (!entry->fallback.empty())
      if (auto f = destinations.get(entry->fallback); f && (*f)->breaker.allow()) fallback = *f;
    if (!fallback) {
      const auto at = millis_until(entry->breaker.reopens_at());
      return ctx.store.run(
          [&](store::Unit& unit) -> Result<void> {
            return unit.finish(item, {WorkOutcome::Kind::retry, at, item.target + ": circuit open", false});
          },
          kCommit);
    }
    via = item.target + " (open circuit; fallback " + fallback->destination->name() + ")";
    entry = fallback;
  }

  delivery::Delivery attempt{message.id,   message.correlation_id, message.partner,
                             message.type, message.body,           static_cast<unsigned>(item.attempts + 1)};
  const auto started = std::chrono::steady_clock::now();
  const delivery::DeliveryOutcome outcome = entry->destination->deliver(attempt);
  entry->breaker.record(outcome);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (outcome.kind == delivery::DeliveryOutcome::delivered) {
    // The message is delivered once every destination it was routed to has it.
    bool others_pending = false;
    if (auto all = ctx.store.work_for(item.subject)) {
      for (const auto& w : *all)
        if (w.id != item.id && w.kind == store::WorkKind::deliver && (w.state == "ready" || w.state == "leased"))
          others_pending = true;
    }
    return ctx.store.run(
        [&](store::Unit& unit) -> Result<void> {
          EDIGATE_TRY_VOID(unit.set_message_status(item.subject, others_pending ? "partially_delivered" : "delivered"));
          const std::string detail = "to " + via + ": " + outcome.detail;
          EDIGATE_TRY_VOID(unit.event(subject, "delivered", "ok", detail));
          ctx.emit({"delivered", "ok", message.partner, message.type, message.id, message.correlation_id,
                    detail + " in " + std::to_string(static_cast<int>(seconds * 1000)) + " ms", item.target, seconds});
          return unit.finish(item, {WorkOutcome::Kind::done, 0, detail});
        },
        kCommit);
  }
  const auto decision = retry.decide(static_cast<unsigned>(item.attempts + 1), outcome);
  if (decision.dead_letter) return dead(decision.reason + ": " + outcome.detail, message.partner, message.type);
  const store::Millis at = store::now_millis() + decision.delay.count();
  return ctx.store.run(
      [&](store::Unit& unit) -> Result<void> {
        const std::string detail = "to " + via + ": " + outcome.detail + "; attempt " +
                                   std::to_string(item.attempts + 1) + ", next in " +
                                   std::to_string(decision.delay.count()) + " ms";
        EDIGATE_TRY_VOID(unit.set_message_status(item.subject, "retrying"));
        EDIGATE_TRY_VOID(unit.event(subject, "delivered", "retry", detail));
        ctx.emit({"delivered", "retry", message.partner, message.type, message.id, message.correlation_id, detail,
                  item.target, seconds});
        return unit.finish(item, {WorkOutcome::Kind::retry, at, outcome.detail});
      },
      kCommit);
}

}  // namespace edigate::pipeline
