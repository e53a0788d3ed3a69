#include "pipeline/deliver_stage.hpp"

#include <optional>

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

/// What became of one item of a batch, to be recorded in the batch's unit.
struct Attempt {
  enum class Kind : std::uint8_t { delivered, retry, dead, breaker_open, postponed } kind = Kind::retry;
  const store::WorkItem* item = nullptr;
  store::MessageRecord message;
  std::string via;     ///< the destination used (with the fallback's name when it took over)
  std::string detail;  ///< the destination's word, or why the item is dead or waiting
  store::Millis at = 0;
  std::chrono::milliseconds delay{0};
  double seconds = -1;
};

Attempt attempt_one(DestinationSet& destinations, const delivery::RetryPolicy& retry, const store::WorkItem& item,
                    store::MessageRecord message) {
  Attempt a;
  a.item = &item;
  a.message = std::move(message);
  auto found = destinations.get(item.target);
  if (!found) {
    a.kind = Attempt::Kind::dead;
    a.detail = found.error().to_string();
    return a;
  }
  std::shared_ptr<DestinationSet::Entry> entry = *found;
  a.via = item.target;
  if (!entry->breaker.allow()) {
    std::shared_ptr<DestinationSet::Entry> fallback;
    if (!entry->fallback.empty())
      if (auto f = destinations.get(entry->fallback); f && (*f)->breaker.allow()) fallback = *f;
    if (!fallback) {
      a.kind = Attempt::Kind::breaker_open;
      a.at = millis_until(entry->breaker.reopens_at());
      a.detail = item.target + ": circuit open";
      return a;
    }
    a.via = item.target + " (open circuit; fallback " + fallback->destination->name() + ")";
    entry = fallback;
  }
  const store::MessageRecord& m = a.message;
  delivery::Delivery attempt{m.id,   m.correlation_id, m.partner,
                             m.type, m.body,           static_cast<unsigned>(item.attempts + 1)};
  const auto started = std::chrono::steady_clock::now();
  const delivery::DeliveryOutcome outcome = entry->destination->deliver(attempt);
  entry->breaker.record(outcome);
  a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  a.detail = outcome.detail;
  if (outcome.kind == delivery::DeliveryOutcome::delivered) {
    a.kind = Attempt::Kind::delivered;
    return a;
  }
  const auto decision = retry.decide(static_cast<unsigned>(item.attempts + 1), outcome);
  if (decision.dead_letter) {
    a.kind = Attempt::Kind::dead;
    a.detail = decision.reason + ": " + outcome.detail;
    return a;
  }
  a.kind = Attempt::Kind::retry;
  a.delay = decision.delay;
  a.at = store::now_millis() + decision.delay.count();
  return a;
}

/// Records one attempt inside the batch's unit (events, message status, the item's end).
Result<void> record(const StageContext& ctx, store::Unit& unit, const Attempt& a) {
  const store::WorkItem& item = *a.item;
  const store::MessageRecord& m = a.message;
  const std::string subject = "message:" + item.subject;
  switch (a.kind) {
    case Attempt::Kind::delivered: {
      const std::string detail = "to " + a.via + ": " + a.detail;
      EDIGATE_TRY_VOID(unit.event(subject, "delivered", "ok", detail));
      EDIGATE_TRY_VOID(unit.finish(item, {WorkOutcome::Kind::done, 0, detail}));
      // The message is delivered once every destination it was routed to has it.
      EDIGATE_TRY(auto open, unit.open_work(store::WorkKind::deliver, item.subject));
      EDIGATE_TRY_VOID(unit.set_message_status(item.subject, open ? "partially_delivered" : "delivered"));
      ctx.emit({"delivered", "ok", m.partner, m.type, m.id, m.correlation_id,
                detail + " in " + std::to_string(static_cast<int>(a.seconds * 1000)) + " ms", item.target, a.seconds});
      return {};
    }
    case Attempt::Kind::retry: {
      const std::string detail = "to " + a.via + ": " + a.detail + "; attempt " + std::to_string(item.attempts + 1) +
                                 ", next in " + std::to_string(a.delay.count()) + " ms";
      EDIGATE_TRY_VOID(unit.set_message_status(item.subject, "retrying"));
      EDIGATE_TRY_VOID(unit.event(subject, "delivered", "retry", detail));
      ctx.emit({"delivered", "retry", m.partner, m.type, m.id, m.correlation_id, detail, item.target, a.seconds});
      return unit.finish(item, {WorkOutcome::Kind::retry, a.at, a.detail});
    }
    case Attempt::Kind::dead:
      EDIGATE_TRY_VOID(unit.set_message_status(item.subject, "dead"));
      EDIGATE_TRY_VOID(unit.event(subject, "dead_lettered", "dead", item.target + ": " + a.detail));
      ctx.emit({"dead_lettered", "dead", m.partner, m.type, item.subject, "", item.target + ": " + a.detail});
      return unit.finish(item, {WorkOutcome::Kind::dead, 0, a.detail});
    case Attempt::Kind::breaker_open:
    case Attempt::Kind::postponed:
      // Never attempted: it does not count towards the attempts that lead to a dead letter.
      return unit.finish(item, {WorkOutcome::Kind::retry, a.at, a.detail, false});
  }
  return {};
}

}  // namespace

Result<void> deliver_messages(const StageContext& ctx, DestinationSet& destinations, const delivery::RetryPolicy& retry,
                              std::span<const store::WorkItem> items) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<Attempt> attempts;
  attempts.reserve(items.size());
  std::optional<Error> unreadable;  // the first message that could not be read
  for (const auto& item : items) {
    auto message = ctx.store.message(item.subject);
    if (!message) {
      // Left leased: the lease expires and the item runs again, as a failed stage's item does.
      if (!unreadable) unreadable = std::move(message).error();
      continue;
    }
    if (std::chrono::steady_clock::now() - started > kDeliveryBatchBudget) {
      Attempt a;
      a.kind = Attempt::Kind::postponed;
      a.item = &item;
      a.message = std::move(*message);
      a.at = store::now_millis();
      a.detail = "postponed: the batch it was claimed in ran out of time";
      attempts.push_back(std::move(a));
      continue;
    }
    attempts.push_back(attempt_one(destinations, retry, item, std::move(*message)));
  }
  if (!attempts.empty()) {
    EDIGATE_TRY_VOID(ctx.store.run(
        [&](store::Unit& unit) -> Result<void> {
          for (const auto& a : attempts) EDIGATE_TRY_VOID(record(ctx, unit, a));
          return {};
        },
        kCommit));
  }
  if (unreadable) return *unreadable;
  return {};
}

Result<void> deliver_message(const StageContext& ctx, DestinationSet& destinations, const delivery::RetryPolicy& retry,
                             const store::WorkItem& item) {
  return deliver_messages(ctx, destinations, retry, std::span<const store::WorkItem>(&item, 1));
}

}  // namespace edigate::pipeline
