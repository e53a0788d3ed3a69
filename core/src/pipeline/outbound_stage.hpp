#pragma once
// The outbound flow: an ERP or WMS submits a canonical message (admin API POST
// /api/v1/outbound, or canonical JSON Lines dropped into the ERP outbox folder). The submission
// is checked against its JSON Schema before anything is stored (a 400 naming the field), then
// stored with its render work in one unit. The render stage maps it with the partner's outbound
// map into one interchange, numbered from the store's counters in the same unit that stores the
// document (a crash never reuses or skips a control number), queues it for the partner's
// transport and records by when its functional ack is due (<acks expect-within-minutes>).
#include "pipeline/stage_context.hpp"

#include <string_view>

namespace edigate::pipeline {

struct Submitted {
  std::int64_t outbound_id = 0;
  std::string message_id;
  std::string partner;
  std::string type;
  bool duplicate = false;  ///< the same submission (same message id) was accepted before
};

/// Accepts one canonical message (a JSON object as text). Errors: `outbound.json.invalid`,
/// `render.message.invalid` (the JSON pointer named), `partner.unknown`,
/// `outbound.document.unknown` (the partner takes no such document), all invalid input or
/// configuration; store errors as they are.
Result<Submitted> submit_outbound(const StageContext& ctx, std::string_view json, const std::string& where);

/// The render work item: submission -> partner document queued to send.
Result<void> render_outbound(const StageContext& ctx, const store::WorkItem& item);

/// The key our documents to `partner` are reconciled by when its functional ack arrives: X12
/// acknowledges groups (GS06), EDIFACT interchanges (UNB 0020). Leading zeros do not count.
std::string ack_reconcile_key(const std::string& partner, const std::string& group, const std::string& interchange);

}  // namespace edigate::pipeline
