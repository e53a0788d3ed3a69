#pragma once
// The inbound stage: one stored input through the one inbound pass (route by sender and
// receiver, read with the partner's tolerance, validate each transaction once, translate), then,
// in ONE store unit: the interchange keys claimed (a repeat is recorded, not processed or
// acknowledged again), the acknowledgements the partners' policies ask for (control numbers
// from the store's counters) queued to them, each canonical message stored and queued to its
// destinations, an inbound functional ack reconciled against what we sent, and the work item
// finished. A crash anywhere before the commit repeats the whole stage; after it, nothing.
//
// A bad transaction does not stop the good ones of the same interchange. An input that cannot
// be read at all, or whose sender no profile claims (configuration), is dead-lettered with the
// reason: replay it once the partner is onboarded.
#include "pipeline/stage_context.hpp"

namespace edigate::pipeline {

Result<void> process_input(const StageContext& ctx, const store::WorkItem& item);

/// Backoff for a work item failing for a transient reason (a busy database, a read error).
store::Millis transient_retry_at(const store::WorkItem& item);

}  // namespace edigate::pipeline
