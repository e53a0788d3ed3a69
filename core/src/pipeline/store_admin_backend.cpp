#include "pipeline/store_admin_backend.hpp"

#include "pipeline/outbound_stage.hpp"
#include "pipeline/replay.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Parser.h>

namespace edigate::pipeline {
namespace {

api::MessageSummary summary(const store::MessageRecord& m) {
  return {m.id,
          m.partner,
          m.type,
          m.direction,
          m.status,
          m.correlation_id,
          store::iso_utc(m.created_at),
          store::iso_utc(m.updated_at)};
}

/// "render.message.invalid" says "... at /asn_date: ..."; the pointer is what a client fixes.
std::string pointer_in(const std::string& message) {
  const auto at = message.find(" at /");
  if (at == std::string::npos) return {};
  const auto end = message.find(':', at + 4);
  return message.substr(at + 4, end == std::string::npos ? std::string::npos : end - at - 4);
}

}  // namespace

Result<store::Millis> parse_rfc3339(const std::string& text) {
  try {
    int tz = 0;
    Poco::DateTime parsed = Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, tz);
    parsed.makeUTC(tz);
    return static_cast<store::Millis>(parsed.timestamp().epochMicroseconds() / 1000);
  } catch (const std::exception&) {
    return Error("api.since.invalid", "since must be an RFC 3339 time such as 2026-12-03T10:00:00Z, got '" + text + "'")
        .as(ErrorCategory::invalid_input);
  }
}

void StoreAdminBackend::set_ready(bool ready, std::string reason) {
  std::lock_guard lock(mutex_);
  ready_ = {ready, std::move(reason)};
}

api::ReadyState StoreAdminBackend::ready() {
  std::lock_guard lock(mutex_);
  return ready_;
}

std::string StoreAdminBackend::metrics_text() { return metrics_.render(); }

Result<api::MessagePage> StoreAdminBackend::list_messages(const api::MessageFilter& f) {
  store::MessageFilter filter;
  filter.partner = f.partner;
  filter.type = f.type;
  filter.status = f.status;
  filter.limit = static_cast<int>(f.limit);
  if (!f.since.empty()) {
    EDIGATE_TRY(filter.since, parse_rfc3339(f.since));
  }
  if (!f.cursor.empty()) {
    // The cursor is the last item's "created_at:id": stable under inserts, opaque to clients.
    const auto colon = f.cursor.find(':');
    try {
      filter.after_created = std::stoll(f.cursor.substr(0, colon));
      filter.after_id = colon == std::string::npos ? "" : f.cursor.substr(colon + 1);
    } catch (const std::exception&) {
      return Error("api.cursor.invalid", "cursor '" + f.cursor + "' was not returned by this API")
          .as(ErrorCategory::invalid_input);
    }
  }
  EDIGATE_TRY(auto rows, ctx_.store.messages(filter));
  api::MessagePage page;
  for (const auto& m : rows) page.items.push_back(summary(m));
  if (rows.size() == static_cast<std::size_t>(filter.limit) && !rows.empty())
    page.next_cursor = std::to_string(rows.back().created_at) + ":" + rows.back().id;
  return page;
}

Result<api::MessageDetail> StoreAdminBackend::get_message(const std::string& id) {
  auto m = ctx_.store.message(id);
  if (!m) {
    return Error("admin.message.not_found", "no message " + id).as(ErrorCategory::invalid_input);
  }
  api::MessageDetail detail;
  detail.metadata = summary(*m);
  detail.canonical_json = m->body;
  if (m->input_id) {
    detail.raw_link =
        "input " + std::to_string(m->input_id) + " (edigate db show-input " + std::to_string(m->input_id) + ")";
    EDIGATE_TRY(auto input_events, ctx_.store.events("input:" + std::to_string(m->input_id)));
    for (const auto& e : input_events) detail.events.push_back({store::iso_utc(e.at), e.stage, e.outcome, e.detail});
  }
  EDIGATE_TRY(auto events, ctx_.store.events("message:" + id));
  for (const auto& e : events) detail.events.push_back({store::iso_utc(e.at), e.stage, e.outcome, e.detail});
  return detail;
}

Result<api::ReplayResult> StoreAdminBackend::replay(const std::string& id) {
  // The same as `edigate replay ID` (pipeline/replay.hpp); here the workers are woken at once.
  EDIGATE_TRY(auto report, replay_message(ctx_.store, id));
  if (wake_) wake_();
  return api::ReplayResult{id, report.status};
}

Result<api::ReplayResult> StoreAdminBackend::replay_outbound(const std::string& id) {
  // The same as `edigate replay --outbound N`; an id that is not a number names no document.
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return Error("pipeline.replay.not_found", "no outbound document " + id).as(ErrorCategory::invalid_input);
  EDIGATE_TRY(auto report, pipeline::replay_outbound(ctx_.store, std::stoll(id)));
  if (wake_) wake_();
  return api::ReplayResult{id, report.status};
}

Result<api::OutboundResult> StoreAdminBackend::submit_outbound(std::string_view json, const std::string& partner) {
  std::vector<std::string> items;
  try {
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(std::string(json));
    if (auto array = parsed.extract<Poco::JSON::Array::Ptr>(); array) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        std::ostringstream one;
        Poco::JSON::Stringifier::stringify(array->get(i), one);
        items.push_back(one.str());
      }
    }
  } catch (const std::exception&) {
    items.clear();
  }
  if (items.empty()) items.emplace_back(json);
  api::OutboundResult result;
  for (std::size_t i = 0; i < items.size(); ++i) {
    // ?partner= must agree with the message: a submission cannot be redirected by the URL.
    auto submitted = pipeline::submit_outbound(ctx_, items[i], "POST /api/v1/outbound");
    if (submitted && !partner.empty() && submitted->partner != partner) {
      submitted = Error("outbound.partner.mismatch",
                        "the message is for '" + submitted->partner + "', the request names '" + partner + "'")
                      .as(ErrorCategory::invalid_input);
    }
    if (!submitted) {
      const Error& e = submitted.error();
      std::string pointer = pointer_in(e.message);
      if (items.size() > 1) pointer = "/" + std::to_string(i) + pointer;
      result.rejected = api::OutboundRejection{e.code, e.message, pointer};
      return result;
    }
    result.accepted_ids.push_back(submitted->message_id);
  }
  if (wake_) wake_();
  return result;
}

Result<std::vector<api::DeadLetter>> StoreAdminBackend::list_dead_letters() {
  const store::WorkKind kinds[] = {store::WorkKind::deliver};
  EDIGATE_TRY(auto dead, ctx_.store.work("dead", kinds, 1000));
  std::vector<api::DeadLetter> out;
  for (const auto& w : dead) {
    api::DeadLetter d;
    d.message_id = w.subject;
    d.destination = w.target;
    d.attempts = static_cast<std::uint32_t>(w.attempts);
    d.last_error = w.last_error;
    d.dead_at = store::iso_utc(w.not_before);
    if (auto m = ctx_.store.message(w.subject)) {
      d.partner = m->partner;
      d.type = m->type;
    }
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<api::OverdueAck>> StoreAdminBackend::list_overdue_acks() {
  EDIGATE_TRY(auto overdue, ctx_.store.overdue_acks(store::now_millis()));
  std::vector<api::OverdueAck> out;
  for (const auto& o : overdue) {
    api::OverdueAck a;
    a.partner = o.partner;
    const auto bar = o.interchange_key.find('|');
    const std::string key = bar == std::string::npos ? o.interchange_key : o.interchange_key.substr(bar + 1);
    if (key.rfind("group:", 0) == 0) a.group_control = key.substr(6);
    if (key.rfind("interchange:", 0) == 0) a.interchange_control = key.substr(12);
    a.sent_at = store::iso_utc(o.created_at);
    a.due_at = store::iso_utc(o.ack_due_at);
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<api::TransportState>> StoreAdminBackend::list_transports() {
  std::vector<api::TransportState> out;
  if (!transports_) return out;
  for (const auto& l : transports_->listeners()) {
    const TransportHealth h = l->listener->health();
    api::TransportState t;
    t.kind = "listener";
    t.type = l->type;
    t.address = l->listener->address();
    t.ok = h.ok;
    t.detail = h.detail;
    out.push_back(std::move(t));
  }
  for (const auto& e : transports_->endpoints()) {
    const TransportHealth h = e->endpoint->health();
    api::TransportState t;
    t.kind = "endpoint";
    t.partner = e->config.partner;
    t.name = e->config.name;
    t.type = e->type;
    t.polls = e->polls;
    t.sends = e->sends == EndpointRole::Sends::everything         ? "documents"
              : e->sends == EndpointRole::Sends::acknowledgements ? "acknowledgements"
                                                                  : "nothing";
    t.ok = h.ok;
    t.detail = h.detail;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace edigate::pipeline
