#include "api/admin_routes.hpp"

#include <charconv>

namespace edigate::api {
namespace {

// {"k":"v",...} from string fields, in the order given.
std::string object(std::initializer_list<std::pair<const char*, const std::string*>> fields) {
  std::string out = "{";
  for (const auto& [name, value] : fields) {
    if (out.size() > 1) out += ',';
    append_json(out, name);
    out += ':';
    append_json(out, *value);
  }
  return out + '}';
}

std::string summary_json(const MessageSummary& m) {
  return object({{"id", &m.id},
                 {"partner", &m.partner},
                 {"type", &m.type},
                 {"direction", &m.direction},
                 {"status", &m.status},
                 {"correlation_id", &m.correlation_id},
                 {"received_at", &m.received_at},
                 {"updated_at", &m.updated_at}});
}

template <typename T, typename F>
std::string array(const std::vector<T>& items, F&& to_json) {
  std::string out = "[";
  for (const T& item : items) {
    if (out.size() > 1) out += ',';
    out += to_json(item);
  }
  return out + ']';
}

Response json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response list_messages(AdminBackend& backend, const Request& req) {
  MessageFilter f;
  auto take = [&](const char* name, std::string& into) {
    if (const std::string* v = req.query_value(name)) into = *v;
  };
  take("partner", f.partner);
  take("type", f.type);
  take("status", f.status);
  take("since", f.since);
  take("cursor", f.cursor);
  f.limit = kDefaultPageLimit;
  if (const std::string* v = req.query_value("limit")) {
    std::uint32_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < 1 || n > kMaxPageLimit)
      return error_response(
          400, "admin.query.invalid",
          "limit must be a whole number from 1 to " + std::to_string(kMaxPageLimit) + ", not \"" + *v + "\"");
    f.limit = n;
  }
  auto page = backend.list_messages(f);
  if (!page) return backend_error(page.error());
  std::string body = "{\"items\":" + array(page->items, summary_json) + ",\"next_cursor\":";
  if (page->next_cursor.empty())
    body += "null";
  else
    append_json(body, page->next_cursor);
  return json(200, body + '}');
}

Response get_message(AdminBackend& backend, const Request& req) {
  auto d = backend.get_message(req.params.at("id"));
  if (!d) return backend_error(d.error());
  // The canonical body is embedded as the JSON it is (the backend guarantees valid JSON).
  std::string body = "{\"message\":" + summary_json(d->metadata) + ",\"canonical\":";
  body += d->canonical_json.empty() ? "null" : d->canonical_json;
  body += ",\"raw\":";
  append_json(body, d->raw_link);
  body += ",\"events\":" + array(d->events, [](const MessageEvent& e) {
            return object({{"at", &e.at}, {"stage", &e.stage}, {"outcome", &e.outcome}, {"detail", &e.detail}});
          });
  return json(200, body + '}');
}

Response replay(AdminBackend& backend, const Request& req) {
  auto r = backend.replay(req.params.at("id"));
  if (!r) return backend_error(r.error());
  return json(202, object({{"id", &r->id}, {"status", &r->status}}));
}

Response replay_outbound(AdminBackend& backend, const Request& req) {
  auto r = backend.replay_outbound(req.params.at("id"));
  if (!r) return backend_error(r.error());
  return json(202, object({{"id", &r->id}, {"status", &r->status}}));
}

Response submit_outbound(AdminBackend& backend, const Request& req) {
  std::string partner;
  if (const std::string* v = req.query_value("partner")) partner = *v;
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return error_response(400, "admin.body.empty", "the request has no body: send canonical JSON",
                          {{"pointer", "\"\""}});
  auto r = backend.submit_outbound(req.body, partner);
  if (!r) return backend_error(r.error());
  if (r->rejected) {
    std::string pointer;
    append_json(pointer, r->rejected->pointer);
    return error_response(400, r->rejected->code, r->rejected->message, {{"pointer", pointer}});
  }
  std::string body = "{\"accepted\":" + array(r->accepted_ids, [](const std::string& id) {
                       std::string s;
                       append_json(s, id);
                       return s;
                     });
  return json(202, body + '}');
}

Response dead_letters(AdminBackend& backend) {
  auto r = backend.list_dead_letters();
  if (!r) return backend_error(r.error());
  return json(200, "{\"items\":" + array(*r, [](const DeadLetter& d) {
                     std::string o = object({{"message_id", &d.message_id},
                                             {"partner", &d.partner},
                                             {"type", &d.type},
                                             {"destination", &d.destination},
                                             {"last_error", &d.last_error},
                                             {"dead_at", &d.dead_at}});
                     o.insert(o.size() - 1, ",\"attempts\":" + std::to_string(d.attempts));
                     return o;
                   }) + '}');
}

Response overdue_acks(AdminBackend& backend) {
  auto r = backend.list_overdue_acks();
  if (!r) return backend_error(r.error());
  return json(200, "{\"items\":" + array(*r, [](const OverdueAck& a) {
                     return object({{"partner", &a.partner},
                                    {"interchange_control", &a.interchange_control},
                                    {"group_control", &a.group_control},
                                    {"sent_at", &a.sent_at},
                                    {"due_at", &a.due_at}});
                   }) + '}');
}

Response transports(AdminBackend& backend) {
  auto r = backend.list_transports();
  if (!r) return backend_error(r.error());
  return json(200, "{\"items\":" + array(*r, [](const TransportState& t) {
                     std::string o = object({{"kind", &t.kind},
                                             {"partner", &t.partner},
                                             {"name", &t.name},
                                             {"type", &t.type},
                                             {"address", &t.address},
                                             {"sends", &t.sends},
                                             {"detail", &t.detail}});
                     o.pop_back();
                     return o + ",\"polls\":" + (t.polls ? "true" : "false") + ",\"ok\":" + (t.ok ? "true" : "false") +
                            '}';
                   }) + '}');
}

}  // namespace

bool is_public_path(const std::string& path) {
  const auto segments = split_path(path);
  return segments.size() == 1 && (segments[0] == "healthz" || segments[0] == "readyz");
}

Router make_admin_router(AdminBackend& backend) {
  Router r;
  r.add("GET", "/healthz", [](const Request&) { return json(200, "{\"status\":\"ok\"}"); });
  r.add("GET", "/readyz", [&backend](const Request&) {
    ReadyState s = backend.ready();
    if (s.ready) return json(200, "{\"status\":\"ready\"}");
    std::string body = "{\"status\":\"not_ready\",\"reason\":";
    append_json(body, s.reason);
    return json(503, body + '}');
  });
  r.add("GET", "/metrics", [&backend](const Request&) {
    Response resp;
    resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
    resp.body = backend.metrics_text();
    return resp;
  });
  r.add("GET", "/api/v1/messages", [&backend](const Request& q) { return list_messages(backend, q); });
  r.add("GET", "/api/v1/messages/{id}", [&backend](const Request& q) { return get_message(backend, q); });
  r.add("POST", "/api/v1/messages/{id}/replay", [&backend](const Request& q) { return replay(backend, q); });
  r.add("POST", "/api/v1/outbound", [&backend](const Request& q) { return submit_outbound(backend, q); });
  r.add("POST", "/api/v1/outbound/{id}/replay", [&backend](const Request& q) { return replay_outbound(backend, q); });
  r.add("GET", "/api/v1/dead-letters", [&backend](const Request&) { return dead_letters(backend); });
  r.add("GET", "/api/v1/acks/overdue", [&backend](const Request&) { return overdue_acks(backend); });
  r.add("GET", "/api/v1/transports", [&backend](const Request&) { return transports(backend); });
  return r;
}

}  // namespace edigate::api
