// Sends that asked for an asynchronous MDN which does not come: the partner's endpoint, on each
// poll, settles them after mdn-timeout-seconds as retry (the host sends again, under a new
// Message-ID), and after mdn-attempts sends without one as permanent (a dead letter). This holds
// without any AS2 listener. An MDN that comes after the timeout is still recorded; a replay after
// a dead letter gets the whole mdn-attempts again; a settlement the store refuses is retried.
// The partner is our libas2 peer, told to hold its MDNs back.
#include "libas2_peer.hpp"
#include "plugin_fixture.hpp"

#include <sqlite3.h>

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

struct AsyncSetup {
  Libas2Peer peer;
  int port = free_port();
  fs::path out = peer.work.path / "received";
  Gateway gw;
  std::unique_ptr<TransportListener> listener;  ///< only where the test wants MDNs to arrive
  std::unique_ptr<TransportEndpoint> ep;

  explicit AsyncSetup(store::StoreOptions options = {}) : gw(options) {
    Pki& pki = Pki::get();
    peer.add("GATEWAY", pki.gateway, false);
    peer.add("PARTNER", pki.partner, true);
  }
  /// The endpoint toward the peer (async MDN): its MDN URL is the listener's when one was
  /// started, else an address nobody serves.
  TransportEndpoint& open(const std::string& timeout, const std::string& attempts, const std::string& mdn = "async") {
    Pki& pki = Pki::get();
    const std::string mdn_url = listener ? url_of(*listener) : "http://127.0.0.1:9/as2";
    ep = gw.open(gw.config("http://127.0.0.1:" + std::to_string(port) + "/as2", "GATEWAY", {pki.gateway}, "PARTNER",
                           {pki.partner},
                           {{"mdn", mdn},
                            {"mdn-url", mdn_url},
                            {"mdn-timeout-seconds", timeout},
                            {"mdn-attempts", attempts},
                            {"timeout-seconds", "30"}}));
    return *ep;
  }
  /// Sends outbound document `id` (attempt 0, as the host's send after a settlement or a replay)
  /// and requires it pending; returns its Message-ID.
  std::string send_pending(std::int64_t id) {
    const SendResult r = ep->send(outbound(id));
    INFO(r.detail);
    REQUIRE(r.kind == SendResult::Kind::pending);
    return r.remote_id;
  }
  /// Polls the endpoint as the host's scheduler does until `n` settlements were recorded.
  bool settled(std::size_t n, std::chrono::seconds limit = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (gw.host->settled_copy().size() < n && std::chrono::steady_clock::now() < deadline) {
      (void)ep->poll(*gw.host);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return gw.host->settled_copy().size() >= n;
  }
  /// Polls for `d` and returns how many settlements there are then.
  std::size_t settled_after(std::chrono::milliseconds d) {
    const auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
      (void)ep->poll(*gw.host);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return gw.host->settled_copy().size();
  }
  SendResult::Kind kind(std::size_t i) { return gw.host->settled_copy().at(i).second.kind; }
  std::string detail(std::size_t i) { return gw.host->settled_copy().at(i).second.detail; }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("an async MDN that never comes: sent again under a new Message-ID, then a dead letter after mdn-attempts",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --no-async-mdn");
  auto& ep = s.open("1", "2");
  CHECK(ep.role().polls);  // the host polls it: that is where the timeout is checked
  const SendResult first = ep.send(outbound(41));
  INFO(first.detail);
  REQUIRE(first.kind == SendResult::Kind::pending);
  REQUIRE(s.settled(1));
  auto settled = s.gw.host->settled_copy();
  CHECK(settled[0].first == 41);
  CHECK(settled[0].second.kind == SendResult::Kind::retry);
  CHECK(contains(settled[0].second.detail, "no MDN for " + first.remote_id));
  CHECK(contains(settled[0].second.detail, "send 1 of 2"));

  // What the host's new send does: attempt 0 of a new work item; the Message-ID still differs.
  const SendResult second = ep.send(outbound(41));
  REQUIRE(second.kind == SendResult::Kind::pending);
  CHECK(second.remote_id != first.remote_id);
  REQUIRE(s.settled(2));
  settled = s.gw.host->settled_copy();
  CHECK(settled[1].first == 41);
  CHECK(settled[1].second.kind == SendResult::Kind::permanent);
  CHECK(contains(settled[1].second.detail, "send 2 of 2"));
  CHECK(payloads_in(s.out) == 2);  // the partner got both sends; nothing more is settled
  CHECK(s.settled_after(std::chrono::milliseconds(2500)) == 2);
}

TEST_CASE("a send left waiting for an async MDN still times out after the partner is switched to sync MDNs",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --no-async-mdn");
  s.open("1", "1");
  const std::string waiting = s.send_pending(45);
  // The onboarding team switches the partner to sync MDNs: the endpoint is reopened over the
  // same work folder, where the async send is still recorded as waiting.
  s.ep.reset();
  auto& ep = s.open("1", "1", "sync");
  CHECK(ep.role().polls);
  REQUIRE(s.settled(1));
  CHECK(s.gw.host->settled_copy()[0].first == 45);
  CHECK(s.kind(0) == SendResult::Kind::permanent);
  CHECK(contains(s.detail(0), "no MDN for " + waiting));
}

TEST_CASE("AS2 poll-seconds sets how often overdue MDNs are checked, and a bad value is refused",
          "[as2][plugin][mdn][config]") {
  Gateway gw;
  Pki& pki = Pki::get();
  auto config = [&](const std::string& poll) {
    return gw.config("http://127.0.0.1:9/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner},
                     {{"mdn", "async"}, {"mdn-url", "http://127.0.0.1:9/as2"}, {"poll-seconds", poll}});
  };
  bool listed = false;
  for (const auto& o : gw.plugin->spec().options)
    listed = listed || (o.name == "poll-seconds" && o.default_value == "60");
  CHECK(listed);  // the host schedules the endpoint's polls by it
  CHECK(gw.plugin->open(config("5"), *gw.host).ok());
  for (const std::string bad : {"0", "abc", "3601"}) {
    auto refused = gw.plugin->open(config(bad), *gw.host);
    REQUIRE_FALSE(refused.ok());
    CHECK(contains(refused.error().message, "'poll-seconds' must be 1..3600"));
  }
}

TEST_CASE("async MDN timeouts are settled with no AS2 listener at all: the endpoint's poll does it",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;  // no listener: the MDN URL points nowhere, and the peer never answers anyway
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --no-async-mdn");
  auto& ep = s.open("1", "1");
  const SendResult sent = ep.send(outbound(44));
  INFO(sent.detail);
  REQUIRE(sent.kind == SendResult::Kind::pending);
  REQUIRE(s.settled(1));
  CHECK(s.kind(0) == SendResult::Kind::permanent);
  CHECK(contains(s.detail(0), "(send 1 of 1): no attempts left"));
  const TransportHealth h = ep.health();
  bool counted = false;
  for (const auto& g : h.gauges) counted = counted || (g.name == "mdn_timeouts" && g.value == 1);
  CHECK(counted);
}

TEST_CASE("an async MDN that comes after the timeout is still recorded: delivered, marked late",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;
  s.listener = s.gw.listen();
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --async-mdn-delay-ms 4000");
  auto& ep = s.open("1", "3");
  const SendResult sent = ep.send(outbound(42));
  INFO(sent.detail);
  REQUIRE(sent.kind == SendResult::Kind::pending);
  REQUIRE(s.settled(2, std::chrono::seconds(30)));
  const auto settled = s.gw.host->settled_copy();
  CHECK(settled[0].second.kind == SendResult::Kind::retry);
  CHECK(settled[1].first == 42);
  CHECK(settled[1].second.kind == SendResult::Kind::delivered);
  CHECK(contains(settled[1].second.detail, "late MDN"));
  // Once delivered, nothing of this document waits any more: no further timeout.
  CHECK(s.settled_after(std::chrono::milliseconds(2500)) == 2);
}

TEST_CASE("a dead-lettered async send replayed inside the late-MDN window gets mdn-attempts again",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --no-async-mdn");
  auto& ep = s.open("1", "2");
  CHECK(ep.role().polls);
  std::vector<std::string> ids;
  for (std::size_t n = 1; n <= 2; ++n) {  // the first life: two sends, no MDN, a dead letter
    ids.push_back(s.send_pending(45));
    REQUIRE(s.settled(n));
  }
  REQUIRE(s.kind(1) == SendResult::Kind::permanent);
  // The operator replays it (the host's send starts at attempt 0 again) while the first life's
  // sends are still kept for late MDNs: a new Message-ID, and the first timeout retries.
  const std::string replayed = s.send_pending(45);
  CHECK(std::find(ids.begin(), ids.end(), replayed) == ids.end());
  REQUIRE(s.settled(3));
  CHECK(s.kind(2) == SendResult::Kind::retry);
  CHECK(contains(s.detail(2), "(send 1 of 2): sending again"));
  s.send_pending(45);
  REQUIRE(s.settled(4));
  CHECK(s.kind(3) == SendResult::Kind::permanent);
  CHECK(contains(s.detail(3), "(send 2 of 2): no attempts left"));
  CHECK(payloads_in(s.out) == 4);
}

TEST_CASE("a late MDN of a dead-lettered send's first life, after its replay, is recorded once",
          "[as2][plugin][libas2][mdn]") {
  AsyncSetup s;
  s.listener = s.gw.listen();
  // Every MDN comes 6 s late: the first life (two sends, 1 s timeouts) is dead before the first
  // MDN arrives, and the replay is waiting when it does.
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --async-mdn-delay-ms 6000");
  s.open("1", "2");
  s.send_pending(46);
  REQUIRE(s.settled(1));
  s.send_pending(46);
  REQUIRE(s.settled(2));
  REQUIRE(s.kind(1) == SendResult::Kind::permanent);
  s.send_pending(46);  // the replay
  // The replay's own timeout first (a retry: its life has one more send), then the first send's
  // late MDN: delivered, once; the MDNs of the later sends then match nothing waiting.
  REQUIRE(s.settled(4, std::chrono::seconds(30)));
  CHECK(s.kind(2) == SendResult::Kind::retry);
  CHECK(contains(s.detail(2), "send 1 of 2"));
  CHECK(s.kind(3) == SendResult::Kind::delivered);
  CHECK(contains(s.detail(3), "late MDN"));
  CHECK(s.settled_after(std::chrono::milliseconds(6000)) == 4);
  std::size_t delivered = 0;
  for (const auto& [id, r] : s.gw.host->settled_copy()) delivered += r.kind == SendResult::Kind::delivered;
  CHECK(delivered == 1);
}

TEST_CASE("an MDN timeout the store cannot record is visible and retried until it is recorded",
          "[as2][plugin][libas2][mdn][store]") {
  store::StoreOptions options;
  options.busy_timeout_ms = 100;
  AsyncSetup s(options);
  s.gw.host->settle_through = true;  // the real host over the real SQLite store
  Libas2Server server(s.peer, s.port, "PARTNER", s.out, " --no-async-mdn");
  auto& ep = s.open("1", "3");
  store::OutboundRecord doc;
  doc.partner = "p-PARTNER";
  doc.kind = "document";
  doc.type = "850";
  doc.file_name = "po-47.x12";
  doc.body = sample_payload();
  doc.state = "awaiting";
  std::int64_t id = 0;
  REQUIRE(s.gw.store
              ->run([&](store::Unit& u) -> Result<void> {
                EDIGATE_TRY(id, u.put_outbound(doc));
                return {};
              })
              .ok());
  REQUIRE(ep.send(outbound(id)).kind == SendResult::Kind::pending);

  // Another process holds the database's write lock: the host's settle fails (store.busy).
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open((s.gw.dir.path / "data" / "edigate.db").c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto refused = ep.poll(*s.gw.host);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "transport.as2.mdn_timeout");
  CHECK(refused.error().category == ErrorCategory::transient);
  CHECK(contains(refused.error().message, "store.busy"));
  TransportHealth h = ep.health();
  CHECK_FALSE(h.ok);
  CHECK(contains(h.detail, "could not record"));
  double failures = 0;
  for (const auto& g : h.gauges)
    if (g.name == "mdn_timeout_settle_failures") failures = g.value;
  CHECK(failures == 1);
  {
    std::lock_guard lock(s.gw.host->mutex_);
    bool logged = false;
    for (const auto& l : s.gw.host->logs) logged = logged || contains(l, "as2.settle_failed");
    CHECK(logged);
  }
  CHECK(s.gw.host->settled_copy().empty());

  // The lock goes: the next poll records the timeout, and the document's send is queued again.
  REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  auto recorded = ep.poll(*s.gw.host);
  INFO((recorded.ok() ? std::string() : recorded.error().to_string()));
  REQUIRE(recorded.ok());
  REQUIRE(s.gw.host->settled_copy().size() == 1);
  CHECK(s.kind(0) == SendResult::Kind::retry);
  CHECK(s.gw.store->outbound(id).value().state == "queued");
  bool queued = false;
  const auto work = s.gw.store->work_for(std::to_string(id)).value();  // a copy: the Result is a temporary
  for (const auto& w : work) queued = queued || (w.kind == store::WorkKind::send && w.state == "ready");
  CHECK(queued);
  CHECK(ep.health().ok);
  CHECK(s.settled_after(std::chrono::milliseconds(300)) == 1);  // recorded once, not again
}
