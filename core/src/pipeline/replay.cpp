#include "pipeline/replay.hpp"

#include <algorithm>

namespace edigate::pipeline {
namespace {

using store::WorkItem;
using store::WorkKind;

Error conflict(const std::string& code, const std::string& message) {
  return Error(code, message).as(ErrorCategory::invalid_input);
}

bool queued(const WorkItem& w) { return w.state == "ready" || w.state == "leased"; }

/// The input's process items, newest last.
Result<std::vector<WorkItem>> process_items(store::Store& store, std::int64_t input_id) {
  EDIGATE_TRY(auto all, store.work_for(std::to_string(input_id)));
  std::vector<WorkItem> out;
  for (auto& w : all)
    if (w.kind == WorkKind::process) out.push_back(std::move(w));
  return out;
}

}  // namespace

Result<ReplayReport> replay_message(store::Store& store, const std::string& id) {
  auto m = store.message(id);
  if (!m) return conflict("pipeline.replay.not_found", "no message " + id);
  EDIGATE_TRY(auto work, store.work_for(id));
  ReplayReport report;
  std::vector<const WorkItem*> dead;
  for (const auto& w : work)
    if (w.kind == WorkKind::deliver && w.state == "dead") dead.push_back(&w);
  if (!dead.empty()) {
    EDIGATE_TRY(auto replayed, store.replay_dead(WorkKind::deliver, id, ""));
    if (replayed > 0) {
      for (const WorkItem* w : dead) report.items.push_back({WorkKind::deliver, id, w->target, true, w->last_error});
      // replay_dead wrote a `replayed` event per item; the status follows it.
      EDIGATE_TRY_VOID(store.run([&](store::Unit& unit) { return unit.set_message_status(id, "routed"); }));
      report.status = "routed";
      return report;
    }
  }
  // Nothing dead: deliver again to every destination it was routed to (receivers dedupe by the
  // message id), unless a delivery is still queued. Same lane as the first time.
  std::vector<std::pair<std::string, int>> targets;
  for (const auto& w : work) {
    if (w.kind != WorkKind::deliver) continue;
    if (queued(w)) {
      return conflict("pipeline.replay.conflict", "a delivery of " + id + " to " + w.target + " is already queued");
    }
    auto same = [&](const auto& t) { return t.first == w.target; };
    if (std::none_of(targets.begin(), targets.end(), same)) targets.emplace_back(w.target, w.priority);
  }
  if (targets.empty()) return conflict("pipeline.replay.conflict", id + " was never routed to a destination");
  EDIGATE_TRY_VOID(store.run([&](store::Unit& unit) -> Result<void> {
    for (const auto& [target, priority] : targets) {
      EDIGATE_TRY(auto w, unit.enqueue(WorkKind::deliver, id, target, priority, 0));
      (void)w;
      EDIGATE_TRY_VOID(unit.event("message:" + id, "replayed", "ok", "delivery to " + target + " queued again"));
    }
    return unit.set_message_status(id, "routed");
  }));
  for (const auto& [target, priority] : targets)
    report.items.push_back({WorkKind::deliver, id, target, false, "delivered before; queued again"});
  report.status = "routed";
  return report;
}

Result<ReplayReport> replay_dead_deliveries(store::Store& store, const std::string& destination,
                                            const std::string& partner) {
  // Listed first so that each replayed item can be reported with the error that killed it;
  // each (message, destination) is then replayed in its own unit.
  const WorkKind kinds[] = {WorkKind::deliver};
  constexpr int kMaxDeadLetters = 1000000;
  EDIGATE_TRY(auto dead, store.work("dead", kinds, kMaxDeadLetters));
  ReplayReport report;
  for (const auto& w : dead) {
    if (!destination.empty() && w.target != destination) continue;
    if (!partner.empty()) {
      auto m = store.message(w.subject);
      if (!m || m->partner != partner) continue;
    }
    EDIGATE_TRY(auto replayed, store.replay_dead(WorkKind::deliver, w.subject, w.target));
    if (replayed == 0) continue;  // replayed by someone else meanwhile
    EDIGATE_TRY_VOID(store.run([&](store::Unit& unit) { return unit.set_message_status(w.subject, "routed"); }));
    report.items.push_back({WorkKind::deliver, w.subject, w.target, true, w.last_error});
  }
  return report;
}

Result<ReplayReport> replay_outbound(store::Store& store, std::int64_t outbound_id) {
  auto doc = store.outbound(outbound_id);
  if (!doc) return conflict("pipeline.replay.not_found", "no outbound document " + std::to_string(outbound_id));
  const std::string subject = std::to_string(outbound_id);
  if (doc->kind == "submission") {
    return conflict("pipeline.replay.conflict", "outbound " + subject +
                                                    " is a canonical submission, not a partner document: replay the "
                                                    "document rendered from it");
  }
  if (doc->state == "awaiting") {
    return conflict("pipeline.replay.conflict",
                    "outbound document " + subject + " awaits its asynchronous MDN; it is sent again if none comes");
  }
  EDIGATE_TRY(auto work, store.work_for(subject));
  std::vector<const WorkItem*> dead;
  for (const auto& w : work) {
    if (w.kind != WorkKind::send) continue;
    if (queued(w)) return conflict("pipeline.replay.conflict", "a send of outbound document " + subject + " is queued");
    if (w.state == "dead") dead.push_back(&w);
  }
  ReplayReport report;
  report.status = "queued";
  if (!dead.empty()) {
    EDIGATE_TRY(auto replayed, store.replay_dead(WorkKind::send, subject, ""));
    if (replayed > 0) {
      for (const WorkItem* w : dead) report.items.push_back({WorkKind::send, subject, w->target, true, w->last_error});
      // Queued again: the send stage skips a document whose state is `sent`, so a dead send of
      // a document that a late MDN delivered after all is not sent twice.
      if (doc->state != "sent")
        EDIGATE_TRY_VOID(store.run([&](store::Unit& unit) { return unit.set_outbound_state(outbound_id, "queued"); }));
      return report;
    }
  }
  if (doc->state != "sent" && doc->state != "failed") {
    return conflict("pipeline.replay.conflict", "outbound document " + subject + " is " + doc->state);
  }
  // Sent before (the partner says it never arrived) or failed without a dead send: a new send.
  EDIGATE_TRY_VOID(store.run([&](store::Unit& unit) -> Result<void> {
    EDIGATE_TRY(auto w, unit.enqueue(WorkKind::send, subject, "", 5, 0));
    (void)w;
    EDIGATE_TRY_VOID(unit.set_outbound_state(outbound_id, "queued"));
    return unit.event("outbound:" + subject, "replayed", "ok", "send queued again (" + doc->state + " before)");
  }));
  report.items.push_back({WorkKind::send, subject, "", false, "send again (" + doc->state + " before)"});
  return report;
}

Result<ReplayReport> replay_dead_sends(store::Store& store, const std::string& partner) {
  const WorkKind kinds[] = {WorkKind::send};
  constexpr int kMaxDeadLetters = 1000000;
  EDIGATE_TRY(auto dead, store.work("dead", kinds, kMaxDeadLetters));
  ReplayReport report;
  for (const auto& w : dead) {
    const std::int64_t id = std::stoll(w.subject);
    auto doc = store.outbound(id);
    if (!doc || (!partner.empty() && doc->partner != partner)) continue;
    EDIGATE_TRY(auto replayed, store.replay_dead(WorkKind::send, w.subject, w.target));
    if (replayed == 0) continue;  // replayed by someone else meanwhile
    if (doc->state != "sent")
      EDIGATE_TRY_VOID(store.run([&](store::Unit& unit) { return unit.set_outbound_state(id, "queued"); }));
    report.items.push_back({WorkKind::send, w.subject, w.target, true, w.last_error});
  }
  return report;
}

Result<ReplayReport> replay_input(store::Store& store, std::int64_t input_id) {
  auto input = store.input(input_id);
  if (!input) return conflict("pipeline.replay.not_found", "no input " + std::to_string(input_id));
  EDIGATE_TRY(auto items, process_items(store, input_id));
  std::string last_error;
  bool dead = false;
  for (const auto& w : items) {
    if (w.state == "dead") {
      dead = true;
      last_error = w.last_error;
    }
  }
  if (!dead) {
    return conflict("pipeline.replay.conflict", "input " + std::to_string(input_id) + " is not dead-lettered (" +
                                                    input->state + "); to translate it again: edigate reprocess " +
                                                    std::to_string(input_id));
  }
  EDIGATE_TRY(auto replayed, store.replay_dead(WorkKind::process, std::to_string(input_id), ""));
  ReplayReport report;
  if (replayed > 0) report.items.push_back({WorkKind::process, std::to_string(input_id), "", true, last_error});
  return report;
}

Result<ReplayReport> reprocess_input(store::Store& store, std::int64_t input_id) {
  auto input = store.input(input_id);
  if (!input) return conflict("pipeline.replay.not_found", "no input " + std::to_string(input_id));
  if (input->state == "duplicate") {
    return conflict("pipeline.reprocess.conflict", "input " + std::to_string(input_id) + " is a repeat of input " +
                                                       std::to_string(input->duplicate_of) + "; reprocess that one");
  }
  EDIGATE_TRY(auto items, process_items(store, input_id));
  bool dead = false;
  for (const auto& w : items) {
    if (queued(w)) {
      return conflict("pipeline.reprocess.conflict",
                      "input " + std::to_string(input_id) + " is already queued for processing");
    }
    dead = dead || w.state == "dead";
  }
  // A dead-lettered input goes back from the dead letters rather than leaving one behind.
  if (dead) return replay_input(store, input_id);
  const std::string subject = std::to_string(input_id);
  EDIGATE_TRY_VOID(store.run([&](store::Unit& unit) -> Result<void> {
    EDIGATE_TRY(auto w, unit.enqueue(WorkKind::process, subject, "", 0, 0));
    (void)w;
    return unit.event("input:" + subject, "reprocess", "ok", "translation queued again (" + input->state + " before)");
  }));
  ReplayReport report;
  report.items.push_back({WorkKind::process, subject, "", false, "translate again (" + input->state + " before)"});
  return report;
}

}  // namespace edigate::pipeline
