// edigate-demo-receiver: a small ERP/WMS webhook endpoint for `make demo` and the delivery and
// crash tests. It behaves as the gateway expects a real receiver to:
//   POST any path   stores the body once per Idempotency-Key (a repeat answers 200 and is
//                   counted as a duplicate); with --secret-env, a wrong or missing
//                   X-Edigate-Signature is refused with 401
//   GET /stats      {"received","unique","duplicates","rejected","by_type"}
// and can misbehave on purpose: --fail-first N answers the first N POSTs with --status CODE
// (default 503) and, with --retry-after S, a Retry-After header.
// It writes the port it bound to into --port-file (so callers use port 0), and stops cleanly
// on SIGTERM or SIGINT (exit 0).
#include "delivery/signature.hpp"
#include "inbox.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

struct Options {
  std::string listen = "127.0.0.1:0";
  std::filesystem::path port_file;
  std::filesystem::path out;
  std::string secret;  // the value of --secret-env's variable
  long fail_first = 0;
  int status = 503;
  long retry_after = -1;
};

const char* kUsage =
    "usage: edigate-demo-receiver --out DIR [--listen HOST:PORT] [--port-file FILE]\n"
    "         [--secret-env NAME] [--fail-first N] [--status CODE] [--retry-after SECONDS]\n";

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    try {
      if (a == "--listen") {
        o.listen = v;
      } else if (a == "--port-file") {
        o.port_file = v;
      } else if (a == "--out") {
        o.out = v;
      } else if (a == "--secret-env") {
        const char* s = std::getenv(v.c_str());
        if (s == nullptr || *s == '\0') {
          std::fprintf(stderr, "edigate-demo-receiver: %s is not set\n", v.c_str());
          return false;
        }
        o.secret = s;
      } else if (a == "--fail-first") {
        o.fail_first = std::stol(v);
      } else if (a == "--status") {
        o.status = std::stoi(v);
      } else if (a == "--retry-after") {
        o.retry_after = std::stol(v);
      } else {
        return false;
      }
    } catch (const std::exception&) {
      return false;
    }
  }
  return !o.out.empty() && o.status >= 100 && o.status <= 599;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(const Options& o, edigate::demo::Inbox& inbox, std::atomic<long>& failures_left)
      : options_(o), inbox_(inbox), failures_left_(failures_left) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
    using Poco::Net::HTTPResponse;
    if (req.getMethod() == "GET" && req.getURI() == "/stats")
      return answer(resp, HTTPResponse::HTTP_OK, inbox_.stats_json());
    if (req.getMethod() != "POST")
      return answer(resp, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, R"({"error":"POST only"})");
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    if (failures_left_.fetch_sub(1) > 0) {
      inbox_.count_rejected();
      if (options_.retry_after >= 0) resp.set("Retry-After", std::to_string(options_.retry_after));
      return answer(resp, static_cast<HTTPResponse::HTTPStatus>(options_.status), R"({"error":"failing on purpose"})");
    }
    if (!options_.secret.empty() && !edigate::delivery::signature_matches(
                                        req.get(edigate::delivery::kSignatureHeader, ""), body, options_.secret)) {
      inbox_.count_rejected();
      return answer(resp, HTTPResponse::HTTP_UNAUTHORIZED, R"({"error":"bad signature"})");
    }
    const std::string key = req.get("Idempotency-Key", "");
    if (key.empty()) {
      inbox_.count_rejected();
      return answer(resp, HTTPResponse::HTTP_BAD_REQUEST, R"({"error":"no Idempotency-Key"})");
    }
    switch (inbox_.store(key, req.get("X-Edigate-Message-Type", ""), body)) {
      case edigate::demo::Inbox::Stored::fresh:
        return answer(resp, HTTPResponse::HTTP_CREATED, R"({"stored":true})");
      case edigate::demo::Inbox::Stored::duplicate:
        return answer(resp, HTTPResponse::HTTP_OK, R"({"stored":false,"duplicate":true})");
      case edigate::demo::Inbox::Stored::failed:
        return answer(resp, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, R"({"error":"cannot store"})");
    }
  }

 private:
  static void answer(Poco::Net::HTTPServerResponse& resp, Poco::Net::HTTPResponse::HTTPStatus status,
                     const std::string& json) {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setContentLength(static_cast<std::streamsize>(json.size()));
    resp.send() << json;
  }
  const Options& options_;
  edigate::demo::Inbox& inbox_;
  std::atomic<long>& failures_left_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(const Options& o, edigate::demo::Inbox& inbox) : options_(o), inbox_(inbox), failures_left_(o.fail_first) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(options_, inbox_, failures_left_);
  }

 private:
  const Options& options_;
  edigate::demo::Inbox& inbox_;
  std::atomic<long> failures_left_;
};

// Written to a temporary name and renamed, so a caller polling for it never reads half a port.
bool write_port_file(const std::filesystem::path& file, unsigned port) {
  const auto temp = file.string() + ".tmp";
  {
    std::ofstream out(temp);
    out << port << "\n";
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temp, file, ec);
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  // Blocked before any thread starts, so only sigwait below ever takes them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    edigate::demo::Inbox inbox(options.out);
    Poco::Net::ServerSocket socket{Poco::Net::SocketAddress(options.listen)};
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    params->setKeepAlive(true);
    // After stopAll, dispatcher threads sit out their idle time in Poco's default thread pool,
    // which joins them at exit: keep it short so SIGTERM means a prompt exit (default 10 s).
    params->setThreadIdleTime(Poco::Timespan(0, 200 * 1000));
    Poco::Net::HTTPServer server(new Factory(options, inbox), socket, params);
    server.start();
    const unsigned port = socket.address().port();
    if (!options.port_file.empty() && !write_port_file(options.port_file, port)) {
      std::fprintf(stderr, "edigate-demo-receiver: cannot write %s\n", options.port_file.c_str());
      return 1;
    }
    std::fprintf(stderr, "edigate-demo-receiver: listening on %s, storing in %s\n", socket.address().toString().c_str(),
                 options.out.c_str());
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stopAll(true);
    std::fprintf(stderr, "edigate-demo-receiver: stopped: %s\n", inbox.stats_json().c_str());
    return 0;
  } catch (const Poco::Exception& e) {
    std::fprintf(stderr, "edigate-demo-receiver: %s\n", e.displayText().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "edigate-demo-receiver: %s\n", e.what());
    return 1;
  }
}
