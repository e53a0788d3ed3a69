// The inbound stage on the example partners with a real store: messages stored and routed,
// acknowledgements queued to the partner's outbox with control numbers from the store, repeats
// recorded and not acknowledged twice, a bad set not blocking the good one, an unknown sender
// dead-lettered until replayed.
#include "pipeline/process_stage.hpp"
#include "pipeline/send_stage.hpp"
#include "stage_harness.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "temp_dir.hpp"

using namespace edigate;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Harness : test::StageHarness {
  std::int64_t receive(const std::string& name, const std::string& bytes, const std::string& hint = "") {
    auto r = store->receive({"folder", name, hint, name, bytes});
    REQUIRE(r.ok());
    return r.value().input_id;
  }
  std::int64_t receive_sample(const std::string& sample) {
    return receive(sample, read_file(std::filesystem::path(EDIGATE_SOURCE_DIR) / "samples" / "inbound" / sample));
  }

  /// Runs every ready process and send item; returns how many ran.
  int drain() {
    int ran = 0;
    const store::WorkKind kinds[] = {store::WorkKind::process, store::WorkKind::send};
    while (true) {
      auto item = store->claim(kinds, "test", 60000);
      REQUIRE(item.ok());
      if (!item.value()) return ran;
      auto done = item.value()->kind == store::WorkKind::process
                      ? pipeline::process_input(*ctx, *item.value())
                      : pipeline::send_outbound(*ctx, transports->set(), *item.value());
      INFO((done.ok() ? "" : done.error().to_string()));
      REQUIRE(done.ok());
      ++ran;
    }
  }

  std::vector<store::MessageRecord> messages() {
    auto m = store->messages({});
    REQUIRE(m.ok());
    return m.value();
  }
  std::vector<std::filesystem::path> outbox(const std::string& partner) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (auto& e : std::filesystem::directory_iterator(dir.path / "data" / "outbox" / partner, ec))
      out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

TEST_CASE("an inbound interchange becomes stored, routed messages and a 997 in the partner's outbox", "[pipeline]") {
  Harness h;
  const auto id = h.receive_sample("acme_850_4010.edi");
  h.drain();
  auto messages = h.messages();
  REQUIRE(messages.size() == 2);  // two 850s in one interchange
  for (const auto& m : messages) {
    CHECK(m.type == "purchase_order");
    CHECK(m.partner == "acme-retail");
    CHECK(m.status == "routed");
    CHECK(m.input_id == id);
    // The gateway's "erp" replaces the profile's destination of that name; the profile's own
    // "archive" is scoped to the partner. Profile destinations come first.
    std::vector<std::string> targets;
    const auto work = h.store->work_for(m.id);
    REQUIRE(work.ok());
    for (auto& w : work.value()) targets.push_back(w.target);
    CHECK(targets == std::vector<std::string>{"erp", "acme-retail/archive"});
    CHECK_FALSE(h.store->correlation_keys(m.id).value().empty());
  }
  auto acks = h.outbox("acme-retail");
  REQUIRE(acks.size() == 1);
  const std::string ack = read_file(acks[0]);
  CHECK(ack.rfind("ISA", 0) == 0);
  CHECK_THAT(ack, Catch::Contains("ST*997*"));
  // acme-retail's <control-numbers interchange-start="5001">: the store's counter starts there.
  CHECK_THAT(ack, Catch::Contains("*000005001*"));
  CHECK(h.store->input(id).value().state == "processed");
  auto events = h.store->events("input:" + std::to_string(id)).value();
  std::vector<std::string> stages;
  for (auto& e : events) stages.push_back(e.stage);
  CHECK(stages == std::vector<std::string>{"received", "validated", "acknowledged"});
}

TEST_CASE("a repeated interchange under another file name is recorded, not processed or acknowledged again",
          "[pipeline]") {
  Harness h;
  h.receive_sample("acme_850_4010.edi");
  h.drain();
  const auto repeat = h.receive(
      "renamed.edi", read_file(std::filesystem::path(EDIGATE_SOURCE_DIR) / "samples/inbound/acme_850_4010.edi"));
  h.drain();
  CHECK(h.messages().size() == 2);
  CHECK(h.outbox("acme-retail").size() == 1);
  auto events = h.store->events("input:" + std::to_string(repeat)).value();
  REQUIRE(events.size() >= 3);
  CHECK(std::any_of(events.begin(), events.end(),
                    [](auto& e) { return e.stage == "received" && e.outcome == "duplicate"; }));
}

TEST_CASE("one bad transaction set does not block the good one of the same interchange", "[pipeline]") {
  Harness h;
  const auto id = h.receive_sample("northwind_850_5010_one_bad.edi");
  h.drain();
  auto messages = h.messages();
  REQUIRE(messages.size() == 1);
  auto acks = h.outbox("northwind");
  REQUIRE(acks.size() == 1);
  const std::string ack = read_file(acks[0]);
  CHECK_THAT(ack, Catch::Contains("ST*999*"));
  CHECK_THAT(ack, Catch::Contains("IK5*R"));
  CHECK_THAT(ack, Catch::Contains("IK5*A"));
  CHECK(h.store->input(id).value().state == "processed");
  auto events = h.store->events("input:" + std::to_string(id)).value();
  CHECK(events.at(1).outcome == "failed");
  CHECK_THAT(events.at(1).detail, Catch::Contains("northwind_850_5010_one_bad.edi"));
}

TEST_CASE("an interchange from an unknown sender is dead-lettered with the reason and processed after a replay",
          "[pipeline]") {
  Harness h;
  std::string edi = read_file(std::filesystem::path(EDIGATE_SOURCE_DIR) / "samples/inbound/acme_850_4010.edi");
  const auto at = edi.find("ACMERETAIL     ");
  REQUIRE(at != std::string::npos);
  edi.replace(at, 15, "STRANGER       ");
  const auto id = h.receive("stranger.edi", edi);
  h.drain();
  CHECK(h.messages().empty());
  CHECK(h.outbox("acme-retail").empty());
  const store::WorkKind process[] = {store::WorkKind::process};
  auto dead = h.store->work("dead", process, 10).value();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].subject == std::to_string(id));
  CHECK_THAT(dead[0].last_error, Catch::Contains("STRANGER"));
  CHECK(h.store->input(id).value().state == "rejected");

  // Replayed unchanged it is dead again (the configuration was not fixed): nothing is lost.
  CHECK(h.store->replay_dead(store::WorkKind::process, "", "").value() == 1);
  h.drain();
  CHECK(h.store->work("dead", process, 10).value().size() == 1);
}

TEST_CASE("a file that is not EDI is rejected with a clear reason and kept", "[pipeline]") {
  Harness h;
  const auto id = h.receive("notes.txt", "hello, this is not an interchange\n");
  h.drain();
  CHECK(h.store->input(id).value().state == "rejected");
  CHECK(h.store->input_bytes(id).value() == "hello, this is not an interchange\n");
  const store::WorkKind process[] = {store::WorkKind::process};
  auto dead = h.store->work("dead", process, 10).value();
  REQUIRE(dead.size() == 1);
  CHECK_THAT(dead[0].last_error, Catch::Contains("notes.txt"));
}

TEST_CASE("a carrier JSON document is read with the partner its inbox names", "[pipeline]") {
  Harness h;
  const auto folder = std::filesystem::path(EDIGATE_SOURCE_DIR) / "partners" / "ups-api" / "samples";
  std::filesystem::path sample;
  for (auto& e : std::filesystem::directory_iterator(folder))  // NOLINT
    if (e.path().extension() == ".json") sample = e.path();
  REQUIRE_FALSE(sample.empty());
  h.receive(sample.filename().string(), read_file(sample), "ups-api");
  h.drain();
  auto messages = h.messages();
  REQUIRE_FALSE(messages.empty());
  CHECK(messages[0].type == "tracking_event");
  CHECK(messages[0].partner == "ups-api");
}

TEST_CASE("an interchange naming another partner than the connection it came over is refused, not processed",
          "[pipeline][security]") {
  Harness h;
  const std::string po =
      read_file(std::filesystem::path(EDIGATE_SOURCE_DIR) / "samples" / "inbound" / "acme_850_4010.edi");
  // ACME's envelope, posted over Northwind's own connection (its API key, its SFTP server).
  auto spoofed = h.store->receive({"http-api", "req-1", "northwind", "po.edi", po});
  REQUIRE(spoofed.ok());
  h.drain();
  CHECK(h.messages().empty());
  CHECK(h.outbox("acme-retail").empty());  // no 997 to ACME for something ACME did not send
  CHECK(h.outbox("northwind").empty());
  CHECK(h.store->input(spoofed->input_id).value().state == "rejected");
  bool named = false;
  for (const auto& e : h.store->events("input:" + std::to_string(spoofed->input_id)).value())
    named = named || (e.outcome == "failed" && e.detail.find("pipeline.sender.mismatch") != std::string::npos &&
                      e.detail.find("acme-retail") != std::string::npos);
  CHECK(named);

  // Over ACME's own connection the same interchange is ACME's; the gateway's shared inbox only
  // suggests a partner, so the envelope decides there.
  REQUIRE(h.store->receive({"http-api", "req-2", "acme-retail", "po.edi", po}).ok());
  h.drain();
  CHECK(h.messages().size() == 2);
}
