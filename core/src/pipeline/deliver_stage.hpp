#pragma once
// The ERP/WMS-bound stage: attempts at delivering stored canonical messages to their
// destinations, and their outcomes recorded: delivered; failed and due again after a jittered
// backoff (Retry-After honoured); or dead-lettered (a permanent refusal, attempts used up, a
// destination no longer declared). While a destination's circuit breaker is open the route's
// fallback takes the message, or it waits for the breaker without using an attempt.
// A crash between the attempt and the record repeats the attempt: the receiver dedupes by the
// message id (Idempotency-Key, folder file name).
//
// A worker hands a batch of claimed deliveries to `deliver_messages`: each destination gets its
// share in one Destination::deliver_all call (a webhook over one connection), and all outcomes
// are recorded in ONE unit, so a batch of N costs one commit instead of N (measured: the
// per-delivery claim, commit and connection were a large part of a transaction's CPU,
// docs/performance.md). After a failed attempt the destination's later items in the batch are
// not attempted: they wait, without using an attempt, until the failed one's retry.
#include "delivery/retry_policy.hpp"
#include "pipeline/destination_set.hpp"
#include "pipeline/stage_context.hpp"

#include <chrono>
#include <span>

namespace edigate::pipeline {

/// A batch stops starting attempts after this long (a slow receiver, each attempt within its
/// timeout): the rest go back to the queue at once, without using an attempt, so a batch ends
/// well inside its work items' lease (Workers::Options::lease).
inline constexpr std::chrono::seconds kDeliveryBatchBudget{60};

Result<void> deliver_messages(const StageContext& ctx, DestinationSet& destinations, const delivery::RetryPolicy& retry,
                              std::span<const store::WorkItem> items);

/// One delivery: deliver_messages with a batch of one.
Result<void> deliver_message(const StageContext& ctx, DestinationSet& destinations, const delivery::RetryPolicy& retry,
                             const store::WorkItem& item);

}  // namespace edigate::pipeline
