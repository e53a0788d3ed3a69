#include "pipeline/process_stage.hpp"

#include "pipeline/outbound_stage.hpp"

#include "canonical/json_io.hpp"
#include "canonical/partner_message.hpp"
#include "io/peek_input.hpp"
#include "runtime/ack_policy.hpp"
#include "translation/inbound.hpp"

#include <Poco/JSON/Array.h>

#include <edigate/input.hpp>

#include <algorithm>
#include <optional>

namespace edigate::pipeline {
namespace {

using store::Millis;
using store::WorkItem;
using store::WorkKind;
using store::WorkOutcome;

/// An interchange as the pass saw it: envelope, partner, acknowledgement report.
struct SeenInterchange {
  EnvelopeFacts facts;
  std::shared_ptr<const partners::Profile> partner;
  std::optional<InterchangeReport> report;
  FormatPlugin* format = nullptr;
  std::string key;
  bool repeat = false;  ///< received before, or refused: neither processed nor acknowledged
};

/// Whether an interchange from `partner` may have arrived as `input`: a partner's own
/// connection (its SFTP server, its AS2 identity, its API key) carries only that partner's
/// interchanges, so an envelope naming another partner is refused rather than processed as
/// theirs. The gateway's shared inbox root (transport "folder") only suggests the partner.
bool arrived_over_own_channel(const store::InputRecord& input, const partners::Profile& partner) {
  return input.transport == "folder" || input.partner_hint.empty() || input.partner_hint == partner.id;
}

struct SeenMessage {
  store::MessageRecord record;
  std::vector<store::CorrelationKey> keys;
  int interchange = -1;  ///< index into SeenInterchange, -1 for JSON input
  std::string ack_key;   ///< functional acks: the key of what they acknowledge
  std::string ack_status;
};

std::string party(const PartyId& p) { return p.qualifier.empty() ? p.id : p.qualifier + ":" + p.id; }

std::string interchange_key(const EnvelopeFacts& f) {
  return f.standard + "|" + party(f.sender) + "|" + party(f.receiver) + "|" + f.control;
}

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& name) {
  if (!o || !o->has(name)) return {};
  auto v = o->get(name);
  return v.isString() ? v.extract<std::string>() : std::string();
}

SeenMessage seen_message(const Poco::JSON::Object::Ptr& m, std::string json, std::int64_t input_id) {
  SeenMessage out;
  auto& r = out.record;
  r.id = text_of(m, "message_id");
  r.type = text_of(m, "type");
  r.partner = text_of(m, "partner_id");
  r.direction = text_of(m, "direction");
  r.input_id = input_id;
  r.status = "translated";
  r.body = std::move(json);
  if (auto c = m->getObject("correlation")) {
    for (const char* kind : {"po_number", "shipment_id", "bol"}) {
      if (auto v = text_of(c, kind); !v.empty()) out.keys.push_back({kind, v});
    }
    if (auto numbers = c->getArray("tracking_numbers")) {
      for (std::size_t i = 0; i < numbers->size(); ++i) {
        if (numbers->get(i).isString()) out.keys.push_back({"tracking_number", numbers->get(i).extract<std::string>()});
      }
    }
  }
  r.correlation_id = out.keys.empty() ? r.id : out.keys.front().value;
  if (r.type == "functional_ack") {
    auto acknowledged = m->getObject("acknowledged");
    out.ack_key = ack_reconcile_key(r.partner, text_of(acknowledged, "group_control_number"),
                                    text_of(acknowledged, "interchange_control_number"));
    out.ack_status = text_of(m, "status");
  }
  return out;
}

std::string ack_type(const partners::Profile& partner, const InterchangeData& doc) {
  if (doc.groups.empty()) return "TA1";
  if (partner.standard.family == partners::Family::edifact) return "CONTRL";
  return partner.acks.resolved(partner.standard) == partners::FunctionalAck::x999 ? "999" : "997";
}

std::string summary_of(const translation::InboundSummary& s) {
  return std::to_string(s.interchanges) + " interchange(s), " + std::to_string(s.transactions) + " transaction(s), " +
         std::to_string(s.transactions_rejected) + " rejected, " + std::to_string(s.errors) + " error(s), " +
         std::to_string(s.warnings) + " warning(s)";
}

/// The first errors, one per line, for the event and the dead letter (a person reads them).
std::string first_errors(const std::vector<Error>& errors, std::size_t max = 5) {
  std::string out;
  for (std::size_t i = 0; i < errors.size() && i < max; ++i) out += (i ? "\n" : "") + errors[i].to_string();
  if (errors.size() > max) out += "\n... " + std::to_string(errors.size() - max) + " more";
  return out;
}

/// Acknowledges one interchange inside the unit: counters from the store, document queued.
Result<void> acknowledge(const StageContext& ctx, store::Unit& unit, SeenInterchange& ic, std::int64_t input_id) {
  const partners::Profile& partner = *ic.partner;
  auto policy = runtime::ack_policy(&partner, ic.format->standard());
  if (!policy) return {};
  // Nothing to send (a 997 is not acknowledged): draw no control numbers for it.
  EDIGATE_TRY(auto probe, ic.format->acknowledge(*ic.report, *policy));
  if (probe.empty()) return {};
  const auto& c = partner.control_numbers;
  const std::string scope = c.scope == partners::ControlScope::gateway ? "gateway" : partner.id;
  EDIGATE_TRY(auto icn, unit.next_control(scope, "interchange", c.interchange_start));
  EDIGATE_TRY(auto gcn, unit.next_control(scope, "group", c.group_start));
  runtime::set_ack_controls(*policy, icn, gcn, c.transaction_start);
  EDIGATE_TRY(auto docs, ic.format->acknowledge(*ic.report, *policy));
  for (const auto& doc : docs) {
    EDIGATE_TRY(auto bytes, ic.format->write(doc, WriteOptions{}));
    store::OutboundRecord out;
    out.partner = partner.id;
    out.kind = "ack";
    out.type = ack_type(partner, doc);
    out.file_name = partner.id + "-" + out.type + "-" + policy->interchange_control + ".edi";
    out.body = std::move(bytes);
    out.interchange_key = ic.key;  // the interchange it answers
    out.state = "queued";
    out.in_reply_to = input_id;
    EDIGATE_TRY(auto id, unit.put_outbound(out));
    EDIGATE_TRY(auto work, unit.enqueue(WorkKind::send, std::to_string(id), "", 5, 0));
    (void)work;
    const std::string detail = out.type + " " + policy->interchange_control + " for interchange " + ic.facts.control;
    EDIGATE_TRY_VOID(unit.event("input:" + std::to_string(input_id), "acknowledged", "ok", detail));
    EDIGATE_TRY_VOID(unit.event("outbound:" + std::to_string(id), "queued", "ok", detail));
    ctx.emit({"acknowledged", "ok", partner.id, out.type, "", "", detail});
  }
  return {};
}

/// Stores one message, reconciles a functional ack against what we sent and queues the message
/// to its routes' destinations, inside the stage's unit.
Result<void> store_message(const StageContext& ctx, store::Unit& unit, SeenMessage& m, const std::string& input,
                           const std::string& file) {
  const std::string message_subject = "message:" + m.record.id;
  const partners::Profile* profile = nullptr;
  std::shared_ptr<const partners::Profile> held;
  if (auto p = ctx.runtime.partner(m.record.partner)) {
    held = *p;
    profile = held.get();
  }
  const auto targets = ctx.routes.targets(profile, m.record.partner, m.record.type);
  m.record.status = targets.empty() ? "unrouted" : "routed";
  EDIGATE_TRY(bool fresh, unit.put_message(m.record, m.keys));
  EDIGATE_TRY_VOID(unit.event(message_subject, "translated", fresh ? "ok" : "reprocessed",
                              "from input " + input + " (" + file + ")"));
  if (!m.ack_key.empty()) {
    EDIGATE_TRY(bool matched, unit.reconcile_ack(m.ack_key, m.ack_status));
    EDIGATE_TRY_VOID(unit.event(message_subject, "reconciled", matched ? "ok" : "warning",
                                matched ? m.ack_status + " for " + m.ack_key
                                        : "acknowledges " + m.ack_key + ", which we have no record of sending"));
  }
  std::string where;
  for (const auto& t : targets) {
    EDIGATE_TRY(auto id, unit.enqueue(WorkKind::deliver, m.record.id, t.destination, t.priority, 0));
    (void)id;
    where += (where.empty() ? "" : ", ") + t.destination;
  }
  EDIGATE_TRY_VOID(unit.event(
      message_subject, "routed", targets.empty() ? "warning" : "ok",
      targets.empty() ? "no route or destination for " + m.record.type + " from " + m.record.partner : "to " + where));
  ctx.emit({"translated", "ok", m.record.partner, m.record.type, m.record.id, m.record.correlation_id, where});
  return {};
}

/// An input a transport handed in as canonical JSON ("canonical:<type>", e.g. from the supplier
/// API): no translation, the message is the document with the envelope the gateway owns (the
/// same function intake checked it with), its id derived from partner and bytes.
Result<void> process_canonical_input(const StageContext& ctx, const WorkItem& item, const store::InputRecord& input,
                                     const std::string& bytes) {
  const std::int64_t input_id = input.id;
  const std::string subject = "input:" + item.subject;
  const std::string file = input.file_name.empty() ? subject : input.file_name;
  auto read = [&]() -> Result<canonical::PartnerMessage> {
    EDIGATE_TRY(std::string type, canonical::canonical_content_type(input.content));
    return canonical::read_partner_message(bytes, type, input.partner_hint, file);
  }();
  return ctx.store.run([&](store::Unit& unit) -> Result<void> {
    if (!read) {
      // Checked at intake, so only a schema changed since (an upgrade) lands here: dead letter.
      const Error& e = read.error();
      EDIGATE_TRY_VOID(unit.event(subject, "validated", "failed", e.to_string()));
      EDIGATE_TRY_VOID(unit.set_input_state(input_id, "rejected", 0));
      ctx.emit({"validated", "failed", input.partner_hint, "", "", "", e.to_string()});
      return unit.finish(item, {WorkOutcome::Kind::dead, 0, e.to_string()});
    }
    const std::string detail = "canonical " + read->message->optValue<std::string>("type", "") + " message";
    EDIGATE_TRY_VOID(unit.event(subject, "validated", "ok", detail));
    ctx.emit({"validated", "ok", input.partner_hint, "json", "", "", detail});
    SeenMessage m = seen_message(read->message, std::move(read->json), input_id);
    EDIGATE_TRY_VOID(store_message(ctx, unit, m, item.subject, file));
    EDIGATE_TRY_VOID(unit.set_input_state(input_id, "processed", 0));
    return unit.finish(item, {WorkOutcome::Kind::done, 0, detail});
  });
}

}  // namespace

Millis transient_retry_at(const WorkItem& item) {
  const int step = std::min(item.attempts, 10);
  return store::now_millis() + std::min<Millis>(1000LL << step, 5 * 60 * 1000);
}

Result<void> process_input(const StageContext& ctx, const WorkItem& item) {
  const std::int64_t input_id = std::stoll(item.subject);
  const std::string subject = "input:" + item.subject;
  EDIGATE_TRY(store::InputRecord input, ctx.store.input(input_id));
  if (!input.content.empty()) {
    // Canonical JSON is parsed whole (Poco) and was validated whole at intake, in memory.
    EDIGATE_TRY(std::string bytes, ctx.store.input_bytes(input_id));
    return process_canonical_input(ctx, item, input, bytes);
  }

  translation::InboundOptions options;
  options.file = input.file_name.empty() ? subject : input.file_name;
  options.registry = ctx.runtime.partners().snapshot();
  // Streamed from the store (a large input's blob file is read in chunks): the format reader
  // materialises one transaction at a time, so the input's size does not bound memory here; the
  // canonical messages of the whole input do (they are kept until they commit in one unit).
  EDIGATE_TRY(auto stored, ctx.store.open_input(input_id, options.file));
  io::PeekInput in(*stored);
  EDIGATE_TRY(std::string_view head, in.peek());
  // JSON has no envelope to route by: the partner is the one the transport received it for.
  if (translation::looks_like_json(head) && !input.partner_hint.empty()) {
    if (auto p = ctx.runtime.partner(input.partner_hint)) options.partner = *p;
  }

  std::vector<SeenInterchange> interchanges;
  std::vector<SeenMessage> messages;
  std::vector<Error> errors, warnings;
  translation::InboundSink sink;
  sink.on_interchange_begin = [&](const EnvelopeFacts& facts, const std::shared_ptr<const partners::Profile>& p) {
    interchanges.push_back({facts, p, std::nullopt, nullptr, interchange_key(facts), false});
  };
  sink.on_interchange = [&](InterchangeReport&& report, const std::shared_ptr<const partners::Profile>&,
                            FormatPlugin& format) {
    if (interchanges.empty()) return;
    interchanges.back().report = std::move(report);
    interchanges.back().format = &format;
  };
  Result<void> message_problem;
  sink.on_message = [&](const Poco::JSON::Object::Ptr& m) {
    auto line = canonical::to_json_line(m);
    if (!line) {
      message_problem = std::move(line).error();
      return;
    }
    SeenMessage seen = seen_message(m, std::move(*line), input_id);
    seen.interchange = interchanges.empty() ? -1 : static_cast<int>(interchanges.size() - 1);
    messages.push_back(std::move(seen));
  };
  sink.on_issue = [&](const Error& e) { (e.is_warning() ? warnings : errors).push_back(e); };

  auto summary = translation::translate_inbound(ctx.runtime.services(), in, options, sink);
  if (summary && message_problem) {
    // An input with nothing in it is not a success.
    if (summary->transactions == 0 && summary->errors == 0) {
      Error empty("translate.empty", "no interchange, message or JSON document found");
      empty.position.file = options.file;
      errors.push_back(std::move(empty));
      summary->errors = 1;
    }
  }

  return ctx.store.run([&](store::Unit& unit) -> Result<void> {
    if (!summary || !message_problem) {
      const Error& e = !summary ? summary.error() : message_problem.error();
      if (e.category == ErrorCategory::transient) {
        EDIGATE_TRY_VOID(unit.event(subject, "validated", "retry", e.to_string()));
        return unit.finish(item, {WorkOutcome::Kind::retry, transient_retry_at(item), e.to_string()});
      }
      EDIGATE_TRY_VOID(unit.event(subject, "validated", "failed", e.to_string()));
      EDIGATE_TRY_VOID(unit.set_input_state(input_id, "rejected", 0));
      ctx.emit({"validated", "failed", input.partner_hint, "", "", "", e.to_string()});
      return unit.finish(item, {WorkOutcome::Kind::dead, 0, e.to_string()});
    }
    const auto& s = *summary;
    const char* verdict = s.errors ? "failed" : s.warnings ? "warning" : "ok";
    std::string detail = summary_of(s);
    if (!errors.empty()) detail += "\n" + first_errors(errors);
    if (!warnings.empty()) detail += "\n" + first_errors(warnings, 3);
    EDIGATE_TRY_VOID(unit.event(subject, "validated", verdict, detail));
    ctx.emit({"validated", verdict, input.partner_hint, s.standard, "", "", summary_of(s)});

    std::string refused;
    for (auto& ic : interchanges) {
      // Unrouted interchanges are not claimed: once the partner is onboarded, a replay
      // processes (and acknowledges) them as new.
      if (!ic.partner) continue;
      if (!arrived_over_own_channel(input, *ic.partner)) {
        ic.repeat = true;
        const std::string what = "interchange " + ic.facts.control + " names " + describe_party(ic.facts, true) +
                                 " (partner " + ic.partner->id + ") but arrived over " + input.transport +
                                 ", partner " + input.partner_hint +
                                 "'s connection: not processed [pipeline.sender.mismatch]";
        EDIGATE_TRY_VOID(unit.event(subject, "received", "failed", what));
        ctx.emit({"received", "failed", input.partner_hint, "", "", "", what});
        refused += (refused.empty() ? "" : "\n") + what;
        continue;
      }
      EDIGATE_TRY(auto claim, unit.claim_interchange(ic.key, input_id));
      if (claim == store::InterchangeClaim::duplicate) {
        ic.repeat = true;
        const std::string what = "interchange " + ic.facts.control + " from " + describe_party(ic.facts, true) +
                                 " was received before; not processed or acknowledged again";
        EDIGATE_TRY_VOID(unit.event(subject, "received", "duplicate", what));
        ctx.emit({"received", "duplicate", ic.partner->id, "", "", "", what});
        continue;
      }
      // Reprocessing (`again`) does not acknowledge twice: the partner has its answer.
      if (claim == store::InterchangeClaim::fresh && ic.report && ic.format) {
        EDIGATE_TRY_VOID(acknowledge(ctx, unit, ic, input_id));
      }
    }

    std::size_t stored = 0;
    for (auto& m : messages) {
      if (m.interchange >= 0 && interchanges[static_cast<std::size_t>(m.interchange)].repeat) continue;
      EDIGATE_TRY_VOID(store_message(ctx, unit, m, item.subject, options.file));
      ++stored;
    }

    // Configuration problems (an unknown sender, a missing map) keep the input in the dead
    // letters until someone fixes the configuration and replays it; what did work is kept.
    const bool blocked = s.errors_of(ErrorCategory::configuration) || s.errors_of(ErrorCategory::internal);
    const bool nothing = stored == 0 && s.errors;
    EDIGATE_TRY_VOID(
        unit.set_input_state(input_id, blocked || nothing || !refused.empty() ? "rejected" : "processed", 0));
    if (!refused.empty()) return unit.finish(item, {WorkOutcome::Kind::dead, 0, refused});
    if (blocked) {
      std::vector<Error> config;
      for (const auto& e : errors)
        if (e.category == ErrorCategory::configuration || e.category == ErrorCategory::internal) config.push_back(e);
      return unit.finish(item, {WorkOutcome::Kind::dead, 0, first_errors(config)});
    }
    return unit.finish(item, {WorkOutcome::Kind::done, 0, detail});
  });
}

}  // namespace edigate::pipeline
