#include "http_listener.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <mutex>

namespace edigate::http {
namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(SupplierApi& api) : api_(api) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
    api_.handle(req, resp);
  }

 private:
  SupplierApi& api_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(SupplierApi& api) : api_(api) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(api_);
  }

 private:
  SupplierApi& api_;
};

Error config_error(const std::string& what) {
  return Error("transport.http.listener", "listener 'http': " + what).as(ErrorCategory::configuration);
}

/// A positive number setting, or an error naming it.
Result<double> number(const ListenerConfig& c, const char* name, double min) {
  const std::string text = c.option(name);
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && v >= min) return v;
  } catch (const std::exception&) {
    // reported below
  }
  return std::move(config_error(std::string("'") + name + "' is not a number of at least " + std::to_string(min)))
      .want("a number", text);
}

std::filesystem::path resolved(const ListenerConfig& c, const std::string& path) {
  std::filesystem::path p(path);
  return p.is_absolute() ? p : c.base / p;
}

}  // namespace

std::vector<TransportOption> listener_options() {
  return {
      {"listen", false, false, "127.0.0.1:4080", "host:port the supplier API listens on (port 0: any free port)"},
      {"max-bytes", false, false, "10485760", "largest document accepted, in bytes (413 above it)"},
      {"rate", false, false, "10", "requests per second per partner on average (429 above it)"},
      {"burst", false, false, "20", "requests a partner may make at once before the rate applies"},
      {"threads", false, false, "8", "requests served at once"},
      {"timeout-seconds", false, false, "30", "a request (or an idle keep-alive connection) times out after this"},
      {"tls-certificate", false, false, "", "PEM certificate (chain) file: serve HTTPS (with tls-key)"},
      {"tls-key", false, false, "", "PEM private key file of tls-certificate"},
  };
}

struct HttpListener::Impl {
  std::unique_ptr<SupplierApi> api;
  Poco::ThreadPool pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::string address;
  bool tls = false;
  std::mutex stop_mutex;
  bool stopped = false;
  explicit Impl(int threads) : pool(1, threads) {}
};

HttpListener::HttpListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpListener::~HttpListener() { stop(); }

Result<std::unique_ptr<HttpListener>> HttpListener::start(const ListenerConfig& config, TransportHost& host,
                                                          const PartnerKeys& keys) {
  ApiSettings settings;
  EDIGATE_TRY(double max_bytes, number(config, "max-bytes", 1));
  EDIGATE_TRY(settings.rate, number(config, "rate", 0.001));
  EDIGATE_TRY(settings.burst, number(config, "burst", 1));
  EDIGATE_TRY(double threads, number(config, "threads", 1));
  EDIGATE_TRY(double timeout, number(config, "timeout-seconds", 1));
  settings.max_bytes = static_cast<std::uint64_t>(max_bytes);

  const std::string listen = config.option("listen");
  const std::string cert = config.option("tls-certificate"), key = config.option("tls-key");
  if (cert.empty() != key.empty()) return config_error("tls-certificate and tls-key go together");

  auto impl = std::make_unique<Impl>(static_cast<int>(threads));
  impl->api = std::make_unique<SupplierApi>(host, keys, settings);
  try {
    Poco::Net::SocketAddress where(listen);
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    if (!cert.empty()) {
      static std::once_flag once;
      std::call_once(once, [] { Poco::Net::initializeSSL(); });
      // Clients are not asked for certificates (they authenticate with their API key); TLS 1.2 at
      // least, Poco's default cipher list.
      Poco::Net::Context::Ptr context =
          new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, resolved(config, key).string(),
                                 resolved(config, cert).string(), "", Poco::Net::Context::VERIFY_NONE);
      context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
      socket = std::make_unique<Poco::Net::SecureServerSocket>(context);
      impl->tls = true;
    } else {
      socket = std::make_unique<Poco::Net::ServerSocket>();
    }
    // SO_REUSEADDR for quick restarts, not SO_REUSEPORT: a second gateway on the port must fail.
    socket->bind(where, /*reuseAddress=*/true, /*reusePort=*/false);
    socket->listen(64);
    auto params = new Poco::Net::HTTPServerParams;  // owned by the server
    params->setMaxThreads(static_cast<int>(threads));
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(static_cast<long>(timeout), 0));
    // Short: stop() lets requests in flight finish, and an idle keep-alive connection counts as
    // one until this runs out.
    params->setKeepAliveTimeout(Poco::Timespan(static_cast<long>(std::min(timeout, 5.0)), 0));
    params->setServerName("edigate");
    impl->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl->api), impl->pool, *socket, params);
    impl->server->start();
    impl->address = socket->address().toString();
  } catch (const Poco::Exception& e) {
    return config_error("cannot serve on " + listen + ": " + e.displayText());
  }
  host.log(LogLevel::info, "api.listening", "",
           std::string("supplier API on ") + (impl->tls ? "https://" : "http://") + impl->address);
  return std::unique_ptr<HttpListener>(new HttpListener(std::move(impl)));
}

std::string HttpListener::address() const noexcept {
  try {
    return impl_->address;
  } catch (...) {
    return {};
  }
}

TransportHealth HttpListener::health() const noexcept {
  TransportHealth h;
  try {
    h.detail = std::to_string(impl_->api->requests()) + " requests, " + std::to_string(impl_->api->accepted()) +
               " documents accepted on " + impl_->address;
    h.gauges.push_back({"api_requests", {}, static_cast<double>(impl_->api->requests())});
  } catch (...) {
    h.ok = false;
  }
  return h;
}

void HttpListener::stop() noexcept {
  std::lock_guard lock(impl_->stop_mutex);
  if (impl_->stopped) return;
  impl_->stopped = true;
  try {
    // Finishes the requests in flight (no abort): a document being stored is answered.
    impl_->server->stopAll(false);
    impl_->pool.joinAll();
  } catch (...) {
    // Stopping must not fail the gateway's shutdown.
  }
}

}  // namespace edigate::http
