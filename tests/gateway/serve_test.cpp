// `edigate serve` driven from outside, as an operator and a partner see it: files dropped into the
// inbox, deliveries to the demo receiver misbehaving on purpose, the admin API, SIGTERM. Each
// test runs its own gateway and receiver on port 0 in a temp dir; every wait is bounded.
#include "acme_850.hpp"
#include "gateway_process.hpp"
#include "temp_dir.hpp"

#include "store/store.hpp"

#include <catch2/catch.hpp>

#include <Poco/Net/ServerSocket.h>

#include <regex>

using namespace edigate;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* kQuickRetries =
    R"(max-attempts="1000" base-ms="100" cap-ms="500" jitter-percent="0" timeout-ms="5000" )"
    R"(breaker-failures="100000" breaker-open-ms="1000")";

/// A port nothing listens on (bound, then released): connections to it are refused.
unsigned refused_port() {
  Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
  const unsigned port = s.address().port();
  s.close();
  return port;
}

/// One gateway in a temp dir: config written from `erp_url` and the <delivery> attributes.
struct Gateway {
  test::TempDir dir{"serve"};
  fs::path config = dir.path / "gateway.xml";
  fs::path data = dir.path / "data";
  fs::path inbox = data / "inbox" / "acme-retail";
  test::ServeProcess serve{config, data};

  void configure(const std::string& erp_url, const std::string& delivery = kQuickRetries) {
    test::write_text(config, test::gateway_xml(erp_url, delivery));
  }
  /// Drops acme-retail 850 interchanges first..last (one transaction each).
  void drop(int first, int last) {
    for (int n = first; n <= last; ++n)
      test::drop_file(inbox, "po-" + std::to_string(n) + ".edi", test::acme_850(n, 1));
  }
  /// The ids of acme-retail's messages, through the admin API.
  std::vector<std::string> message_ids() {
    std::vector<std::string> ids;
    auto r = serve.get("/api/v1/messages?partner=acme-retail&limit=100");
    REQUIRE(r.status == 200);
    auto items = r.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) ids.push_back(items->getObject(i)->getValue<std::string>("id"));
    return ids;
  }
  /// The message's events (stage, outcome, detail) through the admin API.
  std::vector<std::array<std::string, 3>> events(const std::string& id) {
    std::vector<std::array<std::string, 3>> out;
    auto r = serve.get("/api/v1/messages/" + id);
    REQUIRE(r.status == 200);
    auto events = r.json()->getArray("events");
    for (std::size_t i = 0; i < events->size(); ++i) {
      auto e = events->getObject(i);
      out.push_back(
          {e->getValue<std::string>("stage"), e->getValue<std::string>("outcome"), e->getValue<std::string>("detail")});
    }
    return out;
  }
  /// Delivery events to erp (not the archive folder) of one message, as "outcome: detail".
  std::vector<std::string> erp_deliveries(const std::string& id) {
    std::vector<std::string> out;
    for (const auto& [stage, outcome, detail] : events(id))
      if (stage == "delivered" && detail.rfind("to erp", 0) == 0) out.push_back(outcome + ": " + detail);
    return out;
  }
  std::unique_ptr<store::Store> open_store() {
    auto s = store::open_sqlite_store(data, store::StoreOptions{}, false);
    REQUIRE(s);
    return std::move(s).value();
  }
};

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("SIGTERM drains and exits 0, and a restart resumes the queued work", "[gateway][serve]") {
  Gateway g;
  // First run: erp refuses connections, so every delivery is queued for a retry when SIGTERM comes.
  g.configure("http://127.0.0.1:" + std::to_string(refused_port()) + "/erp");
  g.drop(1, 20);
  g.serve.require_start();
  INFO("serve log:\n" << g.serve.tail_of_log());
  REQUIRE(test::wait_until([&] { return test::files_in(g.inbox) == 0 && g.message_ids().size() == 20; }, 30s));
  REQUIRE(g.serve.terminate(30s) == 0);
  {
    auto store = g.open_store();
    auto deliver = store->queue_counts(store::WorkKind::deliver);
    REQUIRE(deliver);
    CHECK(deliver->leased == 0);  // drained: nothing left held by the stopped run
    CHECK(deliver->dead == 0);
    CHECK(deliver->ready + deliver->waiting == 20);  // erp only; the archive folder took them all
  }

  // Second run: the receiver is up; the queued deliveries go out without new input.
  test::DemoReceiver receiver(g.dir.path / "receiver");
  g.configure(receiver.url("/erp"));
  g.serve.require_start();
  CHECK(test::wait_until([&] { return receiver.stat("unique") == 20; }, 30s));
  CHECK(receiver.stat("unique") == 20);
  CHECK(test::files_in(g.data / "delivered" / "archive", ".json") == 20);
  CHECK(test::files_in(g.data / "outbox" / "acme-retail") == 20);
  REQUIRE(g.serve.terminate(30s) == 0);
  auto deliver = g.open_store()->queue_counts(store::WorkKind::deliver);
  REQUIRE(deliver);
  CHECK(deliver->ready + deliver->waiting + deliver->leased + deliver->dead == 0);
}

TEST_CASE("a destination answering 500 then 200 is retried and the message delivered", "[gateway][serve]") {
  Gateway g;
  test::DemoReceiver receiver(g.dir.path / "receiver", {"--fail-first", "2", "--status", "500"});
  g.configure(receiver.url("/erp"));
  g.drop(1, 1);
  g.serve.require_start();
  INFO("serve log:\n" << g.serve.tail_of_log());
  REQUIRE(test::wait_until([&] { return receiver.stat("unique") == 1; }, 30s));
  CHECK(receiver.stat("rejected") == 2);
  const auto ids = g.message_ids();
  REQUIRE(ids.size() == 1);
  auto tries = g.erp_deliveries(ids[0]);
  INFO(joined(tries));
  REQUIRE(tries.size() == 3);
  CHECK(tries[0].rfind("retry: ", 0) == 0);
  CHECK(tries[0].find("500") != std::string::npos);
  CHECK(tries[1].rfind("retry: ", 0) == 0);
  CHECK(tries[2].rfind("ok: ", 0) == 0);
  CHECK(g.serve.terminate(30s) == 0);
}

TEST_CASE("a 429 with Retry-After is retried no sooner than the receiver asked", "[gateway][serve]") {
  Gateway g;
  test::DemoReceiver receiver(g.dir.path / "receiver", {"--fail-first", "1", "--status", "429", "--retry-after", "2"});
  // base-ms 100: without Retry-After the retry would come at once; the cap (which bounds any wait,
  // Retry-After included) is above the 2 s asked for.
  g.configure(receiver.url("/erp"), R"(max-attempts="5" base-ms="100" cap-ms="5000" jitter-percent="0" )"
                                    R"(timeout-ms="5000" breaker-failures="100" breaker-open-ms="1000")");
  g.drop(1, 1);
  g.serve.require_start();
  INFO("serve log:\n" << g.serve.tail_of_log());
  REQUIRE(test::wait_until([&] { return receiver.stat("rejected") == 1; }, 30s));
  const auto rejected_at = test::Clock::now();
  REQUIRE(test::wait_until([&] { return receiver.stat("unique") == 1; }, 30s));
  CHECK(test::Clock::now() - rejected_at >= 1800ms);
  const auto ids = g.message_ids();
  REQUIRE(ids.size() == 1);
  auto tries = g.erp_deliveries(ids[0]);
  INFO(joined(tries));
  REQUIRE(tries.size() == 2);
  CHECK(tries[0].rfind("retry: ", 0) == 0);
  CHECK(tries[0].find("429") != std::string::npos);
  std::smatch next;
  REQUIRE(std::regex_search(tries[0], next, std::regex("next in ([0-9]+) ms")));
  CHECK(std::stol(next[1]) >= 2000);
  CHECK(tries[1].rfind("ok: ", 0) == 0);
  CHECK(g.serve.terminate(30s) == 0);
}

TEST_CASE("a refusing destination dead-letters after max attempts and a replay delivers once it is up",
          "[gateway][serve]") {
  Gateway g;
  const unsigned port = refused_port();
  g.configure("http://127.0.0.1:" + std::to_string(port) + "/erp",
              R"(max-attempts="3" base-ms="50" cap-ms="200" jitter-percent="0" timeout-ms="2000" )"
              R"(breaker-failures="100" breaker-open-ms="1000")");
  g.drop(1, 1);
  g.serve.require_start();
  INFO("serve log:\n" << g.serve.tail_of_log());
  Poco::JSON::Array::Ptr dead;
  REQUIRE(test::wait_until(
      [&] {
        auto r = g.serve.get("/api/v1/dead-letters");
        if (r.status != 200) return false;
        dead = r.json()->getArray("items");
        return dead->size() == 1;
      },
      30s));
  auto letter = dead->getObject(0);
  CHECK(letter->getValue<std::string>("destination") == "erp");
  CHECK(letter->getValue<int>("attempts") == 3);
  const std::string id = letter->getValue<std::string>("message_id");
  auto tries = g.erp_deliveries(id);
  INFO(joined(tries));
  CHECK(tries.size() == 2);  // attempts 1 and 2 retried; the third is the dead letter
  bool dead_lettered = false;
  for (const auto& [stage, outcome, detail] : g.events(id)) dead_lettered |= stage == "dead_lettered";
  CHECK(dead_lettered);

  test::DemoReceiver receiver(g.dir.path / "receiver", {"--listen", "127.0.0.1:" + std::to_string(port)});
  REQUIRE(receiver.port() == port);
  auto replay = g.serve.post("/api/v1/messages/" + id + "/replay");
  INFO(replay.body);
  REQUIRE(replay.status == 202);
  CHECK(test::wait_until([&] { return receiver.stat("unique") == 1; }, 30s));
  auto after = g.serve.get("/api/v1/dead-letters");
  REQUIRE(after.status == 200);
  CHECK(after.json()->getArray("items")->size() == 0);
  CHECK(g.serve.terminate(30s) == 0);
}

TEST_CASE("POST /api/v1/outbound with an invalid canonical message answers 400 naming the field",
          "[gateway][serve][api]") {
  Gateway g;
  g.configure("http://127.0.0.1:" + std::to_string(refused_port()) + "/erp");
  g.serve.require_start();
  INFO("serve log:\n" << g.serve.tail_of_log());
  std::string message =
      test::read_file(EDIGATE_SOURCE_DIR "/partners/acme-retail/samples/acme_855_SO-2026-11873.jsonl");
  message = message.substr(0, message.find('\n'));
  const std::string good_field = R"("ack_type":"accepted_with_changes")";
  const auto at = message.find(good_field);
  REQUIRE(at != std::string::npos);
  message.replace(at, good_field.size(), R"("ack_type":42)");
  auto r = g.serve.post("/api/v1/outbound", message);
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.body.find("ack_type") != std::string::npos);
  CHECK(r.json()->getObject("error")->getValue<std::string>("pointer") == "/ack_type");
  CHECK(test::files_in(g.data / "outbox" / "acme-retail") == 0);
  CHECK(g.serve.terminate(30s) == 0);
}

TEST_CASE("an unknown partner's file is dead-lettered and its bytes kept", "[gateway][serve]") {
  Gateway g;
  g.configure("http://127.0.0.1:" + std::to_string(refused_port()) + "/erp");
  std::string unknown = test::acme_850(9, 1);
  for (const std::string from : {"ACMERETAIL     ", "ACMERETAIL*"}) {
    const std::string to = from.size() == 15 ? "NOBODYINC      " : "NOBODYINC*";
    for (auto p = unknown.find(from); p != std::string::npos; p = unknown.find(from, p + to.size()))
      unknown.replace(p, from.size(), to);
  }
  REQUIRE(unknown.find("NOBODYINC      *ZZ*EDIGATEDEMO") != std::string::npos);
  test::drop_file(g.inbox, "from-nobody.edi", unknown);
  g.serve.require_start();
  INFO("serve log:\n" << g.serve.tail_of_log());
  // Taken in (the inbox copy goes only once the store has it), then dead-lettered.
  REQUIRE(test::wait_until(
      [&] {
        return test::files_in(g.inbox) == 0 &&
               g.serve.tail_of_log(100000).find("pipeline.validated.failed") != std::string::npos;
      },
      30s));
  REQUIRE(g.serve.terminate(30s) == 0);
  auto store = g.open_store();
  auto process = store->queue_counts(store::WorkKind::process);
  REQUIRE(process);
  CHECK(process->dead == 1);
  const store::WorkKind kinds[] = {store::WorkKind::process};
  auto dead = store->work("dead", kinds, 10);
  REQUIRE(dead);
  REQUIRE(dead->size() == 1);
  INFO((*dead)[0].last_error);
  CHECK((*dead)[0].last_error.find("NOBODYINC") != std::string::npos);
  const std::int64_t input_id = std::stoll((*dead)[0].subject);
  auto bytes = store->input_bytes(input_id);
  REQUIRE(bytes);
  CHECK(*bytes == unknown);
  auto input = store->input(input_id);
  REQUIRE(input);
  CHECK(input->state == "rejected");
  CHECK(input->file_name == "from-nobody.edi");
  CHECK(test::files_in(g.data / "outbox" / "acme-retail") == 0);
}
