#include "supplier_api.hpp"

#include "api_path.hpp"
#include "request_body.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/URI.h>

#include <chrono>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace edigate::http {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

struct SupplierApi::Answer {
  int status = 200;
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  ///< the request body was not read: the connection cannot be reused
};

namespace {

using Answer = SupplierApi::Answer;

/// {"error": {"code", "message", "field"?}}: the field is the JSON pointer of bad canonical JSON.
SupplierApi::Answer failure(int status, const std::string& code, const std::string& message,
                            const std::string& field = "", bool has_field = false) {
  SupplierApi::Answer a;
  a.status = status;
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  error->set("code", code);
  error->set("message", message);
  if (has_field) error->set("field", field);
  a.body->set("error", error);
  return a;
}

bool has_body(const HTTPServerRequest& req) {
  return (req.hasContentLength() && req.getContentLength64() > 0) || req.getChunkedTransferEncoding();
}

std::string bearer_of(const HTTPServerRequest& req) {
  const std::string& auth = req.get("Authorization", "");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() <= kBearer.size() || auth.compare(0, kBearer.size(), kBearer) != 0) return {};
  return auth.substr(kBearer.size());
}

std::string media_type(const std::string& content_type) {
  std::string out = content_type.substr(0, content_type.find(';'));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// A canonical type name as the header gives it: lower case letters and '_', bounded.
bool type_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  return true;
}

/// An Idempotency-Key as a client may send it: printable ASCII without spaces, bounded.
bool idempotency_key(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (c <= ' ' || c > '~') return false;
  return true;
}

}  // namespace

void SupplierApi::handle(HTTPServerRequest& req, HTTPServerResponse& resp) noexcept {
  ++requests_;
  Answer a;
  try {
    a = answer(req);
  } catch (const std::exception& e) {
    a = failure(500, "api.internal", "internal error (see the gateway log)");
    a.close = true;
    host_.log(LogLevel::error, "api.request.failed", "", req.getMethod() + " " + req.getURI() + ": " + e.what());
  }
  try {
    std::ostringstream text;
    Poco::JSON::Stringifier::condense(a.body, text);
    const std::string body = text.str();
    resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(a.status));
    resp.setContentType("application/json");
    resp.setContentLength64(static_cast<Poco::Int64>(body.size()));
    resp.set("Cache-Control", "no-store");
    for (const auto& [name, value] : a.headers) resp.set(name, value);
    if (a.close) resp.setKeepAlive(false);
    resp.sendBuffer(body.data(), body.size());
  } catch (const std::exception&) {
    // The client went away; nothing to tell it.
  }
}

SupplierApi::Answer SupplierApi::answer(HTTPServerRequest& req) {
  std::string path;
  try {
    path = Poco::URI(req.getURI()).getPath();
  } catch (const Poco::Exception& e) {
    Answer a = failure(400, "api.request.invalid", "the request URI cannot be read");
    a.close = has_body(req);
    return a;
  }
  // The raw path, not the decoded one: "%2F" or "%2E%2E" never reaches the id checks as "/" or "..".
  const std::string raw = req.getURI().substr(0, req.getURI().find('?'));
  auto route = parse_api_path(raw);
  if (!route || raw != path) {
    Answer a = failure(404, "api.not_found", "no such resource; see docs/transports/http-api.md");
    a.close = has_body(req);
    return a;
  }
  const bool post = route->kind == ApiPath::Kind::documents;
  if (req.getMethod() != (post ? "POST" : "GET")) {
    Answer a = failure(405, "api.method", std::string("use ") + (post ? "POST" : "GET") + " here");
    a.headers.emplace_back("Allow", post ? "POST" : "GET");
    a.close = has_body(req);
    return a;
  }
  // One answer for "no such partner" and "wrong key": the API does not say which partners exist.
  const std::string key = bearer_of(req);
  if (key.empty() || !keys_.authenticates(route->partner, key)) {
    Answer a = failure(401, "api.unauthorized",
                       key.empty() ? "send the partner's API key as Authorization: Bearer <key>"
                                   : "the API key is not valid for this partner");
    a.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"edigate\"");
    a.close = has_body(req);
    if (!key.empty()) host_.log(LogLevel::warn, "api.unauthorized", route->partner, "wrong API key");
    return a;
  }
  if (auto wait = limiter_.take(route->partner); wait.count() > 0) {
    Answer a = failure(429, "api.rate_limited",
                       "more than " + std::to_string(settings_.rate) + " requests per second; retry after " +
                           std::to_string(wait.count()) + " s");
    a.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    a.close = has_body(req);
    return a;
  }
  return post ? post_document(req, route->partner) : get_status(route->partner, route->input_id);
}

SupplierApi::Answer SupplierApi::post_document(HTTPServerRequest& req, const std::string& partner) {
  const std::string limit = std::to_string(settings_.max_bytes);
  auto too_large = [&] {
    Answer a = failure(413, "api.body.too_large", "the document is over the limit of " + limit + " bytes");
    a.close = true;
    return a;
  };
  if (req.hasContentLength() && static_cast<std::uint64_t>(req.getContentLength64()) > settings_.max_bytes)
    return too_large();

  ReceivedDocument doc;
  doc.partner = partner;
  doc.transport = "http-api";
  const std::string type = req.get("X-Edigate-Type", "");
  if (!type.empty()) {
    if (!type_name(type)) {
      Answer a = failure(400, "api.type.invalid", "X-Edigate-Type is not a canonical type name");
      a.close = has_body(req);
      return a;
    }
    if (media_type(req.getContentType()) != "application/json") {
      Answer a = failure(415, "api.media_type", "canonical JSON is sent as Content-Type: application/json");
      a.close = has_body(req);
      return a;
    }
    doc.content = "canonical:" + type;
  }
  const std::string idempotency = req.get("Idempotency-Key", "");
  if (!idempotency.empty() && !idempotency_key(idempotency)) {
    Answer a = failure(400, "api.idempotency_key", "Idempotency-Key must be 1 to 128 printable characters");
    a.close = has_body(req);
    return a;
  }
  if (host_.intake_capacity() == 0) {
    Answer a = failure(503, "api.busy", "the gateway is not taking documents right now; retry later");
    a.headers.emplace_back("Retry-After", "30");
    a.close = has_body(req);
    return a;
  }
  auto body =
      read_message_body(req.stream(), req.hasContentLength() ? req.getContentLength64() : -1, settings_.max_bytes);
  if (body.end == MessageBody::End::too_large) return too_large();
  if (body.end == MessageBody::End::timed_out || body.end == MessageBody::End::cut_off) {
    // What arrived is not the document: keeping it would process (and acknowledge) a fragment.
    host_.log(LogLevel::warn, "api.body.incomplete", partner, body.why);
    const bool timed_out = body.end == MessageBody::End::timed_out;
    Answer a = failure(timed_out ? 408 : 400, timed_out ? "api.body.timeout" : "api.body.incomplete",
                       body.why + "; nothing was kept, send the document again");
    a.close = true;
    return a;
  }
  if (body.bytes.empty()) return failure(400, "api.body.empty", "the request has no document");
  doc.bytes = std::move(body.bytes);
  // Same key (or, without one, the same bytes) from the same partner within the gateway's
  // duplicate window is a repeat: recorded, not processed again.
  doc.remote_id = partner + "/" + (idempotency.empty() ? "body" : "key:" + idempotency);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  doc.file_name = "api-" + std::to_string(ms) + "-" + std::to_string(++sequence_) + (type.empty() ? ".edi" : ".json");

  auto receipt = host_.intake(doc);
  if (!receipt) {
    const Error& e = receipt.error();
    if (e.category == ErrorCategory::invalid_input)
      return failure(400, e.code, e.message, e.position.element_ref, !doc.content.empty());
    if (e.category == ErrorCategory::transient) {
      host_.log(LogLevel::warn, "api.intake.failed", partner, e.to_string());
      Answer a = failure(503, "api.unavailable", "the gateway cannot store documents right now; nothing was kept");
      a.headers.emplace_back("Retry-After", "30");
      return a;
    }
    host_.log(LogLevel::error, "api.intake.failed", partner, e.to_string());
    return failure(500, "api.intake.failed", "the gateway could not take the document (see its log)");
  }
  ++accepted_;
  const std::int64_t id = receipt->duplicate ? receipt->duplicate_of : receipt->input_id;
  Answer a;
  a.status = 202;
  a.body->set("input_id", id);
  a.body->set("duplicate", receipt->duplicate);
  a.body->set("status_url", document_path(partner, id));
  a.headers.emplace_back("Location", document_path(partner, id));
  host_.log(LogLevel::info, receipt->duplicate ? "api.duplicate" : "api.accepted", partner,
            doc.file_name + " (" + std::to_string(doc.bytes.size()) + " bytes) as input " +
                std::to_string(receipt->input_id));
  return a;
}

SupplierApi::Answer SupplierApi::get_status(const std::string& partner, std::int64_t input_id) {
  auto status = host_.status(input_id);
  // Another partner's document is as unknown as one that does not exist.
  if (!status || status->partner != partner) {
    if (!status && status.error().category == ErrorCategory::transient) {
      Answer a = failure(503, "api.unavailable", "the gateway cannot read document status right now");
      a.headers.emplace_back("Retry-After", "30");
      return a;
    }
    return failure(404, "api.document.unknown", "no document " + std::to_string(input_id) + " of this partner");
  }
  Answer a;
  a.body->set("input_id", status->input_id);
  a.body->set("partner", status->partner);
  a.body->set("state", status->state);
  Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
  for (const auto& m : status->message_ids) messages->add(m);
  a.body->set("message_ids", messages);
  if (!status->ack_type.empty()) {
    Poco::JSON::Object::Ptr ack = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    ack->set("type", status->ack_type);
    ack->set("document", status->ack_document);
    a.body->set("acknowledgement", ack);
  } else {
    a.body->set("acknowledgement", Poco::Dynamic::Var());
  }
  return a;
}

}  // namespace edigate::http
