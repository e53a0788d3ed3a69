// The crash proof of issue 10: while 2,000 interchanges flow from the inbox to the idempotent
// demo receiver, `edigate serve` is killed with SIGKILL at random moments (at least five times
// while work is in flight) and restarted each time. At the end every transaction was delivered
// exactly once by idempotency key, none is lost, and every interchange got exactly one 997.
//
// Bounded: every wait has a deadline, the whole test one of its own (kTestLimit), ctest a hard
// timeout (CMakeLists.txt). EDIGATE_CRASH_INTERCHANGES and EDIGATE_CRASH_SEED change the size and
// the kill moments (the seed is printed so a failing run can be repeated).
#include "acme_850.hpp"
#include "gateway_process.hpp"
#include "temp_dir.hpp"

#include "store/store.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <set>

using namespace edigate;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr auto kTestLimit = 170s;
constexpr int kMinKillsInFlight = 5;
constexpr int kMaxKills = 8;

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

/// The 997s in the outbox: how many, and how often each group control number (AK1*PO*n) is
/// acknowledged.
struct AckCount {
  std::size_t files = 0, sets = 0;
  std::map<long, int> groups;
};

AckCount count_acks(const fs::path& outbox) {
  AckCount c;
  std::error_code ec;
  for (fs::directory_iterator it(outbox, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!it->is_regular_file() || name.ends_with(".tmp") || name[0] == '.') continue;
    ++c.files;
    std::string segment;
    std::istringstream in(test::read_file(it->path()));
    while (std::getline(in, segment, '~')) {
      while (!segment.empty() && (segment.front() == '\n' || segment.front() == '\r')) segment.erase(0, 1);
      if (segment.rfind("ST*997*", 0) == 0) ++c.sets;
      if (segment.rfind("AK1*PO*", 0) == 0) ++c.groups[std::atol(segment.c_str() + 7)];
    }
  }
  return c;
}

}  // namespace

TEST_CASE("kill -9 at random moments while 2,000 interchanges flow loses, repeats and double-acknowledges nothing",
          "[pipeline][crash][slow]") {
  const auto started = test::Clock::now();
  const auto deadline = started + kTestLimit;
  auto left = [&] { return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - test::Clock::now()); };
  const int interchanges = env_int("EDIGATE_CRASH_INTERCHANGES", 2000);
  const unsigned seed = static_cast<unsigned>(env_int("EDIGATE_CRASH_SEED", static_cast<int>(std::random_device{}())));
  std::mt19937 random(seed);
  std::cout << "crash test: " << interchanges << " interchanges, seed " << seed << " (EDIGATE_CRASH_SEED)\n";

  test::TempDir dir("crash");
  test::DemoReceiver receiver(dir.path / "receiver");
  const fs::path config = dir.path / "gateway.xml";
  test::write_text(
      config,
      test::gateway_xml(
          receiver.url("/erp"),
          R"(max-attempts="50" base-ms="100" cap-ms="1000" jitter-percent="20" timeout-ms="5000" breaker-failures="1000" breaker-open-ms="1000")"));
  const fs::path data = dir.path / "data";
  const fs::path inbox = data / "inbox" / "acme-retail";
  const fs::path outbox = data / "outbox" / "acme-retail";
  const fs::path archive = data / "delivered" / "archive";

  // Every fourth interchange carries two transactions.
  long transactions = 0;
  for (int n = 1; n <= interchanges; ++n) {
    const int sets = n % 4 == 0 ? 2 : 1;
    transactions += sets;
    test::drop_file(inbox, "po-" + std::to_string(n) + ".edi", test::acme_850(n, sets));
  }

  test::ServeProcess serve(config, data);
  auto finished = [&] {
    return test::files_in(inbox) == 0 && receiver.stat("unique") >= transactions &&
           count_acks(outbox).sets >= static_cast<std::size_t>(interchanges) &&
           test::files_in(archive, ".json") >= static_cast<std::size_t>(transactions);
  };

  // Kill while the work flows, at moments tied to progress rather than to the clock (a fast
  // machine finishes 2,000 interchanges in a few seconds): before each kill either a short random
  // pause after the start (landing in recovery and intake) or the moment the receiver has seen a
  // random share of the transactions (landing in processing, acknowledging and delivery). The
  // shares are drawn up front, sorted and all below 90%, so every kill finds work in flight.
  int kills = 0, kills_in_flight = 0;
  std::uniform_int_distribution<int> short_pause_ms(50, 400);
  std::uniform_int_distribution<int> coin(0, 3);
  std::uniform_real_distribution<double> share(0.05, 0.88);
  std::vector<long> thresholds;
  for (int i = 0; i < kMaxKills; ++i) thresholds.push_back(static_cast<long>(share(random) * transactions));
  std::sort(thresholds.begin(), thresholds.end());
  while (kills < kMaxKills && left() > 60s) {
    serve.require_start();
    if (coin(random) == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(short_pause_ms(random)));
    } else {
      const long target = thresholds[static_cast<std::size_t>(kills)];
      test::wait_until([&] { return receiver.stat("unique") >= target; }, std::min(left() - 60s, 20000ms), 5ms);
    }
    REQUIRE(serve.running());
    const bool in_flight = !finished();
    const long unique_before = receiver.stat("unique");
    serve.kill9();
    ++kills;
    if (in_flight) ++kills_in_flight;
    std::cout << "  kill -9 #" << kills << (in_flight ? "" : " (after the work was done)") << ": inbox "
              << test::files_in(inbox) << ", delivered " << unique_before << "/" << transactions << ", 997s "
              << count_acks(outbox).sets << "/" << interchanges << "\n";
    if (!in_flight) break;
  }
  INFO("kill -9 with work in flight " << kills_in_flight << " time(s)");
  CHECK(kills_in_flight >= kMinKillsInFlight);

  // The last run finishes the work.
  serve.require_start();
  const bool done = test::wait_until(finished, left() - 10s, 100ms);
  const auto stats = receiver.stats();
  REQUIRE(stats);
  const AckCount acks = count_acks(outbox);
  const std::size_t archived = test::files_in(archive, ".json");
  const long received = stats->getValue<long>("received");
  const long unique = stats->getValue<long>("unique");
  const long duplicates = stats->getValue<long>("duplicates");
  std::cout << "crash test: " << kills << " kill -9 (" << kills_in_flight << " in flight), "
            << std::chrono::duration_cast<std::chrono::seconds>(test::Clock::now() - started).count() << " s\n"
            << "  interchanges " << interchanges << ", transactions " << transactions << "\n"
            << "  receiver: received " << received << ", unique " << unique << ", duplicates " << duplicates
            << " (redeliveries of a message whose delivery was not yet recorded when killed)\n"
            << "  archive folder: " << archived << " messages\n"
            << "  outbox: " << acks.files << " files, " << acks.sets << " 997 sets, " << acks.groups.size()
            << " distinct groups acknowledged\n"
            << "  inbox left: " << test::files_in(inbox) << "\n";
  INFO("serve log tail:\n" << serve.tail_of_log());
  REQUIRE(done);

  // SIGTERM drains; then the store itself says nothing is queued, leased or dead.
  REQUIRE(serve.terminate() == 0);
  CHECK(unique == transactions);
  CHECK(received == unique + duplicates);
  CHECK(stats->getObject("by_type")->getValue<long>("purchase_order") == transactions);
  CHECK(archived == static_cast<std::size_t>(transactions));
  CHECK(acks.sets == static_cast<std::size_t>(interchanges));
  CHECK(acks.files == static_cast<std::size_t>(interchanges));
  CHECK(acks.groups.size() == static_cast<std::size_t>(interchanges));
  std::vector<long> twice, missing;
  for (long n = 1; n <= interchanges; ++n) {
    auto found = acks.groups.find(n);
    if (found == acks.groups.end()) {
      missing.push_back(n);
    } else if (found->second != 1) {
      twice.push_back(n);
    }
  }
  CHECK(twice.empty());
  CHECK(missing.empty());

  auto store = store::open_sqlite_store(data, store::StoreOptions{}, false);
  REQUIRE(store);
  for (auto kind : {store::WorkKind::process, store::WorkKind::deliver, store::WorkKind::send}) {
    auto counts = (*store)->queue_counts(kind);
    REQUIRE(counts);
    INFO(store::to_string(kind));
    CHECK(counts->ready == 0);
    CHECK(counts->leased == 0);
    CHECK(counts->waiting == 0);
    CHECK(counts->dead == 0);
  }
  std::cout << "  store: process, deliver and send queues empty, no dead letters\n";
  REQUIRE(receiver.stop() == 0);
}
