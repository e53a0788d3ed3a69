// `edigate replay` and `edigate reprocess` against a store the real pipeline filled, with the
// store held open by the "gateway" (the harness) as a running one would hold it: the commands
// only queue work, the harness's next drain does it.
#include "cli/commands.hpp"
#include "gateway_harness.hpp"
#include "metrics/registry.hpp"
#include "pipeline/store_admin_backend.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace edigate;
using test::GatewayHarness;
using test::run_cli;

namespace {

const std::filesystem::path kInbound = test::source_dir() / "samples" / "inbound";

/// The gateway configuration with deliveries to "wms" failing for good: its folder cannot be
/// created while DATA/blocked is a file, and one attempt is all a delivery gets.
void wms_blocked(std::string& xml) {
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = xml.find(from);
    REQUIRE(at != std::string::npos);
    xml.replace(at, from.size(), to);
  };
  replace("max-attempts=\"10\"", "max-attempts=\"1\"");
  replace("path=\"delivered/wms\"", "path=\"blocked/wms\"");
}

std::vector<store::WorkItem> work_of(GatewayHarness& h, const std::string& subject, store::WorkKind kind) {
  std::vector<store::WorkItem> out;
  const auto all = h.store->work_for(subject);
  REQUIRE(all.ok());
  for (const auto& w : all.value())
    if (w.kind == kind) out.push_back(w);
  return out;
}

std::set<std::string> ids(const std::vector<store::MessageRecord>& messages) {
  std::set<std::string> out;
  for (const auto& m : messages) out.insert(m.id);
  return out;
}

}  // namespace

TEST_CASE("replay ID delivers a delivered message again under the same id", "[cli][replay]") {
  GatewayHarness h;
  h.receive(kInbound / "acme_850_4010.edi");
  h.drain();
  const auto message = h.messages().at(0);
  REQUIRE(message.status == "delivered");
  const std::string file = message.id + ".json";
  REQUIRE(std::filesystem::remove(h.data / "delivered" / "erp" / file));  // the ERP lost it

  auto replayed = run_cli(cli::cmd_replay, {message.id, "--data", h.data.string()});
  INFO(replayed.err);
  REQUIRE(replayed.code == 0);
  CHECK_THAT(replayed.out, Catch::Contains("queued delivery of " + message.id + " to erp"));
  CHECK_THAT(replayed.out, Catch::Contains("queued delivery of " + message.id + " to archive"));
  CHECK_THAT(replayed.out, Catch::Contains("2 work item(s) queued"));
  CHECK(h.store->message(message.id).value().status == "routed");

  // A second replay before the first is done would deliver twice for nothing.
  auto twice = run_cli(cli::cmd_replay, {message.id, "--data", h.data.string()});
  CHECK(twice.code == cli::kExitInvalid);
  CHECK_THAT(twice.err, Catch::Contains("already queued"));

  h.drain();
  CHECK(std::filesystem::exists(h.data / "delivered" / "erp" / file));
  CHECK(h.store->message(message.id).value().status == "delivered");
  auto events = h.store->events("message:" + message.id).value();
  CHECK(std::count_if(events.begin(), events.end(), [](auto& e) { return e.stage == "replayed"; }) == 2);

  auto unknown = run_cli(cli::cmd_replay, {"m-0000", "--data", h.data.string()});
  CHECK(unknown.code == cli::kExitInvalid);
  CHECK_THAT(unknown.err, Catch::Contains("no message m-0000"));
}

TEST_CASE("replay --dead-letter sends a destination's dead letters again once it is fixed", "[cli][replay]") {
  GatewayHarness h(wms_blocked);
  test::write_text(h.data / "blocked", "not a folder");
  h.receive(kInbound / "widgetworks_856_4010.edi");
  h.drain();
  auto messages = h.messages();
  REQUIRE(messages.size() == 1);
  const auto& notice = messages[0];
  CHECK(notice.type == "ship_notice");
  CHECK(notice.status == "dead");
  REQUIRE(work_of(h, notice.id, store::WorkKind::deliver).at(0).state == "dead");
  const std::string data = h.data.string();

  // Filters that match nothing queue nothing.
  auto other = run_cli(cli::cmd_replay, {"--dead-letter", "--destination", "erp", "--data", data});
  CHECK(other.code == 0);
  CHECK_THAT(other.out, Catch::Contains("0 work item(s) queued"));
  auto partner = run_cli(cli::cmd_replay, {"--dead-letter", "--partner", "acme-retail", "--data", data});
  CHECK_THAT(partner.out, Catch::Contains("0 work item(s) queued"));

  std::filesystem::remove(h.data / "blocked");  // the operator fixes the destination
  auto replayed =
      run_cli(cli::cmd_replay, {"--dead-letter", "--destination", "wms", "--partner", "widgetworks", "--data", data});
  INFO(replayed.err);
  REQUIRE(replayed.code == 0);
  CHECK_THAT(replayed.out, Catch::Contains("queued delivery of " + notice.id + " to wms (dead letter: "));
  CHECK_THAT(replayed.out, Catch::Contains("1 work item(s) queued"));
  auto item = work_of(h, notice.id, store::WorkKind::deliver).at(0);
  CHECK(item.state == "ready");
  CHECK(item.attempts == 0);

  h.drain();
  CHECK(std::filesystem::exists(h.data / "blocked" / "wms" / (notice.id + ".json")));
  CHECK(h.store->message(notice.id).value().status == "delivered");
}

TEST_CASE("replay --input processes a dead-lettered input once its partner is onboarded", "[cli][replay]") {
  GatewayHarness h({}, {"bluegrass-freight"});
  const auto tracking = test::source_dir() / "partners" / "bluegrass-freight" / "samples";
  const auto id = h.receive(tracking / "bluegrass_214_PRO40871125.edi");
  h.drain();
  CHECK(h.messages().empty());
  REQUIRE(h.store->input(id).value().state == "rejected");
  const std::string data = h.data.string();

  h.onboard("bluegrass-freight");
  auto replayed = run_cli(cli::cmd_replay, {"--input", std::to_string(id), "--data", data});
  INFO(replayed.err);
  REQUIRE(replayed.code == 0);
  CHECK_THAT(replayed.out, Catch::Contains("queued processing of input " + std::to_string(id) + " (dead letter: "));
  h.drain();
  auto messages = h.messages();
  REQUIRE(messages.size() == 5);  // the 214's five shipment status messages
  for (const auto& m : messages) CHECK(m.type == "tracking_event");
  CHECK(h.store->input(id).value().state == "processed");

  // Processed inputs are not dead letters; reprocess is the command for them.
  auto again = run_cli(cli::cmd_replay, {"--input", std::to_string(id), "--data", data});
  CHECK(again.code == cli::kExitInvalid);
  CHECK_THAT(again.err, Catch::Contains("edigate reprocess " + std::to_string(id)));
  CHECK(run_cli(cli::cmd_replay, {"--input", "x", "--data", data}).code == cli::kExitUsage);
  CHECK(run_cli(cli::cmd_replay, {"m-1", "--input", "1", "--data", data}).code == cli::kExitUsage);
}

TEST_CASE("replay --outbound sends a partner document again, and --dead-letter takes dead sends too", "[cli][replay]") {
  GatewayHarness h;
  h.receive(kInbound / "acme_850_4010.edi");
  h.drain();
  const auto sent = h.store->outbound_list("acme-retail", 10);
  REQUIRE(sent.ok());
  REQUIRE(sent.value().size() == 1);  // the 997
  const auto ack = sent.value().front();
  REQUIRE(ack.state == "sent");
  const std::string id = std::to_string(ack.id);

  // The partner says it never got the 997: sent again through its outbox.
  auto again = run_cli(cli::cmd_replay, {"--outbound", id, "--data", h.data.string()});
  INFO(again.err);
  REQUIRE(again.code == 0);
  CHECK_THAT(again.out, Catch::Contains("queued send of outbound document " + id + " (send again (sent before))"));
  CHECK(h.store->outbound(ack.id).value().state == "queued");
  auto twice = run_cli(cli::cmd_replay, {"--outbound", id, "--data", h.data.string()});
  CHECK(twice.code == cli::kExitInvalid);
  CHECK_THAT(twice.err, Catch::Contains("is queued"));
  CHECK(h.drain() == 1);
  CHECK(h.store->outbound(ack.id).value().state == "sent");
  CHECK(work_of(h, id, store::WorkKind::send).size() == 2);

  // A send that died (a transport refused it for good) comes back with --dead-letter.
  REQUIRE(h.store
              ->run([&](store::Unit& unit) -> Result<void> {
                store::WorkItem dead;
                EDIGATE_TRY(dead.id, unit.enqueue(store::WorkKind::send, id, "", 5, 0));
                EDIGATE_TRY_VOID(unit.set_outbound_state(ack.id, "failed"));
                return unit.finish(dead, {store::WorkOutcome::Kind::dead, 0, "partner host refused the upload"});
              })
              .ok());
  auto other = run_cli(cli::cmd_replay, {"--dead-letter", "--partner", "globex-foods", "--data", h.data.string()});
  REQUIRE(other.code == 0);
  CHECK_THAT(other.out, Catch::Contains("0 work item(s) queued"));
  auto only_wms = run_cli(cli::cmd_replay, {"--dead-letter", "--destination", "wms", "--data", h.data.string()});
  REQUIRE(only_wms.code == 0);
  CHECK_THAT(only_wms.out, Catch::Contains("0 work item(s) queued"));  // a destination filter: deliveries only
  auto dead = run_cli(cli::cmd_replay, {"--dead-letter", "--partner", "acme-retail", "--data", h.data.string()});
  INFO(dead.err);
  REQUIRE(dead.code == 0);
  CHECK_THAT(dead.out,
             Catch::Contains("queued send of outbound document " + id + " (dead letter: partner host refused"));
  CHECK(h.store->outbound(ack.id).value().state == "queued");
  CHECK(h.drain() == 1);
  CHECK(h.store->outbound(ack.id).value().state == "sent");

  auto unknown = run_cli(cli::cmd_replay, {"--outbound", "999999", "--data", h.data.string()});
  CHECK(unknown.code == cli::kExitInvalid);
  CHECK_THAT(unknown.err, Catch::Contains("no outbound document 999999"));
  auto bad = run_cli(cli::cmd_replay, {"--outbound", "x1", "--data", h.data.string()});
  CHECK(bad.code == cli::kExitUsage);
}

TEST_CASE("reprocess translates an input again: same message ids, no second acknowledgement", "[cli][reprocess]") {
  GatewayHarness h;
  const auto id = h.receive(kInbound / "acme_850_4010.edi");
  h.drain();
  const auto before = ids(h.messages());
  REQUIRE(before.size() == 2);
  REQUIRE(h.files_in("outbox/acme-retail").size() == 1);
  const auto outbound_before = h.store->outbound_list("", 100).value().size();

  auto queued = run_cli(cli::cmd_reprocess, {std::to_string(id), "--data", h.data.string()});
  INFO(queued.err);
  REQUIRE(queued.code == 0);
  CHECK_THAT(queued.out, Catch::Contains("queued processing of input " + std::to_string(id)));
  auto twice = run_cli(cli::cmd_reprocess, {std::to_string(id), "--data", h.data.string()});
  CHECK(twice.code == cli::kExitInvalid);
  CHECK_THAT(twice.err, Catch::Contains("already queued"));

  h.drain();
  CHECK(ids(h.messages()) == before);
  // No second 997: not stored, not in the partner's outbox.
  CHECK(h.store->outbound_list("", 100).value().size() == outbound_before);
  CHECK(h.files_in("outbox/acme-retail").size() == 1);
  for (const auto& m : before) {
    auto events = h.store->events("message:" + m).value();
    CHECK(std::any_of(events.begin(), events.end(),
                      [](auto& e) { return e.stage == "translated" && e.outcome == "reprocessed"; }));
    // Delivered again, under the same id.
    CHECK(work_of(h, m, store::WorkKind::deliver).size() == 4);
    CHECK(h.store->message(m).value().status == "delivered");
  }
  auto input_events = h.store->events("input:" + std::to_string(id)).value();
  CHECK(std::count_if(input_events.begin(), input_events.end(), [](auto& e) { return e.stage == "acknowledged"; }) ==
        1);
  CHECK(std::any_of(input_events.begin(), input_events.end(), [](auto& e) { return e.stage == "reprocess"; }));

  auto unknown = run_cli(cli::cmd_reprocess, {"42", "--data", h.data.string()});
  CHECK(unknown.code == cli::kExitInvalid);
  CHECK_THAT(unknown.err, Catch::Contains("no input 42"));
}

TEST_CASE("the admin API's replay is the command's, with not_found and conflict codes for 404 and 409",
          "[cli][replay]") {
  GatewayHarness h;
  h.receive(kInbound / "acme_850_4010.edi");
  h.drain();
  const auto id = h.messages().at(0).id;
  metrics::Registry registry;
  int woken = 0;
  pipeline::StoreAdminBackend backend(*h.ctx, registry, [&] { ++woken; });
  auto replayed = backend.replay(id);
  REQUIRE(replayed.ok());
  CHECK(replayed.value().status == "routed");
  CHECK(woken == 1);
  CHECK(work_of(h, id, store::WorkKind::deliver).size() == 4);
  auto again = backend.replay(id);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "pipeline.replay.conflict");
  auto unknown = backend.replay("m-0000");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "pipeline.replay.not_found");

  // POST /api/v1/outbound/{id}/replay: the 997 sent to the partner, sent again.
  const auto ack = h.store->outbound_list("acme-retail", 10).value().front();
  auto resent = backend.replay_outbound(std::to_string(ack.id));
  REQUIRE(resent.ok());
  CHECK(resent.value().status == "queued");
  CHECK(woken == 2);
  CHECK(h.store->outbound(ack.id).value().state == "queued");
  auto resent_twice = backend.replay_outbound(std::to_string(ack.id));
  REQUIRE_FALSE(resent_twice.ok());
  CHECK(resent_twice.error().code == "pipeline.replay.conflict");
  for (const char* bad : {"x", "", "99999"}) {
    auto none = backend.replay_outbound(bad);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == "pipeline.replay.not_found");
  }
}
