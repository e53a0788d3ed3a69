// The outbound flow with a real store: a canonical submission checked before it is stored,
// rendered with the partner's map and numbered from the store's counters, sent to the outbox,
// its functional ack awaited and reconciled when the partner's 997 arrives.
#include "pipeline/outbound_stage.hpp"
#include "pipeline/process_stage.hpp"
#include "pipeline/send_stage.hpp"
#include "transport_host/local_transports.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "stage_harness.hpp"

using namespace edigate;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The shared stage harness (the example partners, a real store, the folder outbox) with a drain
// of the outbound kinds and the inbound 997s that reconcile them.
struct Harness : test::StageHarness {
  void drain() {
    const store::WorkKind kinds[] = {store::WorkKind::render, store::WorkKind::send, store::WorkKind::process};
    while (true) {
      auto item = store->claim(kinds, "test", 60000);
      REQUIRE(item.ok());
      if (!item.value()) return;
      const auto& w = *item.value();
      auto done = w.kind == store::WorkKind::render ? pipeline::render_outbound(*ctx, w)
                  : w.kind == store::WorkKind::send ? pipeline::send_outbound(*ctx, transports->set(), w)
                                                    : pipeline::process_input(*ctx, w);
      INFO((done.ok() ? "" : done.error().to_string()));
      REQUIRE(done.ok());
    }
  }
};

const std::filesystem::path kAsn =
    std::filesystem::path(EDIGATE_SOURCE_DIR) / "partners/acme-retail/samples/acme_856_ASN-2026-30871.jsonl";

}  // namespace

TEST_CASE("a submitted ship notice is rendered, numbered by the store, sent, and reconciled with its 997",
          "[pipeline][outbound]") {
  Harness h;
  auto submitted = pipeline::submit_outbound(*h.ctx, first_line(read_file(kAsn)), "api");
  REQUIRE(submitted.ok());
  CHECK(submitted.value().partner == "acme-retail");
  CHECK(submitted.value().type == "ship_notice");
  h.drain();

  auto docs = h.store->outbound_list("acme-retail", 10).value();
  REQUIRE(docs.size() == 2);  // the submission and the document
  const auto& doc = docs[1];
  CHECK(doc.kind == "document");
  CHECK(doc.state == "sent");
  CHECK(doc.interchange_key == "acme-retail|group:5001");  // <control-numbers group-start="5001">
  CHECK(doc.ack_due_at > store::now_millis());
  const std::string edi = read_file(h.dir.path / "data/outbox/acme-retail" / doc.file_name);
  CHECK_THAT(edi, Catch::Contains("*000005001*"));
  CHECK_THAT(edi, Catch::Contains("ST*856*"));
  CHECK(h.store->message(submitted.value().message_id).value().status == "rendered");

  // Not overdue yet; overdue once its window has passed without an ack.
  CHECK(h.store->overdue_acks(store::now_millis()).value().empty());
  CHECK(h.store->overdue_acks(doc.ack_due_at + 1).value().size() == 1);

  // ACME's 997 for group 5001 arrives: the document is accepted, nothing is overdue any more.
  const std::string ack =
      "ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATEDEMO    *261201*0800*U*00401*000000777*0*P*>~\n"
      "GS*FA*ACMERETAIL*EDIGATEDEMO*20261201*0800*777*X*004010~\n"
      "ST*997*0001~\nAK1*SH*5001~\nAK9*A*1*1*1~\nSE*4*0001~\nGE*1*777~\nIEA*1*000000777~\n";
  REQUIRE(h.store->receive({"folder", "ack.edi", "", "ack.edi", ack}).ok());
  h.drain();
  auto after = h.store->outbound_list("acme-retail", 10).value();
  CHECK(after[1].ack_status == "accepted");
  CHECK(h.store->overdue_acks(doc.ack_due_at + 1).value().empty());

  // The next document takes the next numbers, even after a reopen of the store.
  h.store.reset();
  h.store = std::move(store::open_sqlite_store(h.dir.path / "data", {})).value();
  h.ctx.reset(new pipeline::StageContext{*h.runtime, *h.store, h.routes, h.dir.path / "data", {}});
  h.transports =
      std::move(transport_host::LocalTransports::open(h.runtime->plugins(), *h.store, h.dir.path / "data")).value();
  std::string second = first_line(read_file(kAsn));
  second.replace(second.find("ASN-2026-30871"), 14, "ASN-2026-30872");
  second.replace(second.find("m-a80364a940eb8aad961abcf6781428bf"), 34, "m-a80364a940eb8aad961abcf678142800");
  auto again = pipeline::submit_outbound(*h.ctx, second, "api");
  REQUIRE(again.ok());
  h.drain();
  auto all = h.store->outbound_list("acme-retail", 10).value();
  for (auto& r : all) INFO(r.kind << " " << r.type << " " << r.interchange_key);
  REQUIRE(all.size() >= 4);
  CHECK(all.back().interchange_key == "acme-retail|group:5002");
}

TEST_CASE("a submission that fails its schema is refused before anything is stored, naming the field",
          "[pipeline][outbound]") {
  Harness h;
  std::string bad = first_line(read_file(kAsn));
  bad.replace(bad.find("\"asn_date\":\"2026-11-30\""), 23, "\"asn_date\":\"yesterday\"");
  auto refused = pipeline::submit_outbound(*h.ctx, bad, "api");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "render.message.invalid");
  CHECK_THAT(refused.error().message, Catch::Contains("/asn_date"));
  CHECK(h.store->outbound_list("", 10).value().empty());

  auto not_json = pipeline::submit_outbound(*h.ctx, "{\"type\":", "api");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.error().code == "outbound.json.invalid");
}

TEST_CASE("the same submission twice is recognised, not rendered twice", "[pipeline][outbound]") {
  Harness h;
  const std::string line = first_line(read_file(kAsn));
  auto first = pipeline::submit_outbound(*h.ctx, line, "api");
  auto second = pipeline::submit_outbound(*h.ctx, line, "api");
  REQUIRE((first.ok() && second.ok()));
  CHECK_FALSE(first.value().duplicate);
  CHECK(second.value().duplicate);
  CHECK(second.value().message_id == first.value().message_id);
  h.drain();
  std::size_t documents = 0;
  const auto listed = h.store->outbound_list("acme-retail", 10);
  REQUIRE(listed.ok());
  for (const auto& r : listed.value()) documents += r.kind == "document";
  CHECK(documents == 1);
}
