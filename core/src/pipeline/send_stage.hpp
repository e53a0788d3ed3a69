#pragma once
// The partner-bound stage: an outbound document (an acknowledgement, a rendered document) is
// handed to the partner's transport (transport_host::TransportSet::sender_for: the work item's
// named endpoint, else the partner's first sending endpoint, else the gateway's folder endpoint,
// DATA/outbox/<partner-id>/). The transport's answer is recorded: delivered (state sent), pending
// (an asynchronous MDN will settle it), retry (backoff, at least what the partner asked for) or
// permanent (dead letter, replayable).
#include "pipeline/stage_context.hpp"
#include "transport_host/transport_set.hpp"

namespace edigate::pipeline {

Result<void> send_outbound(const StageContext& ctx, const transport_host::TransportSet& transports,
                           const store::WorkItem& item);

}  // namespace edigate::pipeline
