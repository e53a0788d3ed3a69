// The operations commands beside running workers (the gateway's worker pool, two threads
// claiming from the store as `edigate serve` runs them) and across a restart: the commands only
// queue work, the workers do it, now or at the next start.
#include "cli/commands.hpp"
#include "gateway_harness.hpp"
#include "pipeline/workers.hpp"

#include <catch2/catch.hpp>

#include <mutex>
#include <thread>

using namespace edigate;
using test::run_cli;

namespace {

/// Polls `done` for up to 90 s (idle workers look for work every 250 ms).
template <typename Predicate>
bool eventually(Predicate done) {
  // Generous: the workers run beside a loaded machine's other tests (2 cores).
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

/// Stage failures the workers report (Catch2 assertions are not for other threads).
struct StageErrors {
  std::mutex mutex;
  std::vector<std::string> texts;
};

std::unique_ptr<pipeline::Workers> start_workers(test::GatewayHarness& h, StageErrors& errors) {
  std::map<store::WorkKind, pipeline::Workers::Stage> stages;
  auto& ctx = *h.ctx;
  stages[store::WorkKind::process] = [&ctx](const store::WorkItem& w) { return pipeline::process_input(ctx, w); };
  stages[store::WorkKind::send] = [&ctx, &h](const store::WorkItem& w) {
    return pipeline::send_outbound(ctx, h.transports->set(), w);
  };
  stages[store::WorkKind::render] = [&ctx](const store::WorkItem& w) { return pipeline::render_outbound(ctx, w); };
  stages[store::WorkKind::deliver] = [&h](const store::WorkItem& w) {
    return pipeline::deliver_message(*h.ctx, *h.destinations, *h.retry, w);
  };
  auto workers = std::make_unique<pipeline::Workers>(*h.store, std::move(stages), pipeline::Workers::Options{},
                                                     [&errors](const Error& e) {
                                                       std::lock_guard lock(errors.mutex);
                                                       errors.texts.push_back(e.to_string());
                                                     });
  workers->start();
  return workers;
}

std::size_t deliveries_done(test::GatewayHarness& h, const std::string& id) {
  std::size_t done = 0;
  const auto work = h.store->work_for(id);
  for (const auto& w : work.value())
    if (w.kind == store::WorkKind::deliver && w.state == "done") ++done;
  return done;
}

}  // namespace

TEST_CASE("reprocess and replay are done by running workers, or by the next start's", "[cli][live]") {
  test::GatewayHarness h;
  StageErrors errors;
  auto workers = start_workers(h, errors);
  h.receive(test::source_dir() / "samples" / "inbound" / "acme_850_4010.edi");
  REQUIRE(eventually([&] {
    auto m = h.messages();
    return m.size() == 2 && m[0].status == "delivered" && m[1].status == "delivered";
  }));
  const auto before = h.messages();
  const std::string data = h.data.string();
  const auto acks = [&] { return h.store->outbound_list("acme-retail", 100).value().size(); };
  REQUIRE(acks() == 1);

  auto reprocess = run_cli(cli::cmd_reprocess, {"1", "--data", data});
  INFO(reprocess.err);
  REQUIRE(reprocess.code == 0);
  // Translated again while running: same ids, delivered again (two destinations each), no
  // second 997.
  REQUIRE(eventually([&] { return deliveries_done(h, before[0].id) == 4 && deliveries_done(h, before[1].id) == 4; }));
  CHECK(h.messages().size() == 2);
  CHECK(acks() == 1);
  CHECK(h.files_in("outbox/acme-retail").size() == 1);

  auto replay = run_cli(cli::cmd_replay, {before[0].id, "--data", data});
  REQUIRE(replay.code == 0);
  CHECK(eventually([&] { return deliveries_done(h, before[0].id) == 6; }));

  // Stopped: the replay waits in the store until workers run again.
  workers->stop();
  workers.reset();
  auto offline = run_cli(cli::cmd_replay, {before[1].id, "--data", data});
  REQUIRE(offline.code == 0);
  CHECK_THAT(offline.out, Catch::Contains("2 work item(s) queued"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(deliveries_done(h, before[1].id) == 4);
  workers = start_workers(h, errors);
  CHECK(eventually([&] { return deliveries_done(h, before[1].id) == 6; }));
  CHECK(eventually([&] { return h.store->message(before[1].id).value().status == "delivered"; }));
  workers->stop();
  CHECK(errors.texts.empty());
}
