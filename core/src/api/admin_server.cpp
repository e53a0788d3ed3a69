// The Poco adapter: the only file of the admin API that speaks HTTP. Order of checks for a
// request: URI parses (400) -> bearer token unless public (401, before anything else is
// revealed or read) -> body size (413, before reading it) -> route (404/405) -> handler.
#include "api/admin_server.hpp"

#include "api/admin_routes.hpp"
#include "api/bearer_auth.hpp"

#include <http/request_body.hpp>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <istream>

namespace edigate::api {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

struct Shared {
  const AdminServerOptions& options;
  Router router;
};

Response too_large(std::uint64_t limit) {
  return error_response(413, "admin.body.too_large",
                        "the request body is over the limit of " + std::to_string(limit) + " bytes");
}

Response handle(const Shared& shared, HTTPServerRequest& req, bool& close_after) {
  Request request;
  request.method = req.getMethod();
  try {
    Poco::URI uri(req.getURI());
    request.path = uri.getPath();
    for (auto& [k, v] : uri.getQueryParameters()) request.query.emplace(k, v);
  } catch (const Poco::Exception& e) {
    close_after = true;
    return error_response(400, "admin.request.invalid", "the request URI cannot be read: " + e.message());
  }
  if (!is_public_path(request.path)) {
    const std::string& auth = req.get("Authorization", "");
    if (!bearer_matches(auth, shared.options.token)) {
      Response r = error_response(
          401, "admin.unauthorized",
          auth.empty() ? "this endpoint needs Authorization: Bearer <token>" : "the bearer token is not valid");
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"edigate\"");
      close_after = (req.hasContentLength() && req.getContentLength64() > 0) ||
                    req.getChunkedTransferEncoding();  // its body is not read
      return r;
    }
  }
  const std::uint64_t limit = shared.options.max_body_bytes;
  if (req.hasContentLength() && static_cast<std::uint64_t>(req.getContentLength64()) > limit) {
    close_after = true;  // the body stays unread on the connection
    return too_large(limit);
  }
  if (req.hasContentLength() || req.getChunkedTransferEncoding()) {
    auto body = http::read_message_body(req.stream(), req.hasContentLength() ? req.getContentLength64() : -1, limit);
    if (!body.complete()) close_after = true;
    switch (body.end) {
      case http::MessageBody::End::complete:
        break;
      case http::MessageBody::End::too_large:
        return too_large(limit);
      case http::MessageBody::End::timed_out:
        return error_response(408, "admin.body.timeout", body.why);
      case http::MessageBody::End::cut_off:
        return error_response(400, "admin.body.incomplete", body.why + "; nothing was done");
    }
    request.body = std::move(body.bytes);
  }
  return shared.router.dispatch(std::move(request));
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(const Shared& shared) : shared_(shared) {}
  void handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) override {
    bool close_after = false;
    Response r;
    try {
      r = handle(shared_, req, close_after);
    } catch (const std::exception& e) {
      // A defect in a handler or backend: a JSON 500, never a dropped connection.
      r = error_response(500, "admin.internal", "internal error (see the gateway log)");
      r.log_detail = std::string("exception: ") + e.what();
    }
    if (!r.log_detail.empty() && shared_.options.log) {
      log::Event e;
      e.level = log::Level::error;
      e.event = "admin.request.failed";
      e.component = "api:admin";
      e.detail = req.getMethod() + " " + req.getURI() + ": " + r.log_detail;
      shared_.options.log->write(e);
    }
    try {
      resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
      resp.setContentType(r.content_type);
      resp.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
      resp.set("Cache-Control", "no-store");
      for (const auto& [name, value] : r.headers) resp.set(name, value);
      if (close_after) resp.setKeepAlive(false);
      resp.sendBuffer(r.body.data(), r.body.size());
    } catch (const std::exception&) {
      // The client went away; nothing to tell it.
    }
  }

 private:
  const Shared& shared_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(const Shared& shared) : shared_(shared) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(shared_);
  }

 private:
  const Shared& shared_;
};

}  // namespace

struct AdminServer::Impl {
  Shared shared;
  Poco::ThreadPool pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  Impl(const AdminServerOptions& o, AdminBackend& backend)
      : shared{o, make_admin_router(backend)}, pool(1, static_cast<int>(std::max<std::uint32_t>(o.threads, 1))) {}
};

AdminServer::AdminServer(AdminServerOptions options, AdminBackend& backend)
    : options_(std::move(options)), backend_(backend) {}

AdminServer::~AdminServer() { stop(); }

Result<std::uint16_t> AdminServer::start() {
  if (impl_) return port_;
  if (options_.token.empty())
    return Error("admin.token.missing", "the admin API does not run without a bearer token")
        .as(ErrorCategory::configuration);
  auto impl = std::make_unique<Impl>(options_, backend_);
  try {
    Poco::Net::ServerSocket socket;
    // SO_REUSEADDR for quick restarts, but not SO_REUSEPORT: a second gateway on the same port
    // must fail, not share the traffic.
    socket.bind(Poco::Net::SocketAddress(options_.listen.host, options_.listen.port), /*reuseAddress=*/true,
                /*reusePort=*/false);
    socket.listen(64);
    auto params = new Poco::Net::HTTPServerParams;  // owned by the server (AutoPtr)
    params->setMaxThreads(static_cast<int>(std::max<std::uint32_t>(options_.threads, 1)));
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(options_.timeout.count(), 0));
    params->setKeepAliveTimeout(Poco::Timespan(options_.timeout.count(), 0));
    params->setServerName("edigate");
    impl->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl->shared), impl->pool, socket, params);
    impl->server->start();
    port_ = socket.address().port();
    if (options_.log) {
      log::Event e;
      e.event = "admin.listening";
      e.component = "api:admin";
      gateway_config::ListenAddress bound{options_.listen.host, port_};
      e.detail = "admin API on http://" + bound.to_string();
      options_.log->write(e);
    }
  } catch (const Poco::Exception& e) {
    return Error("admin.listen.failed", "cannot listen on " + options_.listen.to_string() + ": " + e.displayText())
        .as(ErrorCategory::configuration);
  }
  impl_ = std::move(impl);
  return port_;
}

void AdminServer::stop() {
  if (!impl_) return;
  // abortCurrent: an idle keep-alive connection would otherwise hold its thread (and so
  // joinAll) until its timeout; admin requests are short and clients retry.
  impl_->server->stopAll(true);
  impl_->pool.joinAll();
  impl_.reset();
}

}  // namespace edigate::api
