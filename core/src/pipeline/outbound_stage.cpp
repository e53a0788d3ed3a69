#include "pipeline/outbound_stage.hpp"

#include "canonical/json_io.hpp"
#include "canonical/message_id.hpp"
#include "io/sha256.hpp"
#include "pipeline/process_stage.hpp"
#include "translation/document_maps.hpp"
#include "translation/render.hpp"

namespace edigate::pipeline {
namespace {

std::string without_leading_zeros(const std::string& n) {
  const auto first = n.find_first_not_of('0');
  return first == std::string::npos ? (n.empty() ? n : "0") : n.substr(first);
}

}  // namespace

std::string ack_reconcile_key(const std::string& partner, const std::string& group, const std::string& interchange) {
  if (!group.empty()) return partner + "|group:" + without_leading_zeros(group);
  return partner + "|interchange:" + without_leading_zeros(interchange);
}

Result<Submitted> submit_outbound(const StageContext& ctx, std::string_view json, const std::string& where) {
  Position at;
  at.file = where;
  auto parsed = canonical::parse_message(json, at);
  if (!parsed) {
    Error e = std::move(parsed).error();
    e.code = "outbound.json.invalid";
    return e;
  }
  Poco::JSON::Object::Ptr message = *parsed;
  if (auto problems = translation::submission_problems(*message); !problems.empty()) {
    Error first = problems.front();
    first.position.file = where;
    if (problems.size() > 1) first.message += " (and " + std::to_string(problems.size() - 1) + " more)";
    return first;
  }
  Submitted out;
  out.partner = message->optValue<std::string>("partner_id", "");
  out.type = message->optValue<std::string>("type", "");
  EDIGATE_TRY(auto partner, ctx.runtime.partner(out.partner));
  if (auto doc = translation::outbound_map(ctx.runtime.files(), *partner, out.type); !doc) {
    Error e = std::move(doc).error();
    e.message = "partner '" + out.partner + "' cannot take " + out.type + " messages: " + e.message;
    return e;
  }
  // The ERP's own id when it gives one; otherwise one derived from the content, so sending the
  // same submission twice is recognised rather than rendered twice.
  out.message_id = message->optValue<std::string>("message_id", "");
  if (!canonical::is_message_id(out.message_id)) {
    out.message_id = "m-" + io::to_hex(io::sha256(out.partner + "\n" + std::string(json)), 16);
    message->set("message_id", out.message_id);
  }
  message->set("direction", "outbound");
  EDIGATE_TRY(std::string body, canonical::to_json_line(message));
  EDIGATE_TRY_VOID(ctx.store.run([&](store::Unit& unit) -> Result<void> {
    store::MessageRecord record;
    record.id = out.message_id;
    record.partner = out.partner;
    record.type = out.type;
    record.direction = "outbound";
    record.status = "submitted";
    record.body = body;
    std::vector<store::CorrelationKey> keys;
    if (auto c = message->getObject("correlation")) {
      for (const char* kind : {"po_number", "shipment_id", "bol"})
        if (c->has(kind)) keys.push_back({kind, c->optValue<std::string>(kind, "")});
    }
    record.correlation_id = keys.empty() ? record.id : keys.front().value;
    EDIGATE_TRY(bool fresh, unit.put_message(record, keys));
    out.duplicate = !fresh;
    if (!fresh) return unit.event("message:" + out.message_id, "submitted", "duplicate", "from " + where);
    store::OutboundRecord submission;
    submission.partner = out.partner;
    submission.kind = "submission";
    submission.type = out.type;
    submission.file_name = out.message_id + ".json";
    submission.body = body;
    submission.state = "queued";
    submission.message_id = out.message_id;
    EDIGATE_TRY(out.outbound_id, unit.put_outbound(submission));
    EDIGATE_TRY(auto work, unit.enqueue(store::WorkKind::render, std::to_string(out.outbound_id), "", 0, 0));
    (void)work;
    return unit.event("message:" + out.message_id, "submitted", "ok", "from " + where);
  }));
  ctx.emit({"submitted", out.duplicate ? "duplicate" : "ok", out.partner, out.type, out.message_id, "", where});
  return out;
}

Result<void> render_outbound(const StageContext& ctx, const store::WorkItem& item) {
  const std::int64_t id = std::stoll(item.subject);
  EDIGATE_TRY(store::OutboundRecord submission, ctx.store.outbound(id));
  const std::string subject = "message:" + submission.message_id;
  auto fail = [&](const Error& e) {
    return ctx.store.run([&](store::Unit& unit) -> Result<void> {
      EDIGATE_TRY_VOID(unit.set_outbound_state(id, "rejected"));
      EDIGATE_TRY_VOID(unit.set_message_status(submission.message_id, "failed"));
      EDIGATE_TRY_VOID(unit.event(subject, "rendered", "failed", e.to_string()));
      ctx.emit({"rendered", "failed", submission.partner, submission.type, submission.message_id, "", e.to_string()});
      return unit.finish(item, {store::WorkOutcome::Kind::dead, 0, e.to_string()});
    });
  };
  auto partner = ctx.runtime.partner(submission.partner);
  if (!partner) return fail(partner.error());
  auto message = canonical::parse_message(submission.body);
  if (!message) return fail(message.error());
  const partners::Profile& profile = **partner;

  return ctx.store.run([&](store::Unit& unit) -> Result<void> {
    const auto& c = profile.control_numbers;
    const std::string scope = c.scope == partners::ControlScope::gateway ? "gateway" : profile.id;
    EDIGATE_TRY(auto icn, unit.next_control(scope, "interchange", c.interchange_start));
    EDIGATE_TRY(auto gcn, unit.next_control(scope, "group", c.group_start));
    translation::ControlCounters counters{icn, gcn, c.transaction_start};
    translation::RenderOptions options;
    translation::CanonicalInput input{*message, {}};
    input.where.file = submission.file_name;
    auto rendered = translation::render_interchange(ctx.runtime.services(), profile, {input}, options, counters);
    Error problem;
    if (!rendered) {
      problem = rendered.error();
    } else if (!rendered->errors.empty()) {
      problem = rendered->errors.front();
    }
    if (!rendered || !rendered->errors.empty() || rendered->edi.empty()) {
      if (problem.code.empty()) problem = Error("render.empty", "nothing was rendered");
      // The numbers drawn above are consumed with the rejection (a gap in our own numbering is
      // harmless, a reuse is not).
      EDIGATE_TRY_VOID(unit.set_outbound_state(id, "rejected"));
      EDIGATE_TRY_VOID(unit.set_message_status(submission.message_id, "failed"));
      EDIGATE_TRY_VOID(unit.event(subject, "rendered", "failed", problem.to_string()));
      ctx.emit({"rendered", "failed", profile.id, submission.type, submission.message_id, "", problem.to_string()});
      return unit.finish(item, {store::WorkOutcome::Kind::dead, 0, problem.to_string()});
    }
    const bool by_group = profile.standard.family == partners::Family::x12;
    store::OutboundRecord doc;
    doc.partner = profile.id;
    doc.kind = "document";
    doc.type = submission.type;
    doc.file_name = profile.id + "-" + submission.type + "-" + std::to_string(icn) + ".edi";
    doc.body = rendered->edi;
    doc.interchange_key =
        ack_reconcile_key(profile.id, by_group ? std::to_string(gcn) : "", by_group ? "" : std::to_string(icn));
    doc.state = "queued";
    doc.message_id = submission.message_id;
    if (profile.acks.expect_within_minutes > 0) {
      doc.ack_due_at = store::now_millis() + static_cast<store::Millis>(profile.acks.expect_within_minutes) * 60000;
    }
    EDIGATE_TRY(auto doc_id, unit.put_outbound(doc));
    EDIGATE_TRY(auto work, unit.enqueue(store::WorkKind::send, std::to_string(doc_id), "", 5, 0));
    (void)work;
    EDIGATE_TRY_VOID(unit.set_outbound_state(id, "rendered"));
    EDIGATE_TRY_VOID(unit.set_message_status(submission.message_id, "rendered"));
    const std::string detail =
        doc.file_name + " (interchange " + std::to_string(icn) + ", outbound " + std::to_string(doc_id) + ")";
    EDIGATE_TRY_VOID(unit.event(subject, "rendered", "ok", detail));
    ctx.emit({"rendered", "ok", profile.id, submission.type, submission.message_id, "", detail});
    return unit.finish(item, {store::WorkOutcome::Kind::done, 0, detail});
  });
}

}  // namespace edigate::pipeline
