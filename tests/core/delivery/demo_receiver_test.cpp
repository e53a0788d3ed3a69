// The bundled demo ERP/WMS receiver (samples/receiver) as a process: started and stopped by
// PID, on an ephemeral port it reports through its port file, fed by the real webhook
// destination.
#include "delivery/webhook.hpp"
#include "outcome_printing.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

using namespace edigate::delivery;
using edigate::test::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

/// One receiver process; killed (SIGKILL) if a test leaves it running.
class Receiver {
 public:
  Receiver(const fs::path& dir, std::vector<std::string> extra) : port_file_(dir / "port"), out_(dir / "out") {
    std::vector<std::string> args = {EDIGATE_BUILD_DIR "/bin/edigate-demo-receiver",
                                     "--listen",
                                     "127.0.0.1:0",
                                     "--port-file",
                                     port_file_.string(),
                                     "--out",
                                     out_.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    // Bounded wait for the port file; an early exit fails at once.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!fs::exists(port_file_)) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL("the receiver exited before listening, status " << status);
      }
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(20ms);
    }
    std::ifstream(port_file_) >> port_;
    REQUIRE(port_ > 0);
  }
  ~Receiver() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  /// SIGTERM, then a bounded wait; the exit status, or -1 when it had to be killed.
  int stop() {
    REQUIRE(::kill(pid_, SIGTERM) == 0);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) != pid_) {
      if (std::chrono::steady_clock::now() > deadline) return -1;  // the destructor kills it
      std::this_thread::sleep_for(20ms);
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/edi"; }
  Poco::JSON::Object::Ptr stats() const {
    Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port_));
    s.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/stats", Poco::Net::HTTPMessage::HTTP_1_1);
    s.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(s.receiveResponse(resp), body);
    REQUIRE(resp.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
  }
  const fs::path& out() const { return out_; }

 private:
  fs::path port_file_;
  fs::path out_;
  pid_t pid_ = -1;
  unsigned port_ = 0;
};

std::unique_ptr<WebhookDestination> hook(const std::string& url, const std::string& secret) {
  WebhookSettings s;
  s.url = url;
  s.signing_secret = secret;
  s.timeout = 5s;
  auto made = WebhookDestination::create("wms", s);
  REQUIRE(made);
  return std::move(made).value();
}

Delivery ship_notice(const std::string& id) {
  return {id, "corr-" + id, "bluegrass-freight", "ship_notice", R"({"type":"ship_notice","id":")" + id + "\"}", 1};
}

std::size_t stored_files(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".json";
  return n;
}

}  // namespace

TEST_CASE("demo receiver stores each idempotency key once and counts repeats as duplicates", "[delivery][receiver]") {
  TempDir dir("receiver");
  ::setenv("EDIGATE_TEST_RECEIVER_SECRET", "demo-secret", 1);
  Receiver receiver(dir.path, {"--secret-env", "EDIGATE_TEST_RECEIVER_SECRET"});
  auto destination = hook(receiver.url(), "demo-secret");

  auto first = destination->deliver(ship_notice("m-100"));
  CHECK(first.kind == DeliveryOutcome::delivered);
  CHECK(first.http_status == 201);
  auto repeat = destination->deliver(ship_notice("m-100"));
  CHECK(repeat.kind == DeliveryOutcome::delivered);
  CHECK(repeat.http_status == 200);
  CHECK(destination->deliver(ship_notice("m-101")).kind == DeliveryOutcome::delivered);

  auto forged = hook(receiver.url(), "wrong-secret")->deliver(ship_notice("m-102"));
  CHECK(forged.kind == DeliveryOutcome::permanent);
  CHECK(forged.http_status == 401);

  auto stats = receiver.stats();
  CHECK(stats->getValue<int>("received") == 3);
  CHECK(stats->getValue<int>("unique") == 2);
  CHECK(stats->getValue<int>("duplicates") == 1);
  CHECK(stats->getValue<int>("rejected") == 1);
  CHECK(stats->getObject("by_type")->getValue<int>("ship_notice") == 2);
  CHECK(stored_files(receiver.out()) == 2);
  CHECK(receiver.stop() == 0);
}

TEST_CASE("demo receiver fails the first N posts on request, with Retry-After", "[delivery][receiver]") {
  TempDir dir("receiver");
  Receiver receiver(dir.path, {"--fail-first", "2", "--status", "503", "--retry-after", "7"});
  auto destination = hook(receiver.url(), "");
  for (int i = 0; i < 2; ++i) {
    auto o = destination->deliver(ship_notice("m-200"));
    CHECK(o.kind == DeliveryOutcome::retry);
    CHECK(o.http_status == 503);
    REQUIRE(o.retry_after);
    CHECK(*o.retry_after == 7s);
  }
  CHECK(destination->deliver(ship_notice("m-200")).kind == DeliveryOutcome::delivered);
  auto stats = receiver.stats();
  CHECK(stats->getValue<int>("rejected") == 2);
  CHECK(stats->getValue<int>("unique") == 1);
  CHECK(receiver.stop() == 0);
}

TEST_CASE("a restarted demo receiver still recognises what it stored", "[delivery][receiver]") {
  TempDir dir("receiver");
  {
    Receiver receiver(dir.path, {});
    CHECK(hook(receiver.url(), "")->deliver(ship_notice("m-300")).http_status == 201);
    CHECK(receiver.stop() == 0);
  }
  fs::remove(dir.path / "port");
  Receiver again(dir.path, {});
  CHECK(hook(again.url(), "")->deliver(ship_notice("m-300")).http_status == 200);
  auto stats = again.stats();
  CHECK(stats->getValue<int>("duplicates") == 1);
  CHECK(stats->getValue<int>("unique") == 1);
  CHECK(again.stop() == 0);
}
