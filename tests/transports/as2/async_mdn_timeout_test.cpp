// Sends that asked for an asynchronous MDN which does not come: after mdn-timeout-seconds the
// listener settles them as retry (the host sends again, under a new Message-ID), and after
// mdn-attempts sends without one as permanent (a dead letter); an MDN that comes after the
// timeout is still recorded. The partner is our libas2 peer, told to hold its MDNs back.
#include "libas2_peer.hpp"
#include "plugin_fixture.hpp"

using namespace edigate;
using namespace edigate::as2;
using namespace edigate::as2::test;

namespace {

std::size_t payloads_in(const fs::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    n += name.find(".as2.") == std::string::npos && name.find(".part") == std::string::npos;
  }
  return n;
}

bool wait_for_settled(RecordingHost& host, std::size_t n, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (host.settled_copy().size() < n && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return host.settled_copy().size() >= n;
}

struct AsyncSetup {
  Libas2Peer peer;
  int port = free_port();
  fs::path out = peer.work.path / "received";
  Gateway gw;
  std::unique_ptr<TransportListener> listener;

  AsyncSetup() {
    Pki& pki = Pki::get();
    peer.add("GATEWAY", pki.gateway, false);
    peer.add("PARTNER", pki.partner, true);
    listener = gw.listen();
  }
  std::unique_ptr<TransportEndpoint> endpoint(const std::string& timeout, const std::string& attempts) {
    Pki& pki = Pki::get();
    return gw.open(gw.config("http://127.0.0.1:" + std::to_string(port) + "/as2", "GATEWAY", {pki.gateway}, "PARTNER",
                             {pki.partner},
                             {{"mdn", "async"},
                              {"mdn-url", url_of(*listener)},
                              {"mdn-timeout-seconds", timeout},
                              {"mdn-attempts", attempts},
                              {"timeout-seconds", "30"}}));
  }
};

}  // namespace

TEST_CASE("an async MDN that never comes: sent again under a new Message-ID, then a dead letter after mdn-attempts",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --no-async-mdn");
  auto ep = s.endpoint("1", "2");
  const SendResult first = ep->send(outbound(41));
  INFO(first.detail);
  REQUIRE(first.kind == SendResult::Kind::pending);
  REQUIRE(wait_for_settled(*s.gw.host, 1, std::chrono::seconds(20)));
  auto settled = s.gw.host->settled_copy();
  CHECK(settled[0].first == 41);
  CHECK(settled[0].second.kind == SendResult::Kind::retry);
  CHECK(settled[0].second.detail.find("no MDN for " + first.remote_id) != std::string::npos);
  CHECK(settled[0].second.detail.find("send 1 of 2") != std::string::npos);

  // What the host's new send does: attempt 0 of a new work item; the Message-ID still differs.
  const SendResult second = ep->send(outbound(41));
  REQUIRE(second.kind == SendResult::Kind::pending);
  CHECK(second.remote_id != first.remote_id);
  REQUIRE(wait_for_settled(*s.gw.host, 2, std::chrono::seconds(20)));
  settled = s.gw.host->settled_copy();
  CHECK(settled[1].first == 41);
  CHECK(settled[1].second.kind == SendResult::Kind::permanent);
  CHECK(settled[1].second.detail.find("send 2 of 2") != std::string::npos);
  CHECK(payloads_in(s.out) == 2);  // the partner got both sends; nothing more is settled
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(s.gw.host->settled_copy().size() == 2);
}

TEST_CASE("an async MDN that comes after the timeout is still recorded: delivered, marked late",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --async-mdn-delay-ms 4000");
  auto ep = s.endpoint("1", "3");
  const SendResult sent = ep->send(outbound(42));
  INFO(sent.detail);
  REQUIRE(sent.kind == SendResult::Kind::pending);
  REQUIRE(wait_for_settled(*s.gw.host, 2, std::chrono::seconds(30)));
  const auto settled = s.gw.host->settled_copy();
  CHECK(settled[0].second.kind == SendResult::Kind::retry);
  CHECK(settled[1].first == 42);
  CHECK(settled[1].second.kind == SendResult::Kind::delivered);
  CHECK(settled[1].second.detail.find("late MDN") != std::string::npos);
  // Once delivered, nothing of this document waits any more: no further timeout.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(s.gw.host->settled_copy().size() == 2);
}
