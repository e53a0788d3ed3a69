// The admin API over real HTTP on 127.0.0.1 (port 0) with a small in-test backend.
#include "api/admin_server.hpp"
#include "api/bearer_auth.hpp"

#include "temp_dir.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

using namespace edigate;
using namespace edigate::api;
using Poco::JSON::Object;

namespace {

const std::string kToken = "s3cret-token-for-tests";

// Answers from fixed data and records what it was asked, so tests see parameters pass through.
class TestBackend : public AdminBackend {
 public:
  ReadyState ready_state{true, ""};
  MessageFilter last_filter;
  std::string last_outbound_body, last_outbound_partner, last_replay;
  int list_calls = 0;

  ReadyState ready() override { return ready_state; }
  std::string metrics_text() override { return "# TYPE edigate_up gauge\nedigate_up 1\n"; }
  Result<MessagePage> list_messages(const MessageFilter& f) override {
    std::lock_guard lock(mutex_);
    ++list_calls;
    last_filter = f;
    if (f.status == "broken")
      return Error("store.query.failed", "disk I/O error at /var/lib/x.db").as(ErrorCategory::internal);
    if (f.since == "yesterday")
      return Error("admin.since.invalid", "since must be RFC 3339").want("2026-12-01T00:00:00Z", f.since);
    MessagePage page;
    page.items.push_back({"m-1", "acme-retail", "purchase_order", "inbound", "delivered", "c-1", "2026-12-03T10:00:00Z",
                          "2026-12-03T10:00:01Z"});
    if (f.cursor.empty()) page.next_cursor = "after:m-1";
    return page;
  }
  Result<MessageDetail> get_message(const std::string& id) override {
    if (id != "m-1") return Error("store.message.not_found", "no message " + id);
    MessageDetail d;
    d.metadata = {"m-1", "acme-retail", "purchase_order", "inbound", "delivered", "c-1", "t0", "t1"};
    d.canonical_json = R"({"schema":"edigate.canonical/v1","type":"purchase_order","po_number":"4500012345"})";
    d.raw_link = "raw/ab/abcdef.edi";
    d.events = {{"t0", "received", "ok", ""}, {"t1", "delivered", "ok", "erp: HTTP 200"}};
    return d;
  }
  Result<ReplayResult> replay(const std::string& id) override {
    std::lock_guard lock(mutex_);
    last_replay = id;
    if (id == "busy") return Error("pipeline.replay.conflict", "a replay is already queued");
    if (id == "unknown") return Error("store.message.not_found", "no message unknown");
    return ReplayResult{id, "routed"};
  }
  Result<ReplayResult> replay_outbound(const std::string& id) override {
    std::lock_guard lock(mutex_);
    last_replay = "outbound:" + id;
    if (id == "7") return Error("pipeline.replay.conflict", "outbound document 7 awaits its asynchronous MDN");
    return ReplayResult{id, "queued"};
  }
  Result<OutboundResult> submit_outbound(std::string_view json, const std::string& partner) override {
    std::lock_guard lock(mutex_);
    last_outbound_body = std::string(json);
    last_outbound_partner = partner;
    OutboundResult r;
    if (json.find("\"quantity\":\"x\"") != std::string_view::npos) {
      r.rejected =
          OutboundRejection{"canonical.schema.invalid", "quantity must be a decimal string", "/lines/0/quantity"};
      return r;
    }
    if (partner == "down") return Error("store.busy", "database is locked").as(ErrorCategory::transient);
    r.accepted_ids = {"o-1", "o-2"};
    return r;
  }
  Result<std::vector<DeadLetter>> list_dead_letters() override {
    return std::vector<DeadLetter>{{"m-9", "eurofood", "invoice", "erp", 10, "HTTP 500", "2026-12-03T11:00:00Z"}};
  }
  Result<std::vector<OverdueAck>> list_overdue_acks() override {
    return std::vector<OverdueAck>{{"acme-retail", "000000042", "42", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"}};
  }
  Result<std::vector<TransportState>> list_transports() override {
    TransportState t;
    t.kind = "endpoint";
    t.partner = "acme";
    t.name = "main";
    t.type = "sftp";
    t.polls = true;
    t.sends = "documents";
    t.ok = false;
    t.detail = "connection refused";
    return std::vector<TransportState>{t};
  }

 private:
  std::mutex mutex_;
};

struct Reply {
  int status = 0;
  std::string body;
  std::string content_type;
  Poco::Net::HTTPResponse headers;
  Object::Ptr json() const {
    Poco::JSON::Parser p;
    return p.parse(body).extract<Object::Ptr>();
  }
  // {"error":{"code":...}} -> code
  std::string error_code() const { return json()->getObject("error")->getValue<std::string>("code"); }
};

struct Server {
  TestBackend backend;
  AdminServer server;
  std::uint16_t port = 0;
  explicit Server(std::uint64_t max_body = 1 << 20) : server(options(max_body), backend) {
    auto p = server.start();
    INFO((p ? "" : p.error().to_string()));
    REQUIRE(p);
    port = *p;
  }
  static AdminServerOptions options(std::uint64_t max_body) {
    AdminServerOptions o;
    o.listen = {"127.0.0.1", 0};
    o.token = kToken;
    o.max_body_bytes = max_body;
    o.threads = 2;
    return o;
  }
  Reply call(const std::string& method, const std::string& uri, const std::string& body = {},
             const std::string& token = kToken, bool chunked = false) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) req.set("Authorization", "Bearer " + token);
    if (chunked)
      req.setChunkedTransferEncoding(true);
    else if (!body.empty() || method == "POST")
      req.setContentLength64(static_cast<Poco::Int64>(body.size()));
    std::ostream& out = session.sendRequest(req);
    out << body;
    Reply r;
    std::istream& in = session.receiveResponse(r.headers);
    Poco::StreamCopier::copyToString(in, r.body);
    r.status = r.headers.getStatus();
    r.content_type = r.headers.getContentType();
    return r;
  }
};

}  // namespace

TEST_CASE("the admin server reports the port it bound when asked for port 0", "[api][http]") {
  Server s;
  CHECK(s.port != 0);
  CHECK(s.server.port() == s.port);
  auto r = s.call("GET", "/healthz", {}, "");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"status":"ok"})");
  CHECK(r.content_type == "application/json");
}

TEST_CASE("/healthz and /readyz need no token, /readyz says why it is not ready", "[api][http]") {
  Server s;
  CHECK(s.call("GET", "/readyz", {}, "").body == R"({"status":"ready"})");
  s.backend.ready_state = {false, "store migrating"};
  auto r = s.call("GET", "/readyz", {}, "");
  CHECK(r.status == 503);
  CHECK(r.body == R"({"status":"not_ready","reason":"store migrating"})");
}

TEST_CASE("every other endpoint needs the bearer token", "[api][http][auth]") {
  Server s;
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/metrics"},
                                                        {"GET", "/api/v1/messages"},
                                                        {"GET", "/api/v1/messages/m-1"},
                                                        {"POST", "/api/v1/messages/m-1/replay"},
                                                        {"POST", "/api/v1/outbound"},
                                                        {"POST", "/api/v1/outbound/1/replay"},
                                                        {"GET", "/api/v1/dead-letters"},
                                                        {"GET", "/api/v1/acks/overdue"},
                                                        {"GET", "/api/v1/transports"},
                                                        {"GET", "/no/such/path"}}) {
    INFO(method << " " << path);
    auto none = s.call(method, path, {}, "");
    CHECK(none.status == 401);
    CHECK(none.error_code() == "admin.unauthorized");
    CHECK(none.headers.get("WWW-Authenticate", "") == "Bearer realm=\"edigate\"");
    auto wrong = s.call(method, path, {}, kToken + "x");
    CHECK(wrong.status == 401);
    CHECK(wrong.json()->getObject("error")->getValue<std::string>("message") == "the bearer token is not valid");
    auto prefix = s.call(method, path, {}, kToken.substr(0, 5));
    CHECK(prefix.status == 401);
  }
  CHECK(s.backend.list_calls == 0);  // the backend was never reached
  CHECK(s.backend.last_replay.empty());
}

TEST_CASE("/metrics serves the backend's Prometheus text", "[api][http]") {
  Server s;
  auto r = s.call("GET", "/metrics");
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(r.body == "# TYPE edigate_up gauge\nedigate_up 1\n");
}

TEST_CASE("message listing passes filters and paging through and returns the next cursor", "[api][http]") {
  Server s;
  auto r = s.call("GET",
                  "/api/v1/messages?partner=acme-retail&type=invoice&status=delivered"
                  "&since=2026-12-01T00%3A00%3A00Z&limit=25&cursor=abc%2F1");
  REQUIRE(r.status == 200);
  CHECK(s.backend.last_filter.partner == "acme-retail");
  CHECK(s.backend.last_filter.type == "invoice");
  CHECK(s.backend.last_filter.status == "delivered");
  CHECK(s.backend.last_filter.since == "2026-12-01T00:00:00Z");
  CHECK(s.backend.last_filter.limit == 25);
  CHECK(s.backend.last_filter.cursor == "abc/1");
  CHECK(r.body == R"({"items":[{"id":"m-1","partner":"acme-retail","type":"purchase_order","direction":"inbound",)"
                  R"("status":"delivered","correlation_id":"c-1","received_at":"2026-12-03T10:00:00Z",)"
                  R"("updated_at":"2026-12-03T10:00:01Z"}],"next_cursor":null})");

  auto first = s.call("GET", "/api/v1/messages");
  CHECK(first.json()->getValue<std::string>("next_cursor") == "after:m-1");
  CHECK(s.backend.last_filter.limit == kDefaultPageLimit);
  CHECK(s.backend.last_filter.partner.empty());
}

TEST_CASE("a bad page limit is a 400 naming the limit", "[api][http]") {
  Server s;
  for (const char* bad : {"0", "1001", "ten", "5x", "-1", ""}) {
    INFO(bad);
    auto r = s.call("GET", std::string("/api/v1/messages?limit=") + bad);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "admin.query.invalid");
  }
  CHECK(s.call("GET", "/api/v1/messages?limit=1000").status == 200);
  CHECK(s.backend.list_calls == 1);
}

TEST_CASE("backend errors map to 400, 404, 409, 503 and a 500 that hides the detail", "[api][http]") {
  Server s;
  auto bad = s.call("GET", "/api/v1/messages?since=yesterday");
  CHECK(bad.status == 400);
  CHECK(bad.error_code() == "admin.since.invalid");
  CHECK(bad.json()->getObject("error")->getValue<std::string>("message") ==
        "since must be RFC 3339: expected 2026-12-01T00:00:00Z, found \"yesterday\"");

  auto missing = s.call("GET", "/api/v1/messages/m-404");
  CHECK(missing.status == 404);
  CHECK(missing.body == R"({"error":{"code":"store.message.not_found","message":"no message m-404"}})");

  CHECK(s.call("POST", "/api/v1/messages/busy/replay").status == 409);
  CHECK(s.call("POST", "/api/v1/messages/unknown/replay").status == 404);
  CHECK(s.call("POST", "/api/v1/outbound?partner=down", "{}").status == 503);

  auto internal = s.call("GET", "/api/v1/messages?status=broken");
  CHECK(internal.status == 500);
  CHECK(internal.body ==
        R"j({"error":{"code":"store.query.failed","message":"internal error (see the gateway log)"}})j");
}

TEST_CASE("a 500 hides its detail from the client and logs it, the bound address is logged", "[api][http][log]") {
  test::TempDir dir("admin-log");
  auto log = log::JsonLog::open_file(dir.path / "admin.log");
  REQUIRE(log);
  TestBackend backend;
  AdminServerOptions o = Server::options(1 << 20);
  o.log = log->get();
  AdminServer server(o, backend);
  auto port = server.start();
  REQUIRE(port);
  Poco::Net::HTTPClientSession session("127.0.0.1", *port);
  Poco::Net::HTTPRequest req("GET", "/api/v1/messages?status=broken", Poco::Net::HTTPMessage::HTTP_1_1);
  req.set("Authorization", "Bearer " + kToken);
  session.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
  CHECK(resp.getStatus() == 500);
  CHECK(body.find("disk I/O") == std::string::npos);
  server.stop();

  std::ifstream in(dir.path / "admin.log");
  std::string started, failed;
  std::getline(in, started);
  std::getline(in, failed);
  CHECK(started.find(R"("event":"admin.listening")") != std::string::npos);
  CHECK(started.find("http://127.0.0.1:" + std::to_string(*port)) != std::string::npos);
  CHECK(failed.find(R"("level":"error","event":"admin.request.failed","component":"api:admin")") != std::string::npos);
  CHECK(failed.find("GET /api/v1/messages?status=broken: disk I/O error at /var/lib/x.db") != std::string::npos);
  CHECK(failed.find("[store.query.failed]") != std::string::npos);
}

TEST_CASE("concurrent clients are all answered", "[api][http]") {
  Server s;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t)
    clients.emplace_back([&] {
      for (int i = 0; i < 30; ++i)
        if (s.call("GET", "/api/v1/messages?limit=5").status == 200) ++ok;
    });
  for (auto& c : clients) c.join();
  CHECK(ok == 180);
  CHECK(s.backend.list_calls == 180);
}

TEST_CASE("one message comes with its canonical body, raw link and events", "[api][http]") {
  Server s;
  auto r = s.call("GET", "/api/v1/messages/m-1");
  REQUIRE(r.status == 200);
  auto obj = r.json();
  CHECK(obj->getObject("message")->getValue<std::string>("id") == "m-1");
  CHECK(obj->getObject("canonical")->getValue<std::string>("po_number") == "4500012345");
  CHECK(obj->getValue<std::string>("raw") == "raw/ab/abcdef.edi");
  auto events = obj->getArray("events");
  REQUIRE(events->size() == 2);
  CHECK(events->getObject(1)->getValue<std::string>("detail") == "erp: HTTP 200");
  CHECK(events->getObject(0)->getValue<std::string>("stage") == "received");
}

TEST_CASE("replay is a POST to the message's replay resource", "[api][http]") {
  Server s;
  auto r = s.call("POST", "/api/v1/messages/m-7/replay");
  CHECK(r.status == 202);
  CHECK(r.body == R"({"id":"m-7","status":"routed"})");
  CHECK(s.backend.last_replay == "m-7");
}

TEST_CASE("a partner document is sent again by a POST to its outbound replay resource", "[api][http]") {
  Server s;
  auto r = s.call("POST", "/api/v1/outbound/42/replay");
  CHECK(r.status == 202);
  CHECK(r.body == R"({"id":"42","status":"queued"})");
  CHECK(s.backend.last_replay == "outbound:42");
  auto awaiting = s.call("POST", "/api/v1/outbound/7/replay");
  CHECK(awaiting.status == 409);
  CHECK(awaiting.error_code() == "pipeline.replay.conflict");
  CHECK(s.call("GET", "/api/v1/outbound/42/replay").status == 405);
  CHECK(s.call("POST", "/api/v1/outbound/42/replay", "", "").status == 401);
}

TEST_CASE("an outbound submission is accepted with its ids or refused naming the JSON pointer", "[api][http]") {
  Server s;
  const std::string doc = R"({"schema":"edigate.canonical/v1","type":"invoice"})";
  auto ok = s.call("POST", "/api/v1/outbound?partner=acme-retail", doc);
  CHECK(ok.status == 202);
  CHECK(ok.body == R"({"accepted":["o-1","o-2"]})");
  CHECK(s.backend.last_outbound_body == doc);
  CHECK(s.backend.last_outbound_partner == "acme-retail");

  auto bad = s.call("POST", "/api/v1/outbound", R"({"lines":[{"quantity":"x"}]})");
  CHECK(bad.status == 400);
  CHECK(bad.body == R"({"error":{"code":"canonical.schema.invalid","message":"quantity must be a decimal string",)"
                    R"("pointer":"/lines/0/quantity"}})");
  CHECK(s.backend.last_outbound_partner.empty());

  auto empty = s.call("POST", "/api/v1/outbound", "");
  CHECK(empty.status == 400);
  CHECK(empty.error_code() == "admin.body.empty");

  auto chunked = s.call("POST", "/api/v1/outbound", doc, kToken, /*chunked=*/true);
  CHECK(chunked.status == 202);
  CHECK(s.backend.last_outbound_body == doc);
}

TEST_CASE("a body over the limit is a 413, by Content-Length or while reading a chunked body", "[api][http]") {
  Server s(1024);
  const std::string big(1025, 'x');
  auto by_length = s.call("POST", "/api/v1/outbound", big);
  CHECK(by_length.status == 413);
  CHECK(by_length.error_code() == "admin.body.too_large");
  auto by_chunks = s.call("POST", "/api/v1/outbound", big, kToken, /*chunked=*/true);
  CHECK(by_chunks.status == 413);
  CHECK(s.backend.last_outbound_body.empty());                                           // never reached the backend
  CHECK(s.call("POST", "/api/v1/outbound", std::string(1024, ' ') + "").status == 400);  // at the limit: read
}

TEST_CASE("a submission whose connection drops before its Content-Length is read never reaches the backend",
          "[api][http]") {
  Server s;
  const std::string doc = R"({"schema":"edigate.canonical/v1","type":"invoice"})";
  auto raw = [&](const std::string& head_and_body) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", s.port));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    const std::string request =
        "POST /api/v1/outbound?partner=acme-retail HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer " +
        std::string(kToken) + "\r\n" + head_and_body;
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    socket.shutdownSend();  // the client goes away
    std::string answer;
    char buf[4096];
    for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
    return answer;
  };
  const std::string half = doc.substr(0, doc.size() / 2);
  const std::string by_length = raw("Content-Length: " + std::to_string(doc.size()) + "\r\n\r\n" + half);
  CHECK(by_length.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(by_length.find("admin.body.incomplete") != std::string::npos);
  CHECK(s.backend.last_outbound_body.empty());
  CHECK(s.backend.last_outbound_partner.empty());
}

TEST_CASE("dead letters and overdue acknowledgements are listed", "[api][http]") {
  Server s;
  auto dead = s.call("GET", "/api/v1/dead-letters");
  CHECK(dead.status == 200);
  CHECK(dead.body == R"({"items":[{"message_id":"m-9","partner":"eurofood","type":"invoice","destination":"erp",)"
                     R"("last_error":"HTTP 500","dead_at":"2026-12-03T11:00:00Z","attempts":10}]})");
  auto acks = s.call("GET", "/api/v1/acks/overdue");
  CHECK(acks.status == 200);
  CHECK(acks.body == R"({"items":[{"partner":"acme-retail","interchange_control":"000000042","group_control":"42",)"
                     R"("sent_at":"2026-12-01T00:00:00Z","due_at":"2026-12-02T00:00:00Z"}]})");
  auto transports = s.call("GET", "/api/v1/transports");
  CHECK(transports.status == 200);
  CHECK(transports.body == R"({"items":[{"kind":"endpoint","partner":"acme","name":"main","type":"sftp","address":"",)"
                           R"("sends":"documents","detail":"connection refused","polls":true,"ok":false}]})");
}

TEST_CASE("unknown paths are 404 and wrong methods 405 with Allow", "[api][http]") {
  Server s;
  auto missing = s.call("GET", "/api/v2/messages");
  CHECK(missing.status == 404);
  CHECK(missing.error_code() == "admin.not_found");
  auto wrong = s.call("DELETE", "/api/v1/messages/m-1");
  CHECK(wrong.status == 405);
  CHECK(wrong.error_code() == "admin.method_not_allowed");
  CHECK(wrong.headers.get("Allow", "") == "GET");
  auto get_replay = s.call("GET", "/api/v1/messages/m-1/replay");
  CHECK(get_replay.status == 405);
  CHECK(get_replay.headers.get("Allow", "") == "POST");
  CHECK(s.call("POST", "/healthz", "", "").status == 405);
}

TEST_CASE("the server refuses to start without a token or on a taken port", "[api][http]") {
  TestBackend backend;
  AdminServerOptions o;
  o.listen = {"127.0.0.1", 0};
  AdminServer no_token(o, backend);
  auto r = no_token.start();
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "admin.token.missing");

  Server first;
  o.token = kToken;
  o.listen.port = first.port;
  AdminServer second(o, backend);
  // SO_REUSEADDR does not let two listeners share a port on Linux.
  auto taken = second.start();
  REQUIRE_FALSE(taken);
  CHECK(taken.error().code == "admin.listen.failed");
  CHECK(taken.error().message.find("127.0.0.1:" + std::to_string(first.port)) != std::string::npos);
}
