// The EDIFACT base maps (maps/base/edifact/D96A, D01B): each inbound map on a hand-written
// fixture gives the hand-checked expected message, every message is valid canonical JSON, every
// inbound/outbound pair round-trips (EDI -> A -> EDI -> B, A == B) and what the outbound maps
// render is valid against the shipped EDIFACT schema.
#include "edifact_support.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cstdlib>

using namespace edigate;
using namespace edigate::test;

namespace {

struct Pair {
  const char* stem;  // file name before .inbound.xml / .edi: the message, or message.variant
  const char* set;
  const char* type;
  bool outbound;
  // false: base maps for D96A only
  bool d01b = true;
};
constexpr Pair kPairs[] = {{"ORDERS", "ORDERS", "purchase_order", true},
                           {"ORDRSP", "ORDRSP", "purchase_order_ack", true},
                           {"ORDRSP.change", "ORDRSP", "purchase_order_change_ack", true},
                           {"DESADV", "DESADV", "ship_notice", true},
                           {"INVOIC", "INVOIC", "invoice", true},
                           {"IFTSTA", "IFTSTA", "tracking_event", true},
                           {"CONTRL", "CONTRL", "functional_ack", false},
                           {"ORDCHG", "ORDCHG", "purchase_order_change", true},
                           {"INVRPT", "INVRPT", "inventory_report", true},
                           {"RECADV", "RECADV", "receiving_advice", true},
                           {"REMADV", "REMADV", "remittance_advice", true},
                           {"IFTMIN", "IFTMIN", "load_tender", true},
                           {"DELFOR", "DELFOR", "planning_schedule", true},
                           {"DELJIT", "DELJIT", "shipping_schedule", true},
                           {"SLSRPT", "SLSRPT", "sales_report", true},
                           {"PRICAT", "PRICAT", "price_catalog", true}};
constexpr const char* kVersions[] = {"D96A", "D01B"};

// Map ids are lower case with '-' for the '.' of a variant: ORDRSP.change -> ordrsp-change.
std::string lower(std::string s) {
  for (char& c : s) c = c == '.' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Key order does not matter when comparing with the expected file: both sides are re-read into
// Poco's sorted objects and printed again.
std::string normalized(const std::string& json) {
  Poco::JSON::Parser parser;
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(parser.parse(json), out);
  return out.str();
}

struct Translated {
  Poco::JSON::Object::Ptr body, message;
};

std::vector<Translated> translate_all(const mapping::CompiledMap& map, const std::string& text, const std::string& file,
                                      const char* type) {
  std::vector<Translated> out;
  for_each_message(text, file, [&](const MessageView& m) {
    auto schema = schema::load_schema(src("plugins/edifact/schemas/" + m.version + "/" + m.set + ".xml"));
    if (!schema) FAIL(schema.error().to_string());
    auto errors = schema_errors(m, file);
    for (const auto& e : errors) FAIL_CHECK(e.to_string());
    mapping::TranslateContext ctx;
    ctx.file = file;
    ctx.default_offset = "+01:00";
    auto r = mapping::translate(map, *schema.value(), m.segments, *m.delimiters, ctx);
    if (!r) FAIL(r.error().to_string());
    out.push_back(
        {r.value(), with_envelope(r.value(), type, "edifact", m.version, m.set, file, ctx.correlation, out.size())});
  });
  return out;
}

}  // namespace

TEST_CASE("EDIFACT base maps: hand-written fixtures give the expected canonical messages", "[mapping][edifact][maps]") {
  std::vector<Poco::JSON::Object::Ptr> all;
  for (const char* version : kVersions) {
    for (const Pair& p : kPairs) {
      if (!p.d01b && std::string(version) == "D01B") continue;
      INFO(version << " " << p.stem);
      auto map = base_map("edifact/" + std::string(version) + "/" + p.stem + ".inbound.xml");
      CHECK(map->id == "edifact-" + lower(version) + "-" + lower(p.stem) + "-inbound");
      CHECK(map->version == version);
      CHECK(map->set == p.set);
      const std::string fixture = "tests/core/mapping/fixtures/edifact/" + std::string(version) + "/" + p.stem;
      auto got = translate_all(*map, read_text(src(fixture + ".edi")), std::string(p.stem) + ".edi", p.type);
      REQUIRE(got.size() == 1);
      const std::string line = json_line(got[0].message);
      if (std::getenv("EDIGATE_WRITE_EXPECTED")) std::ofstream(src(fixture + ".expected.json")) << line << "\n";
      const std::string expected = read_text(src(fixture + ".expected.json"));
      REQUIRE_FALSE(expected.empty());
      CHECK(normalized(line) == normalized(expected));
      all.push_back(got[0].message);
    }
  }
  for (const auto& line : validate_canonical(all)) CHECK(line.rfind("valid ", 0) == 0);
}

TEST_CASE("EDIFACT base maps round-trip: EDI -> canonical -> EDI -> canonical, and the EDI is valid",
          "[mapping][edifact][maps][roundtrip]") {
  for (const char* version : kVersions) {
    for (const Pair& p : kPairs) {
      if (!p.d01b && std::string(version) == "D01B") continue;
      if (!p.outbound) continue;
      INFO(version << " " << p.stem);
      const std::string base = "edifact/" + std::string(version) + "/" + p.stem;
      auto in = base_map(base + ".inbound.xml");
      auto out = base_map(base + ".outbound.xml");
      CHECK(out->id == "edifact-" + lower(version) + "-" + lower(p.stem) + "-outbound");
      const std::string fixture = "tests/core/mapping/fixtures/edifact/" + base.substr(8) + ".edi";
      auto a = translate_all(*in, read_text(src(fixture)), "a.edi", p.type);
      REQUIRE(a.size() == 1);
      mapping::TranslateContext ctx;
      ctx.control_number = "RT1";
      auto rendered = mapping::render(*out, a[0].message, ctx);
      if (!rendered) FAIL(rendered.error().to_string());
      const std::string edi = write_message(rendered.value());
      INFO(edi);
      std::size_t n = for_each_message(edi, "rendered.edi", [&](const MessageView& m) {
        CHECK(m.set == p.set);
        CHECK(m.version == version);
        for (const auto& e : schema_errors(m, "rendered.edi")) FAIL_CHECK(e.to_string());
      });
      CHECK(n == 1);
      auto b = translate_all(*in, edi, "b.edi", p.type);
      REQUIRE(b.size() == 1);
      CHECK(json_line(b[0].body) == json_line(a[0].body));
    }
  }
}

TEST_CASE("D01B maps only override what differs from D96A", "[mapping][edifact][maps]") {
  for (const Pair& p : kPairs) {
    if (!p.d01b) continue;
    INFO(p.stem);
    const std::string d01b = read_text(src("maps/base/edifact/D01B/" + std::string(p.stem) + ".inbound.xml"));
    CHECK(d01b.find("extends=\"edifact-d96a-" + lower(p.stem) + "-inbound\"") != std::string::npos);
    // nothing to override inbound, but DELFOR: D01B regroups it (GIS groups for the delivery
    // points, SCC groups above the quantities), so its map restates the paths that move
    if (std::string(p.set) != "DELFOR") CHECK(d01b.find("<field") == std::string::npos);
  }
}
