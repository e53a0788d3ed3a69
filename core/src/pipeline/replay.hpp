#pragma once
// Putting work back in the queue after something was fixed: a message's deliveries (a receiver
// that lost it, a destination that was down past its attempts), the dead letters of a
// destination or partner, a partner-bound document whose send died (a transport down past its
// attempts, an MDN that never came), a dead-lettered input (its partner onboarded since), or an
// input to translate again after a map fix. Shared by `edigate replay|reprocess` and the admin API.
//
// Everything here only writes work items and events in store units, so it works the same while
// a gateway runs (its workers poll the queue) and while none does (the next start picks the
// items up). Nothing is delivered, sent or translated here.
#include "store/store.hpp"

#include <string>
#include <vector>

namespace edigate::pipeline {

/// One work item this module put (back) in the queue, for the operator to read.
struct Requeued {
  store::WorkKind kind = store::WorkKind::deliver;
  std::string subject;    ///< message id (deliver), input id (process) or outbound id (send)
  std::string target;     ///< destination (deliver) or the partner's transport name (send; "" = first)
  bool was_dead = false;  ///< a dead letter back to ready, rather than a new item
  std::string note;       ///< the dead letter's last error, or why a new item was queued
};

struct ReplayReport {
  std::vector<Requeued> items;
  std::string status;  ///< replay_message: the message's status afterwards
};

/// A message's delivery again: its dead deliveries back to ready; when none is dead, new
/// deliver items to every destination it was routed to (receivers dedupe by the message id).
/// Errors: `pipeline.replay.not_found` (no such message), `pipeline.replay.conflict` (a delivery
/// is already queued, or it was never routed anywhere), both invalid input.
Result<ReplayReport> replay_message(store::Store& store, const std::string& message_id);

/// Every dead delivery, or those to `destination` and/or of messages from `partner` (empty:
/// any), back to ready with their attempts reset.
Result<ReplayReport> replay_dead_deliveries(store::Store& store, const std::string& destination,
                                            const std::string& partner);

/// A partner-bound document sent again: its dead send back to ready (attempts reset), or, when
/// it was sent before (the partner lost it), a new send. `pipeline.replay.not_found`;
/// `pipeline.replay.conflict` when a send of it is queued or it awaits its asynchronous MDN.
Result<ReplayReport> replay_outbound(store::Store& store, std::int64_t outbound_id);

/// Every dead send, or those of documents to `partner` (empty: any), back to ready.
Result<ReplayReport> replay_dead_sends(store::Store& store, const std::string& partner);

/// A dead-lettered input (an unknown sender, a missing map) processed again as if new.
/// `pipeline.replay.not_found` / `pipeline.replay.conflict` (it is not dead-lettered).
Result<ReplayReport> replay_input(store::Store& store, std::int64_t input_id);

/// A stored input translated again (after a map fix): a new process item. The interchanges it
/// claimed come back `again`, so nothing is acknowledged a second time; message ids are
/// deterministic, so its messages are updated in place and delivered again under the same ids.
/// `pipeline.reprocess.conflict` when it is already queued or a duplicate of another input.
Result<ReplayReport> reprocess_input(store::Store& store, std::int64_t input_id);

}  // namespace edigate::pipeline
