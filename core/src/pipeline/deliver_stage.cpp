#include "pipeline/deliver_stage.hpp"

#include <algorithm>
#include <optional>
#include <system_error>
#include <thread>

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

/// The destination that takes `item` now (its fallback while its breaker is open), or null
/// with `a` saying why none does (dead: no such destination; breaker_open: wait for it).
std::shared_ptr<DestinationSet::Entry> route(DestinationSet& destinations, const store::WorkItem& item, Attempt& a) {
  auto found = destinations.get(item.target);
  if (!found) {
    a.kind = Attempt::Kind::dead;
    a.detail = found.error().to_string();
    return nullptr;
  }
  std::shared_ptr<DestinationSet::Entry> entry = *found;
  a.via = item.target;
  if (entry->breaker.allow()) return entry;
  if (!entry->fallback.empty())
    if (auto f = destinations.get(entry->fallback); f && (*f)->breaker.allow()) {
      a.via = item.target + " (open circuit; fallback " + (*f)->destination->name() + ")";
      return *f;
    }
  a.kind = Attempt::Kind::breaker_open;
  a.at = millis_until(entry->breaker.reopens_at());
  a.detail = item.target + ": circuit open";
  return nullptr;
}

/// One destination's attempts: its share of the batch in one deliver_all call.
struct Group {
  std::shared_ptr<DestinationSet::Entry> entry;
  std::vector<std::size_t> attempts;  ///< indexes into the batch's attempts
};

void settle(const delivery::RetryPolicy& retry, Attempt& a, const delivery::DeliveryOutcome& outcome) {
  a.detail = outcome.detail;
  if (outcome.kind == delivery::DeliveryOutcome::delivered) {
    a.kind = Attempt::Kind::delivered;
    return;
  }
  const auto decision = retry.decide(static_cast<unsigned>(a.item->attempts + 1), outcome);
  if (decision.dead_letter) {
    a.kind = Attempt::Kind::dead;
    a.detail = decision.reason + ": " + outcome.detail;
    return;
  }
  a.kind = Attempt::Kind::retry;
  a.delay = decision.delay;
  a.at = store::now_millis() + decision.delay.count();
}

/// Attempts a group's deliveries; those after a failure, or past the batch's time budget, are
/// postponed (not attempted, no attempt used) until the failed one's retry.
void deliver_group(const delivery::RetryPolicy& retry, Group& g, std::vector<Attempt>& attempts,
                   std::chrono::steady_clock::time_point batch_started) {
  std::vector<delivery::Delivery> batch;
  batch.reserve(g.attempts.size());
  if (std::chrono::steady_clock::now() - batch_started <= kDeliveryBatchBudget) {
    for (auto i : g.attempts) {
      const store::MessageRecord& m = attempts[i].message;
      batch.push_back(
          {m.id, m.correlation_id, m.partner, m.type, m.body, static_cast<unsigned>(attempts[i].item->attempts + 1)});
    }
  }
  const auto started = std::chrono::steady_clock::now();
  const auto outcomes =
      batch.empty() ? std::vector<delivery::DeliveryOutcome>() : g.entry->destination->deliver_all(batch);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() /
                         static_cast<double>(std::max<std::size_t>(outcomes.size(), 1));
  store::Millis resume = store::now_millis();
  for (std::size_t k = 0; k < g.attempts.size(); ++k) {
    Attempt& a = attempts[g.attempts[k]];
    if (k < outcomes.size()) {
      g.entry->breaker.record(outcomes[k]);
      a.seconds = seconds;
      settle(retry, a, outcomes[k]);
      if (a.kind == Attempt::Kind::retry) resume = a.at;
      continue;
    }
    a.kind = Attempt::Kind::postponed;
    a.at = resume;
    a.detail = batch.empty()
                   ? "postponed: the batch it was claimed in ran out of time"
                   : "postponed: an earlier delivery to " + g.entry->destination->name() + " in its batch failed";
  }
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
  std::vector<Group> groups;        // in the order of their first item (the claim's priority order)
  std::optional<Error> unreadable;  // the first message that could not be read
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.subject);
  EDIGATE_TRY(auto messages, ctx.store.messages_by_id(ids));
  for (std::size_t n = 0; n < items.size(); ++n) {
    const store::WorkItem& item = items[n];
    if (!messages[n]) {
      // Left leased: the lease expires and the item runs again, as a failed stage's item does.
      if (!unreadable)
        unreadable = Error("store.message.unknown", "no message " + item.subject).as(ErrorCategory::invalid_input);
      continue;
    }
    Attempt a;
    a.item = &item;
    a.message = std::move(*messages[n]);
    auto entry = route(destinations, item, a);
    attempts.push_back(std::move(a));
    if (!entry) continue;
    auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.entry == entry; });
    if (g == groups.end()) g = groups.insert(groups.end(), Group{entry, {}});
    g->attempts.push_back(attempts.size() - 1);
  }
  // Destinations side by side: a message routed to a webhook and a folder waits for the slower
  // of the two, not for both in turn (as it did when two workers took its two deliveries).
  // Each group touches only its own attempts; destinations and breakers take concurrent calls.
  std::vector<std::thread> others;
  for (std::size_t i = 1; i < groups.size(); ++i) {
    try {
      others.emplace_back([&, i] { deliver_group(retry, groups[i], attempts, started); });
    } catch (const std::system_error&) {
      deliver_group(retry, groups[i], attempts, started);  // no thread to be had: in turn
    }
  }
  if (!groups.empty()) deliver_group(retry, groups.front(), attempts, started);
  for (auto& t : others) t.join();
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
