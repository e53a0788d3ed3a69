// The <http> endpoint against a loopback peer (a Poco HTTP server the test runs on 127.0.0.1):
// polling stores a changed body once (ETag and content hash), sending classifies the partner's
// answers (2xx delivered, 429/503 + Retry-After retry, other 4xx permanent, refused retry), an
// API-only endpoint serves acknowledgements through the status answer, and bad settings are
// refused when it opens.
#include "http_fixture.hpp"
#include "temp_dir.hpp"

#include <http/http_endpoint.hpp>

#include "store/store.hpp"
#include "transport_host/endpoint_config.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <mutex>

using namespace edigate;
namespace fs = std::filesystem;

namespace {

/// What the peer saw and what it answers next.
struct PeerState {
  std::mutex mutex;
  int status = 200;
  std::string body = R"({"trackResponse":{"shipment":[]}})";
  std::string etag;
  std::map<std::string, std::string> headers;  ///< extra answer headers
  std::size_t short_by = 0;           ///< announce this many bytes more than the body, then close (a dropped answer)
  std::vector<std::string> requests;  ///< "METHOD target auth if-none-match idempotency body"
};

class PeerHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit PeerHandler(PeerState& s) : s_(s) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    std::lock_guard lock(s_.mutex);
    s_.requests.push_back(req.getMethod() + " " + req.getURI() + " " + req.get("Authorization", "-") + " " +
                          req.get("If-None-Match", "-") + " " + req.get("Idempotency-Key", "-") + " " + body);
    if (!s_.etag.empty() && req.get("If-None-Match", "") == s_.etag) {
      resp.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
      resp.send();
      return;
    }
    resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(s_.status));
    if (!s_.etag.empty()) resp.set("ETag", s_.etag);
    for (const auto& [k, v] : s_.headers) resp.set(k, v);
    if (s_.short_by > 0) {  // announces more than it sends, then the connection closes
      resp.setContentLength64(static_cast<Poco::Int64>(s_.body.size() + s_.short_by));
      resp.setKeepAlive(false);
      resp.send().write(s_.body.data(), static_cast<std::streamsize>(s_.body.size())).flush();
      return;
    }
    resp.sendBuffer(s_.body.data(), s_.body.size());
  }

 private:
  PeerState& s_;
};

class PeerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit PeerFactory(PeerState& s) : s_(s) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new PeerHandler(s_);
  }

 private:
  PeerState& s_;
};

struct Peer {
  PeerState state;
  Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0)};
  Poco::Net::HTTPServer server{new PeerFactory(state), socket, new Poco::Net::HTTPServerParams};
  Peer() { server.start(); }
  ~Peer() { server.stopAll(true); }
  std::string url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(socket.address().port()) + path;
  }
  std::vector<std::string> requests() {
    std::lock_guard lock(state.mutex);
    return state.requests;
  }
};

struct Endpoint {
  test::TempDir dir{"http-endpoint"};
  fs::path data = dir.path / "data";
  std::unique_ptr<store::Store> store;
  std::unique_ptr<transport_host::GatewayTransportHost> host;
  http::PartnerKeys keys;

  Endpoint() {
    auto st = store::open_sqlite_store(data, {});
    REQUIRE(st.ok());
    store = std::move(st).value();
    host = std::make_unique<transport_host::GatewayTransportHost>(*store, nullptr, nullptr, 1000, nullptr);
    ::setenv("EDIGATE_TEST_CARRIER_TOKEN", "Bearer carrier-token", 1);
  }

  /// The endpoint as the host opens it: settings checked against the plugin's table.
  Result<std::unique_ptr<http::HttpEndpoint>> open(std::map<std::string, std::string> settings) {
    partners::Profile profile;
    profile.id = "ups-api";
    profile.folder = dir.path / "partners" / "ups-api";
    profile.file = profile.folder / "partner.xml";
    partners::Endpoint e;
    e.kind = "http";
    e.name = "track";
    e.settings = std::move(settings);
    TransportSpec spec{"http", http::endpoint_options(), true, true, {}};
    EDIGATE_TRY(auto config, transport_host::endpoint_config(profile, e, nullptr, spec, data));
    return http::HttpEndpoint::open(config, keys);
  }
  std::unique_ptr<http::HttpEndpoint> must_open(std::map<std::string, std::string> settings) {
    auto opened = open(std::move(settings));
    INFO((opened ? "" : opened.error().to_string()));
    REQUIRE(opened.ok());
    return std::move(opened).value();
  }
  std::int64_t inputs() { return store->check().value().inputs; }
};

OutboundDocument document(const std::string& type = "856") {
  OutboundDocument d;
  d.id = 42;
  d.partner = "ups-api";
  d.type = type;
  d.file_name = "ups-api-856-1.edi";
  d.body = "ISA*00*...~";
  return d;
}

}  // namespace

TEST_CASE("a GET endpoint stores a changed body once, and not what is unchanged or not modified", "[http][endpoint]") {
  Peer peer;
  Endpoint ep;
  auto e = ep.must_open(
      {{"url", peer.url("/track?ids=1Z")}, {"method", "GET"}, {"auth-header", "env:EDIGATE_TEST_CARRIER_TOKEN"}});
  auto first = e->poll(*ep.host);
  INFO((first ? "" : first.error().to_string()));
  REQUIRE(first.ok());
  CHECK(first.value() == 1);
  CHECK(ep.inputs() == 1);
  auto input = ep.store->input(1).value();
  CHECK(input.partner_hint == "ups-api");
  CHECK(input.transport == "http:track");
  CHECK(ep.store->input_bytes(1).value() == R"({"trackResponse":{"shipment":[]}})");
  REQUIRE(peer.requests().size() == 1);
  CHECK(peer.requests()[0].rfind("GET /track?ids=1Z Bearer carrier-token - ", 0) == 0);

  CHECK(e->poll(*ep.host).value() == 0);  // same body: nothing new
  CHECK(ep.inputs() == 1);

  {
    std::lock_guard lock(peer.state.mutex);
    peer.state.body = R"({"trackResponse":{"shipment":[{"id":1}]}})";
    peer.state.etag = "\"v2\"";
  }
  CHECK(e->poll(*ep.host).value() == 1);
  CHECK(ep.inputs() == 2);
  CHECK(e->poll(*ep.host).value() == 0);  // the peer answers 304 to the ETag we sent
  CHECK(peer.requests().back().find(" \"v2\" ") != std::string::npos);
  CHECK(ep.inputs() == 2);

  // The state survives a reopen (restart): nothing fetched again is stored again.
  e->stop();
  auto reopened = ep.must_open({{"url", peer.url("/track?ids=1Z")}, {"method", "GET"}});
  CHECK(reopened->poll(*ep.host).value() == 0);
  CHECK(ep.inputs() == 2);
}

TEST_CASE("a GET endpoint's failed poll stores nothing and says whether to try again", "[http][endpoint]") {
  Peer peer;
  Endpoint ep;
  auto e = ep.must_open({{"url", peer.url("/track")}, {"method", "GET"}});
  peer.state.status = 503;
  auto busy = e->poll(*ep.host);
  REQUIRE_FALSE(busy.ok());
  CHECK(busy.error().category == ErrorCategory::transient);
  peer.state.status = 401;
  auto refused = e->poll(*ep.host);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().category == ErrorCategory::configuration);
  CHECK_FALSE(e->health().ok);
  CHECK(ep.inputs() == 0);
}

TEST_CASE("a carrier answer cut off before its Content-Length is not taken in, and the poll is tried again",
          "[http][endpoint]") {
  Peer peer;
  Endpoint ep;
  auto e = ep.must_open({{"url", peer.url("/track")}, {"method", "GET"}});
  peer.state.short_by = 40;
  auto cut = e->poll(*ep.host);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().category == ErrorCategory::transient);
  INFO(cut.error().message);
  CHECK(cut.error().message.find("the body ended after 33 of the 73 bytes") != std::string::npos);
  CHECK_FALSE(e->health().ok);
  CHECK(ep.inputs() == 0);
  // The whole answer next time is taken in as usual: the failed poll left no state behind.
  peer.state.short_by = 0;
  CHECK(e->poll(*ep.host).value() == 1);
  CHECK(ep.inputs() == 1);
}

TEST_CASE("sending classifies the partner's answer: delivered, retry after its delay, permanent", "[http][endpoint]") {
  Peer peer;
  Endpoint ep;
  auto e = ep.must_open({{"url", peer.url("/edi/in")}, {"auth-header", "env:EDIGATE_TEST_CARRIER_TOKEN"}});
  peer.state.headers["Location"] = "/edi/in/77";
  auto delivered = e->send(document());
  CHECK(delivered.kind == SendResult::Kind::delivered);
  CHECK(delivered.remote_id == "/edi/in/77");
  REQUIRE(peer.requests().size() == 1);
  CHECK(peer.requests()[0] == "POST /edi/in Bearer carrier-token - edigate-42 ISA*00*...~");

  peer.state.status = 429;
  peer.state.headers["Retry-After"] = "120";
  auto later = e->send(document());
  CHECK(later.kind == SendResult::Kind::retry);
  CHECK(later.retry_after == std::chrono::seconds(120));
  peer.state.status = 503;
  peer.state.headers["Retry-After"] = "999999";
  CHECK(e->send(document()).retry_after == std::chrono::seconds(3600));  // capped
  peer.state.status = 400;
  peer.state.body = "segment 3 is wrong";
  auto refused = e->send(document());
  CHECK(refused.kind == SendResult::Kind::permanent);
  CHECK_THAT(refused.detail, Catch::Contains("HTTP 400") && Catch::Contains("segment 3 is wrong"));
  CHECK(refused.detail.find("carrier-token") == std::string::npos);

  peer.server.stopAll(true);
  peer.socket.close();
  CHECK(e->send(document()).kind == SendResult::Kind::retry);  // nobody listening: later
}

TEST_CASE("Retry-After is read as seconds or an HTTP-date, capped, and ignored when unreadable", "[http][endpoint]") {
  using namespace std::chrono;
  const auto now = system_clock::from_time_t(1764763200);  // 2025-12-03T12:00:00Z
  CHECK(http::retry_after_of("30", now, seconds(3600)) == seconds(30));
  CHECK(http::retry_after_of("Wed, 03 Dec 2025 12:02:00 GMT", now, seconds(3600)) == seconds(120));
  CHECK(http::retry_after_of("Wed, 03 Dec 2025 11:00:00 GMT", now, seconds(3600)) == seconds(0));
  CHECK(http::retry_after_of("Thu, 04 Dec 2025 12:00:00 GMT", now, seconds(3600)) == seconds(3600));
  CHECK(http::retry_after_of("soon", now, seconds(3600)) == seconds(0));
  CHECK(http::retry_after_of("", now, seconds(3600)) == seconds(0));
}

TEST_CASE("an API-only endpoint serves acknowledgements through the status answer and refuses other documents",
          "[http][endpoint]") {
  Endpoint ep;
  fs::create_directories(ep.dir.path / "partners" / "ups-api");
  std::ofstream(ep.dir.path / "partners" / "ups-api" / "key.sha256") << std::string(64, 'a');
  auto e = ep.must_open({{"api-key-sha256", "file:key.sha256"}});
  CHECK(ep.keys.serves("ups-api"));
  CHECK(e->send(document("997")).kind == SendResult::Kind::delivered);
  auto other = e->send(document("856"));
  CHECK(other.kind == SendResult::Kind::permanent);
  CHECK_THAT(other.detail, Catch::Contains("no url"));
  CHECK(e->poll(*ep.host).value() == 0);
  e->stop();
  CHECK_FALSE(ep.keys.serves("ups-api"));  // withdrawn with the endpoint
}

TEST_CASE("an endpoint's role follows its settings: GET polls, POST sends everything, API-only sends acks",
          "[http][endpoint]") {
  Endpoint ep;
  fs::create_directories(ep.dir.path / "partners" / "ups-api");
  std::ofstream(ep.dir.path / "partners" / "ups-api" / "key.sha256") << std::string(64, 'a');
  using Sends = EndpointRole::Sends;
  const EndpointRole get = ep.must_open({{"url", "http://127.0.0.1:9/track"}, {"method", "GET"}})->role();
  CHECK(get.polls);
  CHECK(get.sends == Sends::nothing);
  const EndpointRole post = ep.must_open({{"url", "http://127.0.0.1:9/docs"}})->role();
  CHECK_FALSE(post.polls);
  CHECK(post.sends == Sends::everything);
  const EndpointRole api = ep.must_open({{"api-key-sha256", "file:key.sha256"}})->role();
  CHECK_FALSE(api.polls);
  CHECK(api.sends == Sends::acknowledgements);
}

TEST_CASE("bad endpoint settings are refused when it opens, naming the endpoint and never a secret",
          "[http][endpoint]") {
  Endpoint ep;
  auto nothing = ep.open({});
  REQUIRE_FALSE(nothing.ok());
  CHECK(nothing.error().category == ErrorCategory::configuration);
  CHECK_THAT(nothing.error().message, Catch::Contains("'track'") && Catch::Contains("ups-api"));
  CHECK_FALSE(ep.open({{"method", "GET"}, {"api-key-sha256", "env:EDIGATE_TEST_CARRIER_TOKEN"}}).ok());
  auto bad_hash = ep.open({{"api-key-sha256", "env:EDIGATE_TEST_CARRIER_TOKEN"}});
  REQUIRE_FALSE(bad_hash.ok());
  CHECK(bad_hash.error().code == "transport.http.api_key");
  CHECK(bad_hash.error().to_string().find("carrier-token") == std::string::npos);
  auto inline_key = ep.open({{"api-key-sha256", std::string(64, 'a')}});
  REQUIRE_FALSE(inline_key.ok());
  CHECK(inline_key.error().code == "transport.secret.inline");
  CHECK_FALSE(ep.open({{"url", "ftp://example.com/x"}}).ok());
  auto unknown = ep.open({{"url", "http://127.0.0.1:1/x"}, {"verify", "false"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "transport.option.unknown");
}
