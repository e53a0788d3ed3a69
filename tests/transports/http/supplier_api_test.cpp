// The supplier API over real HTTP on 127.0.0.1: the http plugin loaded from build/plugins as the
// gateway loads it, partner endpoints and the listener configured through the host's option
// checks (secrets resolved from files), a real SQLite store behind GatewayTransportHost, and the
// real process stage turning what was posted into messages and a 997.
#include "http_fixture.hpp"
#include "stage_harness.hpp"
#include "temp_dir.hpp"

#include "io/sha256.hpp"
#include "pipeline/process_stage.hpp"
#include "runtime/runtime.hpp"
#include "store/store.hpp"
#include "transport_host/endpoint_config.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <http/http_endpoint.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/StreamSocket.h>
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <cstdlib>

using namespace edigate;
namespace fs = std::filesystem;

namespace {

std::string key_of(const std::string& partner) { return "key-for-" + partner + "-0123456789"; }

/// The example partners' runtime, a store, the http plugin's listener and one API endpoint for
/// each of acme-retail and globex-foods (each with its own key, its hash in a file).
struct Api {
  test::TempDir dir{"http-api"};
  fs::path data = dir.path / "data";
  std::unique_ptr<runtime::Runtime> runtime;
  std::unique_ptr<store::Store> store;
  pipeline::RouteTable routes{test::erp_for_everything(data)};
  std::unique_ptr<pipeline::StageContext> ctx;
  std::unique_ptr<transport_host::GatewayTransportHost> host;
  std::shared_ptr<TransportPlugin> plugin;
  std::vector<std::unique_ptr<TransportEndpoint>> endpoints;
  std::unique_ptr<TransportListener> listener;
  std::string address;

  explicit Api(std::map<std::string, std::string> listener_options = {}) {
    runtime::RuntimeOptions o;
    o.plugin_dirs = {fs::path(EDIGATE_BUILD_DIR) / "plugins"};
    o.schema_dirs = {fs::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"};
    o.partners_dir = fs::path(EDIGATE_SOURCE_DIR) / "partners";
    o.maps_dir = fs::path(EDIGATE_SOURCE_DIR) / "maps";
    std::vector<Error> warnings;
    auto rt = runtime::Runtime::open(o, warnings);
    REQUIRE(rt.ok());
    runtime = std::move(rt).value();
    store::StoreOptions so;
    so.busy_timeout_ms = 200;
    auto st = store::open_sqlite_store(data, so);
    REQUIRE(st.ok());
    store = std::move(st).value();
    ctx.reset(new pipeline::StageContext{*runtime, *store, routes, data, {}});
    host = std::make_unique<transport_host::GatewayTransportHost>(*store, nullptr, nullptr, 1000, nullptr);
    plugin = runtime->plugins().transport("http");
    REQUIRE(plugin);
    for (const char* partner : {"acme-retail", "globex-foods"}) open_api_endpoint(partner);

    gateway_config::GatewayConfig gateway;
    gateway.file = dir.path / "gateway.xml";
    gateway.data_dir = data;
    gateway_config::Listener l{"http", std::move(listener_options), 1};
    l.options["listen"] = "127.0.0.1:0";
    auto config = transport_host::listener_config(l, plugin->spec(), gateway);
    INFO((config ? "" : config.error().to_string()));
    REQUIRE(config.ok());
    auto started = plugin->listen(*config, *host);
    INFO((started ? "" : started.error().to_string()));
    REQUIRE(started.ok());
    listener = std::move(*started);
    address = listener->address();
  }
  ~Api() {
    if (listener) listener->stop();
    for (auto& e : endpoints) e->stop();
  }

  void open_api_endpoint(const std::string& partner) {
    partners::Profile profile;
    profile.id = partner;
    profile.folder = dir.path / "partners" / partner;
    profile.file = profile.folder / "partner.xml";
    fs::create_directories(profile.folder);
    std::ofstream(profile.folder / "api-key.sha256") << io::sha256_hex(key_of(partner)) << "\n";
    partners::Endpoint api;
    api.kind = "http";
    api.name = "api";
    api.settings["api-key-sha256"] = "file:api-key.sha256";
    auto config = transport_host::endpoint_config(profile, api, nullptr, plugin->spec(), data);
    INFO((config ? "" : config.error().to_string()));
    REQUIRE(config.ok());
    auto opened = plugin->open(*config, *host);
    INFO((opened ? "" : opened.error().to_string()));
    REQUIRE(opened.ok());
    endpoints.push_back(std::move(*opened));
  }

  test::HttpAnswer post(const std::string& partner, const std::string& body, std::map<std::string, std::string> headers,
                        const std::string& key) {
    if (!key.empty()) headers["Authorization"] = "Bearer " + key;
    return test::http_call(address, {"POST", "/api/v1/partners/" + partner + "/documents", body, headers});
  }
  test::HttpAnswer post(const std::string& partner, const std::string& body) {
    return post(partner, body, {{"Content-Type", "application/edi-x12"}}, key_of(partner));
  }
  test::HttpAnswer status(const std::string& partner, std::int64_t id, const std::string& as = "") {
    return test::http_call(address, {"GET",
                                     "/api/v1/partners/" + partner + "/documents/" + std::to_string(id),
                                     "",
                                     {{"Authorization", "Bearer " + key_of(as.empty() ? partner : as)}}});
  }

  int drain_inputs() { return test::drain_inputs(*store, *ctx); }
  std::int64_t inputs() { return store->check().value().inputs; }
};

}  // namespace

TEST_CASE("raw EDI posted with the partner's key is stored, processed, and its status shows the 997", "[http][api]") {
  Api api;
  auto posted = api.post("acme-retail", test::acme_850());
  INFO(posted.body);
  REQUIRE(posted.status == 202);
  const auto id = posted.json()->getValue<std::int64_t>("input_id");
  CHECK(posted.header("Location") == "/api/v1/partners/acme-retail/documents/" + std::to_string(id));
  CHECK_FALSE(posted.json()->getValue<bool>("duplicate"));
  auto input = api.store->input(id);
  REQUIRE(input.ok());
  CHECK(input.value().partner_hint == "acme-retail");
  CHECK(input.value().transport == "http-api");
  CHECK(api.store->input_bytes(id).value() == test::acme_850());

  auto before = api.status("acme-retail", id);
  REQUIRE(before.status == 200);
  CHECK(before.json()->getValue<std::string>("state") == "received");
  CHECK(before.json()->get("acknowledgement").isEmpty());

  CHECK(api.drain_inputs() == 1);
  auto after = api.status("acme-retail", id);
  INFO(after.body);
  REQUIRE(after.status == 200);
  auto json = after.json();
  CHECK(json->getValue<std::string>("state") == "processed");
  CHECK(json->getArray("message_ids")->size() == 2);
  auto ack = json->getObject("acknowledgement");
  REQUIRE(ack);
  CHECK(ack->getValue<std::string>("type") == "997");
  CHECK_THAT(ack->getValue<std::string>("document"), Catch::Contains("ST*997*"));
}

TEST_CASE("the same document posted again is a recorded duplicate pointing at the first", "[http][api]") {
  Api api;
  auto first = api.post("acme-retail", test::acme_850());
  REQUIRE(first.status == 202);
  auto again = api.post("acme-retail", test::acme_850());
  REQUIRE(again.status == 202);
  CHECK(again.json()->getValue<bool>("duplicate"));
  CHECK(again.json()->getValue<std::int64_t>("input_id") == first.json()->getValue<std::int64_t>("input_id"));
  CHECK(api.drain_inputs() == 1);  // one processing, not two
}

TEST_CASE("another partner's document, or one that does not exist, is 404", "[http][api]") {
  Api api;
  auto posted = api.post("acme-retail", test::acme_850());
  REQUIRE(posted.status == 202);
  const auto id = posted.json()->getValue<std::int64_t>("input_id");
  auto foreign = api.status("globex-foods", id);
  CHECK(foreign.status == 404);
  CHECK(foreign.json()->getObject("error")->getValue<std::string>("code") == "api.document.unknown");
  CHECK(foreign.body.find("ISA") == std::string::npos);
  CHECK(api.status("acme-retail", id + 1000).status == 404);
  // A partner's key does not open another partner's path either.
  CHECK(api.status("acme-retail", id, "globex-foods").status == 401);
}

TEST_CASE("a missing or wrong API key is 401 and nothing is stored", "[http][api]") {
  Api api;
  auto none = api.post("acme-retail", test::acme_850(), {}, "");
  CHECK(none.status == 401);
  CHECK(none.header("WWW-Authenticate") == "Bearer realm=\"edigate\"");
  CHECK(none.json()->getObject("error")->getValue<std::string>("code") == "api.unauthorized");
  CHECK(api.post("acme-retail", test::acme_850(), {}, "not-the-key").status == 401);
  CHECK(api.post("acme-retail", test::acme_850(), {}, key_of("globex-foods")).status == 401);
  // A partner the API does not serve answers exactly like a wrong key.
  auto unknown = api.post("initech", test::acme_850(), {}, key_of("initech"));
  CHECK(unknown.status == 401);
  CHECK(unknown.body == api.post("acme-retail", test::acme_850(), {}, "not-the-key").body);
  CHECK(api.inputs() == 0);
}

TEST_CASE(
    "canonical JSON is accepted with its type header, and invalid JSON is 400 naming the field with nothing stored",
    "[http][api]") {
  Api api;
  const std::map<std::string, std::string> canonical = {{"Content-Type", "application/json"},
                                                        {"X-Edigate-Type", "purchase_order"}};
  std::string bad = test::supplier_po_json();
  bad.replace(bad.rfind("\"po_number\":\"4500012345\""), 24, "\"po_number\":4500012345");
  auto refused = api.post("acme-retail", bad, canonical, key_of("acme-retail"));
  INFO(refused.body);
  REQUIRE(refused.status == 400);
  auto error = refused.json()->getObject("error");
  CHECK(error->getValue<std::string>("code") == "canonical.schema.invalid");
  CHECK(error->getValue<std::string>("field") == "/po_number");
  CHECK_THAT(error->getValue<std::string>("message"), Catch::StartsWith("/po_number"));

  auto impostor = api.post("acme-retail", test::supplier_po_json("globex-foods"), canonical, key_of("acme-retail"));
  CHECK(impostor.status == 400);
  CHECK(impostor.json()->getObject("error")->getValue<std::string>("field") == "/partner_id");
  auto not_json = api.post("acme-retail", "{\"schema\":", canonical, key_of("acme-retail"));
  CHECK(not_json.status == 400);
  auto wrong_media =
      api.post("acme-retail", test::supplier_po_json(),
               {{"Content-Type", "text/plain"}, {"X-Edigate-Type", "purchase_order"}}, key_of("acme-retail"));
  CHECK(wrong_media.status == 415);
  CHECK(api.inputs() == 0);

  auto accepted = api.post("acme-retail", test::supplier_po_json(), canonical, key_of("acme-retail"));
  INFO(accepted.body);
  REQUIRE(accepted.status == 202);
  const auto id = accepted.json()->getValue<std::int64_t>("input_id");
  CHECK(api.store->input(id).value().content == "canonical:purchase_order");
  CHECK(api.drain_inputs() == 1);
  auto status = api.status("acme-retail", id).json();
  CHECK(status->getValue<std::string>("state") == "processed");
  REQUIRE(status->getArray("message_ids")->size() == 1);
  auto message = api.store->message(status->getArray("message_ids")->getElement<std::string>(0));
  REQUIRE(message.ok());
  CHECK(message.value().type == "purchase_order");
  CHECK(message.value().partner == "acme-retail");
}

TEST_CASE("a document over max-bytes is 413, by its Content-Length and while reading a chunked body", "[http][api]") {
  Api api(std::map<std::string, std::string>{{"max-bytes", "1000"}});
  const std::string big(2000, 'x');
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + key_of("acme-retail")}};
  auto declared = test::http_call(api.address, {"POST", "/api/v1/partners/acme-retail/documents", big, auth});
  CHECK(declared.status == 413);
  CHECK(declared.json()->getObject("error")->getValue<std::string>("code") == "api.body.too_large");
  auto chunked = test::http_call(api.address, {"POST", "/api/v1/partners/acme-retail/documents", big, auth, true});
  CHECK(chunked.status == 413);
  CHECK(api.inputs() == 0);
  // At the limit is fine (the content is not EDI; the process stage rejects it, the API takes it).
  CHECK(test::http_call(api.address, {"POST", "/api/v1/partners/acme-retail/documents", std::string(1000, 'x'), auth})
            .status == 202);
}

namespace {

/// A POST of `sent` bytes of the partner's document announcing `announced` bytes, over a raw
/// socket (no client library completes or checks it); `close_early` shuts our sending side after
/// them, as a dropped connection does, else the socket just stalls. The answer's first line.
std::string post_part(const std::string& address, const std::string& sent, std::size_t announced, bool close_early) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress{address});
  socket.setReceiveTimeout(Poco::Timespan(20, 0));
  const std::string head =
      "POST /api/v1/partners/acme-retail/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Authorization: Bearer " +
      key_of("acme-retail") +
      "\r\nContent-Type: application/edi-x12\r\n"
      "Content-Length: " +
      std::to_string(announced) + "\r\n\r\n" + sent;
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  if (close_early) socket.shutdownSend();
  std::string answer;
  char buf[4096];
  for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
  return answer;
}

}  // namespace

TEST_CASE("a document whose connection drops mid-body is not kept: 400, nothing stored or acknowledged",
          "[http][api]") {
  Api api;
  const std::string edi = test::acme_850();
  const std::string answer = post_part(api.address, edi.substr(0, edi.size() / 2), edi.size(), true);
  CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(answer.find("api.body.incomplete") != std::string::npos);
  CHECK(answer.find("of the " + std::to_string(edi.size()) + " bytes its Content-Length announced") !=
        std::string::npos);
  CHECK(api.inputs() == 0);
  // The whole document sent again is taken.
  CHECK(api.post("acme-retail", edi).status == 202);
  CHECK(api.inputs() == 1);
}

TEST_CASE("a client that stalls mid-body gets 408 once the listener's timeout passes, and nothing is kept",
          "[http][api]") {
  Api api(std::map<std::string, std::string>{{"timeout-seconds", "1"}});
  const std::string edi = test::acme_850();
  const auto started = std::chrono::steady_clock::now();
  const std::string answer = post_part(api.address, edi.substr(0, 100), edi.size(), false);
  CHECK(answer.rfind("HTTP/1.1 408", 0) == 0);
  CHECK(answer.find("api.body.timeout") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK(api.inputs() == 0);
}

TEST_CASE("more requests than a partner's bucket holds are 429 with Retry-After, other partners unaffected",
          "[http][api]") {
  Api api(std::map<std::string, std::string>{{"rate", "0.5"}, {"burst", "2"}});
  CHECK(api.status("acme-retail", 1).status == 404);
  CHECK(api.status("acme-retail", 1).status == 404);
  auto limited = api.status("acme-retail", 1);
  CHECK(limited.status == 429);
  CHECK(limited.header("Retry-After") == "2");  // one token per 2 s
  CHECK(limited.json()->getObject("error")->getValue<std::string>("code") == "api.rate_limited");
  auto post = api.post("acme-retail", test::acme_850());
  CHECK(post.status == 429);
  CHECK(api.status("globex-foods", 1).status == 404);
  CHECK(api.inputs() == 0);
}

TEST_CASE("a store that cannot take the document is 503 with Retry-After, and nothing is kept", "[http][api]") {
  Api api;
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open((api.data / "edigate.db").c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto refused = api.post("acme-retail", test::acme_850());
  REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  INFO(refused.body);
  CHECK(refused.status == 503);
  CHECK(refused.header("Retry-After") == "30");
  CHECK(refused.json()->getObject("error")->getValue<std::string>("code") == "api.unavailable");
  CHECK(api.inputs() == 0);
  // The store is back: the partner's retry is taken as new, not as a duplicate.
  auto retried = api.post("acme-retail", test::acme_850());
  REQUIRE(retried.status == 202);
  CHECK_FALSE(retried.json()->getValue<bool>("duplicate"));
}

TEST_CASE("unknown paths are 404, wrong methods 405, encoded segments never reach the id checks", "[http][api]") {
  Api api;
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + key_of("acme-retail")}};
  for (const char* path : {"/", "/api/v2/partners/acme-retail/documents", "/api/v1/partners/acme-retail",
                           "/api/v1/partners/acme-retail/documents/abc", "/api/v1/partners/%2E%2E/documents",
                           "/api/v1/partners/acme-retail/documents/1/../2", "/api/v1/partners/Acme/documents"}) {
    auto a = test::http_call(api.address, {"GET", path, "", auth});
    INFO(path);
    CHECK(a.status == 404);
    CHECK(a.json()->getObject("error")->getValue<std::string>("code") == "api.not_found");
  }
  auto get_collection = test::http_call(api.address, {"GET", "/api/v1/partners/acme-retail/documents", "", auth});
  CHECK(get_collection.status == 405);
  CHECK(get_collection.header("Allow") == "POST");
  auto post_document = test::http_call(api.address, {"POST", "/api/v1/partners/acme-retail/documents/1", "x", auth});
  CHECK(post_document.status == 405);
  CHECK(api.inputs() == 0);
}

TEST_CASE("with a certificate and key the API serves HTTPS only, and an untrusted certificate is refused by a sender",
          "[http][api][tls]") {
  test::TempDir certs("http-tls");
  const fs::path cert = certs.path / "api.pem", key = certs.path / "api.key";
  const std::string make =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "
      "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
      key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(make.c_str()) == 0);
  Api api(std::map<std::string, std::string>{{"tls-certificate", cert.string()}, {"tls-key", key.string()}});
  Poco::Net::initializeSSL();

  // A client trusting exactly this certificate talks to it.
  Poco::Net::Context::Ptr trusting = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "", cert.string(),
                                                            Poco::Net::Context::VERIFY_RELAXED, 9, false);
  Poco::Net::SocketAddress where(api.address);
  Poco::Net::HTTPSClientSession session(where.host().toString(), where.port(), trusting);
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest req("GET", "/api/v1/partners/acme-retail/documents/1", Poco::Net::HTTPMessage::HTTP_1_1);
  req.set("Authorization", "Bearer " + key_of("acme-retail"));
  session.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
  CHECK(resp.getStatus() == Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
  CHECK_THAT(body, Catch::Contains("api.document.unknown"));

  // Plain HTTP on the TLS port gets no answer.
  CHECK_THROWS(test::http_call(api.address, {"GET", "/api/v1/partners/acme-retail/documents/1", "", {}}));

  // An <http> endpoint sending there verifies by default: the self-signed certificate is not
  // trusted, and that is permanent (it fails the same way until someone fixes the trust).
  http::PartnerKeys keys;
  TransportConfig config;
  config.partner = "acme-retail";
  config.name = "out";
  config.options = {{"url", "https://" + api.address + "/api/v1/partners/acme-retail/documents"},
                    {"method", "POST"},
                    {"timeout-seconds", "10"},
                    {"max-bytes", "1000"},
                    {"content-type", "application/edi-x12"}};
  auto sender = http::HttpEndpoint::open(config, keys);
  REQUIRE(sender.ok());
  OutboundDocument doc;
  doc.id = 1;
  doc.type = "997";
  doc.body = "ISA";
  auto refused = (*sender)->send(doc);
  CHECK(refused.kind == SendResult::Kind::permanent);
  CHECK_THAT(refused.detail, Catch::Contains("TLS"));
  CHECK(api.inputs() == 0);
}
