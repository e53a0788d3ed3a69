#pragma once
// `edigate serve` and the bundled demo receiver as child processes, for the tests that drive the
// gateway from outside (crash test, serve integration test) and for nothing else. Started with
// fork/exec, stopped by their PID only (SIGTERM with a bounded wait, or SIGKILL); the ports they
// bound are read from the files they write, so everything runs on port 0 side by side.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace edigate::test {

using Clock = std::chrono::steady_clock;

/// Polls `done` every `step` until it holds or `limit` has passed; true when it held.
inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit,
                       std::chrono::milliseconds step = std::chrono::milliseconds(50)) {
  const auto deadline = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

/// One child process. Its stdout and stderr are appended to `log` (kept across restarts, read
/// when a test fails). The destructor SIGKILLs it if a test left it running.
class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() { kill9(); }

  void start(std::vector<std::string> args, const std::filesystem::path& log,
             std::vector<std::pair<std::string, std::string>> env = {}) {
    REQUIRE(pid_ <= 0);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::close(fd);
      }
      for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }

  pid_t pid() const { return pid_; }

  /// False once it exited (and reaps it); `status` then holds its wait status.
  bool running() {
    if (pid_ <= 0) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    return true;
  }

  /// SIGKILL and reap: the crash the gateway must survive.
  void kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
    pid_ = -1;
  }

  /// SIGTERM, then waits up to `limit`; the exit code, or -1 when it died of a signal or had to
  /// be killed because it did not exit in time.
  int terminate(std::chrono::milliseconds limit) {
    if (pid_ <= 0) return exit_code();
    REQUIRE(::kill(pid_, SIGTERM) == 0);
    if (!wait_until([&] { return !running(); }, limit, std::chrono::milliseconds(20))) {
      kill9();
      return -1;
    }
    return exit_code();
  }

  int exit_code() const { return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1; }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Writes `bytes` as `dir/name` the way a partner's transport should: to a temporary name the
/// intake skips, then renamed into place.
inline void drop_file(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  std::filesystem::create_directories(dir);
  const auto tmp = dir / (name + ".tmp");
  { std::ofstream(tmp, std::ios::binary) << bytes; }
  std::filesystem::rename(tmp, dir / name);
}

/// Regular files in `dir` the intake would take (not hidden, not a temporary name).
inline std::size_t files_in(const std::filesystem::path& dir, const std::string& suffix = "") {
  std::error_code ec;
  std::size_t n = 0;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!it->is_regular_file() || name.empty() || name[0] == '.' || name.ends_with(".tmp")) continue;
    if (!suffix.empty() && !name.ends_with(suffix)) continue;
    ++n;
  }
  return n;
}

struct HttpReply {
  int status = 0;  ///< 0: no answer (refused, reset, timeout)
  std::string body;
  std::string retry_after;
  Poco::JSON::Object::Ptr json() const { return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>(); }
};

/// One HTTP/1.1 request to 127.0.0.1:port; never throws (a test polls through restarts).
inline HttpReply http(const std::string& method, unsigned port, const std::string& path, const std::string& token = "",
                      const std::string& body = "") {
  HttpReply reply;
  try {
    Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port));
    s.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) req.set("Authorization", "Bearer " + token);
    if (method == Poco::Net::HTTPRequest::HTTP_POST) {
      req.setContentType("application/json");
      req.setContentLength(static_cast<std::streamsize>(body.size()));
      s.sendRequest(req) << body;
    } else {
      s.sendRequest(req);
    }
    Poco::Net::HTTPResponse resp;
    Poco::StreamCopier::copyToString(s.receiveResponse(resp), reply.body);
    reply.status = static_cast<int>(resp.getStatus());
    reply.retry_after = resp.get("Retry-After", "");
  } catch (const Poco::Exception&) {
    reply.status = 0;
  }
  return reply;
}

/// Reads a port a process wrote into `file` (it may be caught half written: retried).
inline unsigned wait_for_port(const std::filesystem::path& file, ChildProcess& process,
                              std::chrono::milliseconds limit) {
  unsigned port = 0;
  wait_until(
      [&] {
        if (!process.running()) return true;
        std::ifstream in(file);
        return static_cast<bool>(in >> port) && port > 0;
      },
      limit, std::chrono::milliseconds(10));
  return port;
}

/// A gateway.xml over the repository's partners and maps for acme-retail traffic. Its profile
/// names two destinations, `erp` (a webhook) and `archive` (a folder), which gateway
/// destinations of the same name replace: erp is `erp_url` (the demo receiver) and takes every
/// canonical type, archive is DATA/delivered/archive. `delivery` is the attributes of
/// <delivery> (attempts, backoff, breaker).
inline std::string gateway_xml(const std::string& erp_url, const std::string& delivery) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<gateway xmlns="urn:edigate:gateway:1">
  <data dir="data"/>
  <partners dir=")" EDIGATE_SOURCE_DIR R"(/partners"/>
  <maps dir=")" EDIGATE_SOURCE_DIR R"(/maps"/>
  <admin listen="127.0.0.1:0" token="env:EDIGATE_ADMIN_TOKEN"/>
  <workers count="2" queue-limit="1000"/>
  <intake poll-ms="100" stable-ms="0" done-marker="false"/>
  <transports profile-endpoints="false"/>
  <delivery )" +
         delivery + R"(/>
  <destinations>
    <webhook name="erp" url=")" +
         erp_url +
         R"("/>
    <folder name="archive" path="delivered/archive"/>
  </destinations>
  <routes>
    <route partner="*" types="purchase_order,purchase_order_ack,invoice,functional_ack,ship_notice,warehouse_order,)"
         R"(warehouse_advice,tracking_event" destination="erp"/>
  </routes>
</gateway>
)";
}

/// The bundled idempotent receiver (samples/receiver) on an ephemeral port.
class DemoReceiver {
 public:
  DemoReceiver(const std::filesystem::path& dir, std::vector<std::string> extra = {}) : dir_(dir) {
    std::filesystem::create_directories(dir_);
    std::vector<std::string> args = {EDIGATE_BUILD_DIR "/bin/edigate-demo-receiver",
                                     "--listen",
                                     "127.0.0.1:0",
                                     "--port-file",
                                     (dir_ / "port").string(),
                                     "--out",
                                     (dir_ / "out").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    process_.start(std::move(args), dir_ / "receiver.log");
    port_ = wait_for_port(dir_ / "port", process_, std::chrono::seconds(20));
    INFO(read_file(dir_ / "receiver.log"));
    REQUIRE(port_ > 0);
  }
  std::string url(const std::string& path = "/edi") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  unsigned port() const { return port_; }
  /// {received, unique, duplicates, rejected, by_type}; null when it does not answer.
  Poco::JSON::Object::Ptr stats() const {
    auto r = http("GET", port_, "/stats");
    return r.status == 200 ? r.json() : nullptr;
  }
  long stat(const std::string& name) const {
    auto s = stats();
    return s && s->has(name) ? s->getValue<long>(name) : -1;
  }
  int stop() { return process_.terminate(std::chrono::seconds(10)); }

 private:
  std::filesystem::path dir_;
  ChildProcess process_;
  unsigned port_ = 0;
};

/// `edigate serve --config CONFIG --data DATA --listen 127.0.0.1:0`, restartable; the admin
/// token is "x". The log (JSON lines) is DATA/../serve.log.
class ServeProcess {
 public:
  ServeProcess(std::filesystem::path config, std::filesystem::path data)
      : config_(std::move(config)), data_(std::move(data)), log_(data_.parent_path() / "serve.log") {}

  /// Starts it and waits (bounded) for its admin port; 0 when it exited instead.
  unsigned start(std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    std::error_code ec;
    std::filesystem::remove(data_ / "admin.port", ec);  // a killed run leaves its own behind
    process_.start({EDIGATE_BUILD_DIR "/bin/edigate", "serve", "--config", config_.string(), "--data", data_.string(),
                    "--listen", "127.0.0.1:0"},
                   log_, {{"EDIGATE_ADMIN_TOKEN", "x"}});
    port_ = wait_for_port(data_ / "admin.port", process_, limit);
    return port_;
  }
  /// Starts it and requires it to come up.
  void require_start() {
    const unsigned port = start();
    INFO("serve log:\n" << tail_of_log());
    REQUIRE(port > 0);
  }
  void kill9() {
    process_.kill9();
    port_ = 0;
  }
  int terminate(std::chrono::milliseconds limit = std::chrono::seconds(60)) {
    port_ = 0;
    return process_.terminate(limit);
  }
  bool running() { return process_.running(); }
  pid_t pid() const { return process_.pid(); }
  unsigned port() const { return port_; }
  HttpReply get(const std::string& path) const { return http("GET", port_, path, "x"); }
  HttpReply post(const std::string& path, const std::string& body = "") const {
    return http("POST", port_, path, "x", body);
  }
  std::string tail_of_log(std::size_t bytes = 4000) const {
    const std::string all = read_file(log_);
    return all.size() > bytes ? all.substr(all.size() - bytes) : all;
  }
  const std::filesystem::path& data() const { return data_; }

 private:
  std::filesystem::path config_;
  std::filesystem::path data_;
  std::filesystem::path log_;
  ChildProcess process_;
  unsigned port_ = 0;
};

}  // namespace edigate::test
