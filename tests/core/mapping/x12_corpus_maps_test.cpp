// The X12 base maps on the public corpus (../shared/corpus, read with the real X12 reader):
// every 850/856/810/214/997 transaction set MANIFEST marks valid, in a version we ship maps
// for, translates without error and gives a message valid against docs/canonical. And the HL
// hierarchy stays linear: a generated 856 with ~100k HLs translates with the right counts.
#include "corpus.hpp"
#include "x12_maps_support.hpp"
#include "x12_plugin.hpp"

#include <edigate/input.hpp>

#include <set>

using namespace edigate;
using namespace edigate::test;

namespace {

const std::set<std::string> kCorpusSets{"850", "856", "810", "214", "997"};

// Transaction sets whose data cannot make a valid canonical message. Each must fail with
// exactly this error code, so the list cannot hide a regression.
struct KnownDefect {
  const char* path;
  const char* control;  // ST02
  const char* code;
  const char* why;
};
const KnownDefect kKnownDefects[] = {
    {"x12/bots/850-004010.15.x12", "0004", "mapping.field.required",
     "PO1|1|25|EA|||UP|71711964140: an 11-digit UPC (12 required) is the line's only item id"},
};

const KnownDefect* known_defect(const std::string& path, std::string_view control) {
  for (const auto& k : kKnownDefects)
    if (path == k.path && control == k.control) return &k;
  return nullptr;
}

std::string type_of(const std::string& set) {
  static const std::map<std::string, std::string> kTypes{{"850", "purchase_order"},
                                                         {"856", "ship_notice"},
                                                         {"810", "invoice"},
                                                         {"214", "tracking_event"},
                                                         {"997", "functional_ack"}};
  return kTypes.at(set);
}

}  // namespace

TEST_CASE("corpus X12 850/856/810/214/997 files translate with the base maps into valid canonical messages",
          "[mapping][x12][corpus]") {
  auto entries = corpus_manifest("X12");
  std::map<std::string, mapping::MapPtr> maps;
  std::map<std::string, std::shared_ptr<const schema::CompiledSchema>> schemas;
  std::vector<Poco::JSON::Object::Ptr> messages;
  std::vector<std::string> origins;
  int files = 0;
  for (const auto& entry : entries) {
    if (entry.expect != "valid") continue;  // known-bad files are the validator's business
    bool wanted = false;
    for (const auto& s : kCorpusSets) wanted = wanted || entry.sets.find(s) != std::string::npos;
    if (!wanted) continue;
    INFO(entry.path);
    std::unique_ptr<FormatPlugin> x12(static_cast<FormatPlugin*>(x12::create_plugin()));
    std::string bytes = read_file(entry.file);
    MemoryInput in(bytes, entry.path);
    // The maps are under test, not validation: each transaction set straight from the X12
    // reader (schema verdicts are corpus_validation_test's), as the maps would get it.
    ReaderOptions options;
    options.file = entry.path;
    auto reader = x12->open(in, options);
    REQUIRE(reader.ok());
    int translated = 0;
    Event ev;
    for (;;) {
      auto more = (*reader)->next(ev);
      REQUIRE(more.ok());
      if (!*more) break;
      if (ev.kind != EventKind::transaction || ev.segments.empty() || !ev.delimiters) continue;
      std::string set(ev.info.set_id), version(ev.info.version);
      if (!kCorpusSets.count(set) || (version != "004010" && version != "005010")) continue;
      std::string key = version + "/" + set;
      if (!maps.count(key)) {
        maps[key] = base_map(version, set, "inbound");
        schemas[key] = x12_schema(version, set);
      }
      mapping::TranslateContext ctx;
      ctx.file = entry.path;
      ctx.default_offset = "-05:00";  // what a partner profile supplies for zone-less times
      auto r = mapping::translate(*maps[key], *schemas[key], ev.segments, *ev.delimiters, ctx);
      if (const auto* known = known_defect(entry.path, ev.info.control)) {
        INFO(known->why);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == known->code);
        continue;
      }
      if (!r) {
        CHECK(r.error().to_string() == "");
        continue;
      }
      messages.push_back(
          with_envelope(type_of(set), set, version, std::string(ev.info.control), r.value(), ctx.correlation));
      origins.push_back(entry.path + " ST02=" + std::string(ev.info.control));
      ++translated;
    }
    if (translated > 0) ++files;
  }
  auto results = validate_messages(messages);
  for (std::size_t i = 0; i < results.size(); ++i) {
    INFO(origins[i]);
    if (results[i].rfind("valid ", 0) != 0) CHECK(results[i] == "valid");  // shows why
  }
  WARN("corpus files translated: " << files << ", transaction sets: " << messages.size());
  CHECK(files >= 15);
}

TEST_CASE("an 856 with about 100k HL levels rebuilds its hierarchy with the right counts", "[mapping][x12][hl]") {
  // 1 S, 2000 O, 16 P per order, 2 I per pack: 1 + 2000 * (1 + 16 * 3) = 98001 HLs.
  constexpr int kOrders = 2000, kPacks = 16, kItems = 2;
  std::string text = "ST*856*0001~\nBSN*00*BIG1*20260312*1200*0001~\nHL*1**S~\nDTM*011*20260312~\n";
  int id = 1, segments = 5;
  for (int o = 0; o < kOrders; ++o) {
    int oid = ++id;
    text += "HL*" + std::to_string(oid) + "*1*O~\nPRF*PO" + std::to_string(o) + "~\n";
    segments += 2;
    for (int p = 0; p < kPacks; ++p) {
      int pid = ++id;
      text += "HL*" + std::to_string(pid) + "*" + std::to_string(oid) + "*P~\nMAN*GM*00614141" +
              std::to_string(100000000 + pid) + "0~\n";
      segments += 2;
      for (int i = 0; i < kItems; ++i) {
        text += "HL*" + std::to_string(++id) + "*" + std::to_string(pid) + "*I~\nLIN**VP*ITEM" + std::to_string(i) +
                "~\nSN1**1*EA~\n";
        segments += 3;
      }
    }
  }
  text += "SE*" + std::to_string(segments + 1) + "*0001~\n";
  EdiFixture edi(text, kFixtureX12);
  auto map = base_map("004010", "856", "inbound");
  auto schema = x12_schema("004010", "856");
  mapping::TranslateContext ctx;
  auto r = mapping::translate(*map, *schema, edi.transaction(0), kFixtureX12, ctx);
  if (!r) FAIL(r.error().to_string());
  auto orders = r.value()->getArray("orders");
  REQUIRE(orders);
  CHECK(orders->size() == kOrders);
  std::size_t packs = 0, items = 0;
  for (std::size_t o = 0; o < orders->size(); ++o) {
    auto ps = orders->getObject(o)->getArray("packs");
    packs += ps->size();
    for (std::size_t p = 0; p < ps->size(); ++p) items += ps->getObject(p)->getArray("items")->size();
  }
  CHECK(packs == std::size_t(kOrders) * kPacks);
  CHECK(items == std::size_t(kOrders) * kPacks * kItems);
  CHECK(id == 98001);
}
