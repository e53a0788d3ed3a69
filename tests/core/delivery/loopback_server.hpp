#pragma once
// A real HTTP(S) server on 127.0.0.1, port 0, for the delivery tests: it answers POSTs from a
// script (status, headers, body, or hanging) and records what it received.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace edigate::test {

struct ScriptedAnswer {
  int status = 200;
  std::string body;
  std::map<std::string, std::string> headers;
  /// Hold the request this long before answering (the server's shutdown cuts it short).
  std::chrono::milliseconds hang{0};
};

struct ReceivedRequest {
  std::string method;
  std::string uri;
  std::string body;
  Poco::Net::NameValueCollection headers;
  std::string peer;  ///< the client's address and port: one per connection
};

class LoopbackServer {
 public:
  /// Plain HTTP, or HTTPS with `tls` (a server context).
  explicit LoopbackServer(Poco::Net::Context::Ptr tls = nullptr) : state_(std::make_shared<State>()) {
    if (tls)
      socket_ = std::make_unique<Poco::Net::SecureServerSocket>(Poco::Net::SocketAddress("127.0.0.1", 0), 64, tls);
    else
      socket_ = std::make_unique<Poco::Net::ServerSocket>(Poco::Net::SocketAddress("127.0.0.1", 0));
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    // A stopped server's dispatcher threads wait out their idle time in Poco's default pool,
    // whose destructor joins them at exit: 10 s by default, so keep it short.
    params->setThreadIdleTime(Poco::Timespan(0, 200 * 1000));
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(state_), *socket_, params);
    server_->start();
  }
  ~LoopbackServer() {
    {
      std::lock_guard lock(state_->mutex);
      state_->stopping = true;
    }
    state_->cv.notify_all();
    server_->stopAll(true);
  }

  /// Answers for the next requests, in order; once used up, requests get 200 "{}".
  void script(std::vector<ScriptedAnswer> answers) {
    std::lock_guard lock(state_->mutex);
    state_->script.assign(answers.begin(), answers.end());
  }
  std::vector<ReceivedRequest> received() const {
    std::lock_guard lock(state_->mutex);
    return state_->received;
  }
  unsigned port() const { return socket_->address().port(); }
  std::string url(const std::string& scheme = "http", const std::string& path = "/hooks/edi") const {
    return scheme + "://127.0.0.1:" + std::to_string(port()) + path;
  }

 private:
  // Shared with the handlers, which may outlive a stopped server by a moment.
  struct State {
    std::mutex mutex;
    std::condition_variable cv;
    bool stopping = false;
    std::deque<ScriptedAnswer> script;
    std::vector<ReceivedRequest> received;
  };

  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(std::shared_ptr<State> s) : state_(std::move(s)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
      ReceivedRequest r;
      r.method = req.getMethod();
      r.uri = req.getURI();
      r.peer = req.clientAddress().toString();
      for (const auto& [name, value] : req) r.headers.add(name, value);
      Poco::StreamCopier::copyToString(req.stream(), r.body);
      ScriptedAnswer a;
      {
        std::unique_lock lock(state_->mutex);
        state_->received.push_back(std::move(r));
        if (!state_->script.empty()) {
          a = state_->script.front();
          state_->script.pop_front();
        } else {
          a.body = "{}";
        }
        if (a.hang.count() > 0) state_->cv.wait_for(lock, a.hang, [&] { return state_->stopping; });
      }
      resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(a.status));
      for (const auto& [k, v] : a.headers) resp.set(k, v);
      resp.setContentLength(static_cast<std::streamsize>(a.body.size()));
      resp.send() << a.body;
    }

   private:
    std::shared_ptr<State> state_;
  };

  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(std::shared_ptr<State> s) : state_(std::move(s)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handler(state_);
    }

   private:
    std::shared_ptr<State> state_;
  };

  std::shared_ptr<State> state_;
  std::unique_ptr<Poco::Net::ServerSocket> socket_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace edigate::test
