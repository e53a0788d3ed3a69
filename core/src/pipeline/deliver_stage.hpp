#pragma once
// The ERP/WMS-bound stage: one attempt at delivering one stored canonical message to one
// destination, and its outcome recorded in one unit: delivered; failed and due again after a
// jittered backoff (Retry-After honoured); or dead-lettered (a permanent refusal, attempts used
// up, a destination no longer declared). While a destination's circuit breaker is open the
// route's fallback takes the message, or it waits for the breaker without using an attempt.
// A crash between the attempt and the record repeats the attempt: the receiver dedupes by the
// message id (Idempotency-Key, folder file name).
#include "delivery/retry_policy.hpp"
#include "pipeline/destination_set.hpp"
#include "pipeline/stage_context.hpp"

namespace edigate::pipeline {

Result<void> deliver_message(const StageContext& ctx, DestinationSet& destinations, const delivery::RetryPolicy& retry,
                             const store::WorkItem& item);

}  // namespace edigate::pipeline
