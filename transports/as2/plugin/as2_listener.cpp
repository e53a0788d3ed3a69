#include "as2_listener.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <mutex>

namespace edigate::as2 {

namespace {

struct Shared {
  std::string path;
  std::size_t max_bytes = 0;
  std::unique_ptr<Receiver> receiver;
  TransportHost* host = nullptr;
};

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Shared& s) : s_(s) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
    try {
      serve(req, res);
    } catch (const std::exception& e) {
      s_.host->log(LogLevel::error, "as2.listener_error", "", e.what());
      if (!res.sent()) send(res, {500, {{"Content-Type", "text/plain"}}, "internal error\n", {}});
    }
  }

 private:
  void serve(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) {
    const std::string path = Poco::URI(req.getURI()).getPath();
    if (path != s_.path) return send(res, {404, {{"Content-Type", "text/plain"}}, "not found\n", {}});
    As2Request r;
    r.method = req.getMethod();
    for (const auto& [n, v] : req) r.headers.emplace_back(n, v);
    if (r.method == "POST") {
      const std::streamsize declared = req.getContentLength();
      if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
          static_cast<std::size_t>(declared) > s_.max_bytes)
        return send(
            res,
            {413, {{"Content-Type", "text/plain"}}, "larger than " + std::to_string(s_.max_bytes) + " bytes\n", {}});
      std::istream& in = req.stream();
      char buf[65536];
      while (in) {
        in.read(buf, sizeof buf);
        r.body.append(buf, static_cast<std::size_t>(in.gcount()));
        if (r.body.size() > s_.max_bytes)
          return send(
              res,
              {413, {{"Content-Type", "text/plain"}}, "larger than " + std::to_string(s_.max_bytes) + " bytes\n", {}});
      }
      // The sender's connection dropped mid-message: what arrived is not the message (and its
      // signature would fail anyway). Nothing is stored; no MDN; the partner sends it again.
      if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
          static_cast<std::streamsize>(r.body.size()) != declared) {
        s_.host->log(LogLevel::warn, "as2.truncated", "",
                     "got " + std::to_string(r.body.size()) + " of " + std::to_string(declared) + " bytes");
        return;
      }
    }
    As2Response a = s_.receiver->handle(r);
    send(res, a);
    if (a.async_mdn) {
      auto posted = http_post(*a.async_mdn);
      if (!posted)
        s_.host->log(LogLevel::warn, "as2.async_mdn_failed", "", a.async_mdn->url + ": " + posted.error().to_string());
      else if (posted->status < 200 || posted->status > 299)
        s_.host->log(LogLevel::warn, "as2.async_mdn_refused", "",
                     a.async_mdn->url + " answered " + std::to_string(posted->status));
    }
  }

  static void send(Poco::Net::HTTPServerResponse& res, const As2Response& a) {
    res.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(a.status));
    for (const auto& [n, v] : a.headers)
      if (n != "Content-Length") res.set(n, v);
    res.setContentLength(static_cast<std::streamsize>(a.body.size()));
    std::ostream& out = res.send();
    out.write(a.body.data(), static_cast<std::streamsize>(a.body.size()));
    out.flush();
  }

  Shared& s_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Shared& s) : s_(s) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(s_);
  }

 private:
  Shared& s_;
};

class Listener final : public TransportListener {
 public:
  Listener(std::unique_ptr<Shared> shared, Poco::Net::ServerSocket socket, int threads, std::chrono::seconds timeout,
           bool tls)
      : shared_(std::move(shared)), tls_(tls) {
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(threads);
    params->setMaxQueued(256);
    params->setTimeout(Poco::Timespan(static_cast<long>(timeout.count()), 0));
    params->setKeepAlive(true);
    address_ = socket.address().toString();
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*shared_), socket, params);
    server_->start();
  }
  ~Listener() override { stop(); }

  std::string address() const noexcept override { return address_; }

  TransportHealth health() const noexcept override {
    const auto& c = shared_->receiver->counts();
    TransportHealth h;
    h.detail = std::string(tls_ ? "https" : "http") + " on " + address_ + ": " + std::to_string(c.stored.load()) +
               " stored, " + std::to_string(c.refused.load()) + " refused, " + std::to_string(c.repeated.load()) +
               " repeats, " + std::to_string(c.unavailable.load()) + " answered 503, " +
               std::to_string(c.mdns_settled.load()) + " async MDNs settled";
    return h;
  }

  void stop() noexcept override {
    std::lock_guard lock(stop_mutex_);
    if (!server_) return;
    try {
      server_->stopAll(false);  // stop accepting; requests in flight finish
    } catch (...) {}
    server_.reset();
  }

 private:
  std::unique_ptr<Shared> shared_;
  bool tls_;
  std::string address_;
  std::mutex stop_mutex_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

Error listener_error(const std::string& message) {
  return Error("transport.as2.listener", "AS2 listener: " + message).as(ErrorCategory::configuration);
}

}  // namespace

Result<std::unique_ptr<TransportListener>> start_listener(const ListenerConfig& c, std::shared_ptr<Registry> registry,
                                                          TransportHost& host) {
  auto shared = std::make_unique<Shared>();
  shared->host = &host;
  shared->path = c.option("path").empty() ? "/as2" : c.option("path");
  int threads = 8;
  long timeout = 60;
  try {
    shared->max_bytes = std::stoull(c.option("max-bytes"));
    threads = std::stoi(c.option("threads"));
    timeout = std::stol(c.option("timeout-seconds"));
    if (threads < 1 || threads > 256 || timeout < 1 || shared->max_bytes == 0) throw std::out_of_range("range");
  } catch (const std::exception&) {
    return listener_error("max-bytes, threads (1..256) and timeout-seconds must be positive numbers");
  }
  shared->receiver = std::make_unique<Receiver>(registry, host, c.work_dir, std::chrono::seconds(timeout));
  const std::string listen = c.option("listen");
  const bool tls = !c.option("certificate").empty();
  try {
    const Poco::Net::SocketAddress address(listen);
    if (tls) {
      auto key = c.secrets.find("private-key");
      if (key == c.secrets.end()) return listener_error("'certificate' needs 'private-key'");
      std::filesystem::path cert = c.option("certificate");
      if (cert.is_relative()) cert = c.base / cert;
      Poco::Net::initializeSSL();
      Poco::Net::Context::Ptr ctx =
          new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, Poco::Net::Context::Params());
      SSL_CTX* ssl = ctx->sslContext();
      if (SSL_CTX_use_certificate_chain_file(ssl, cert.c_str()) != 1)
        return listener_error("cannot use TLS certificate " + cert.string());
      BioPtr in = memory_bio(key->second);
      EVP_PKEY* pkey = PEM_read_bio_PrivateKey(
          in.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
      if (!pkey || SSL_CTX_use_PrivateKey(ssl, pkey) != 1 || SSL_CTX_check_private_key(ssl) != 1) {
        if (pkey) EVP_PKEY_free(pkey);
        return listener_error("the TLS private key cannot be used with " + cert.string());
      }
      EVP_PKEY_free(pkey);
      Poco::Net::SecureServerSocket socket(address, 64, ctx);
      return std::unique_ptr<TransportListener>(
          new Listener(std::move(shared), socket, threads, std::chrono::seconds(timeout), true));
    }
    Poco::Net::ServerSocket socket(address, 64);
    return std::unique_ptr<TransportListener>(
        new Listener(std::move(shared), socket, threads, std::chrono::seconds(timeout), false));
  } catch (const Poco::Exception& e) {
    return listener_error("cannot listen on " + listen + ": " + e.displayText());
  }
}

}  // namespace edigate::as2
