#pragma once
// The partner-bound stage: an outbound document (an acknowledgement, a rendered document) is
// handed to the partner's transport. Until network transports exist (issue 11), every partner
// gets its documents in DATA/outbox/<partner-id>/<file> (written durably: temp, fsync, rename),
// which a partner-side or VAN process collects. A full disk is retried, a document is never
// half-written.
#include "pipeline/stage_context.hpp"

namespace edigate::pipeline {

Result<void> send_outbound(const StageContext& ctx, const store::WorkItem& item);

}  // namespace edigate::pipeline
