// Carrier tracking JSON maps (maps/base/json): FedEx Track API and DHL Express MyDHL responses,
// written by us and from the shared corpus, to tracking_event messages valid against
// docs/canonical; and JSON documents that name a member twice are refused where they do it.
#include "corpus.hpp"
#include "edifact_support.hpp"

#include "mapping/json_source.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cstdlib>

using namespace edigate;
using namespace edigate::test;

namespace {

std::vector<Poco::JSON::Object::Ptr> translate_document(const std::string& map_rel, const std::string& text,
                                                        const std::string& file) {
  auto map = base_map(map_rel);
  auto doc = mapping::parse_json_document(text, file);
  if (!doc) FAIL(doc.error().to_string());
  mapping::TranslateContext ctx;
  ctx.file = file;
  ctx.default_offset = "+01:00";  // the partner's zone, for times the carrier sends without one
  auto bodies = mapping::translate_json(*map, doc.value(), ctx);
  if (!bodies) FAIL(bodies.error().to_string());
  std::vector<Poco::JSON::Object::Ptr> out;
  for (const auto& b : bodies.value()) {
    canonical::Correlation c;
    c.tracking_numbers = {b->getValue<std::string>("tracking_number")};
    out.push_back(with_envelope(b, "tracking_event", "json", "", "", file, c, out.size()));
  }
  return out;
}

std::string normalized(const std::string& json) {
  Poco::JSON::Parser parser;
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(parser.parse(json), out);
  return out.str();
}

void check_expected(const std::vector<Poco::JSON::Object::Ptr>& messages, const std::string& fixture) {
  std::string all;
  for (const auto& m : messages) all += (all.empty() ? "" : ",\n") + json_line(m);
  if (std::getenv("EDIGATE_WRITE_EXPECTED")) std::ofstream(src(fixture)) << "[" << all << "]\n";
  const std::string expected = read_text(src(fixture));
  REQUIRE_FALSE(expected.empty());
  CHECK(normalized("[" + all + "]") == normalized(expected));
}

}  // namespace

TEST_CASE("FedEx map: one event per tracked package from latestStatusDetail, not-found results skipped",
          "[mapping][json][fedex]") {
  auto got =
      translate_document("json/fedex.tracking.inbound.xml",
                         read_text(src("tests/core/mapping/fixtures/json/fedex_track.json")), "fedex_track.json");
  REQUIRE(got.size() == 2);
  CHECK(got[0]->getValue<std::string>("status") == "out_for_delivery");
  CHECK(got[0]->getValue<std::string>("timestamp") == "2026-12-01T07:42:00-05:00");
  CHECK(got[1]->getValue<std::string>("status") == "delivered");
  check_expected(got, "tests/core/mapping/fixtures/json/fedex_track.expected.json");
  for (const auto& line : validate_canonical(got)) CHECK(line.rfind("valid ", 0) == 0);
}

TEST_CASE("DHL map: one event per shipment from its newest event, with DHL's own GMT offset", "[mapping][json][dhl]") {
  auto got = translate_document("json/dhl.tracking.inbound.xml",
                                read_text(src("tests/core/mapping/fixtures/json/dhl_track.json")), "dhl_track.json");
  REQUIRE(got.size() == 2);
  CHECK(got[0]->getValue<std::string>("status") == "out_for_delivery");
  CHECK(got[0]->getValue<std::string>("timestamp") == "2026-12-01T09:14:00+01:00");
  // MyDHL sends the estimate in local time without an offset: the partner default applies.
  CHECK(got[0]->getValue<std::string>("estimated_delivery") == "2026-12-02T18:00:00+01:00");
  CHECK(got[1]->getValue<std::string>("timestamp") == "2026-11-29T11:02:00+00:00");
  check_expected(got, "tests/core/mapping/fixtures/json/dhl_track.expected.json");
  for (const auto& line : validate_canonical(got)) CHECK(line.rfind("valid ", 0) == 0);
}

TEST_CASE("carrier maps translate the corpus FedEx, DHL and UPS responses into valid tracking events",
          "[mapping][json][corpus]") {
  auto dir = corpus_dir_or_skip();
  const std::pair<const char*, const char*> files[] = {
      {"carrier-json/karrio/fedex_tracking_response.json", "json/fedex.tracking.inbound.xml"},
      {"carrier-json/karrio/mydhl_tracking_response.json", "json/dhl.tracking.inbound.xml"},
      {"carrier-json/karrio/ups_tracking_response.json", "json/ups.tracking.inbound.xml"}};
  std::vector<Poco::JSON::Object::Ptr> all;
  for (const auto& [file, map] : files) {
    INFO(file);
    auto got = translate_document(map, read_file(dir / file), file);
    CHECK(got.size() == 1);  // FedEx: the second result is a not-found error, not an event
    all.insert(all.end(), got.begin(), got.end());
  }
  REQUIRE(all.size() == 3);
  // From the files: FedEx latestStatusDetail PU at SEATTLE; MyDHL events[0] OK at 18:00 +00:00.
  CHECK(all[0]->getValue<std::string>("status") == "picked_up");
  CHECK(all[0]->getValue<std::string>("timestamp") == "2018-02-02T12:01:00-07:00");
  CHECK(all[1]->getValue<std::string>("status") == "delivered");
  CHECK(all[1]->getValue<std::string>("timestamp") == "2024-11-07T18:00:00+00:00");
  CHECK(all[1]->getValue<std::string>("signed_by") == "J. Smith");
  for (const auto& line : validate_canonical(all)) CHECK(line.rfind("valid ", 0) == 0);
}

TEST_CASE("a JSON object with the same member twice is refused at the second key", "[mapping][json][duplicate]") {
  const std::string text =
      "{\"shipments\": [\n  {\"id\": \"A\", \"events\": []},\n  {\"id\": \"B\", \"status\": {\"code\": 1, \"code\": "
      "2}}\n]}";
  auto r = mapping::parse_json_document(text, "dup.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "mapping.json.duplicate_key");
  CHECK(r.error().found == "code");
  CHECK(r.error().position.file == "dup.json");
  CHECK(r.error().position.has_offset);
  CHECK(r.error().position.offset == text.find("\"code\": 2"));
  CHECK(r.error().position.line == 3);
  CHECK(r.error().position.column == text.find("\"code\": 2") - text.rfind('\n', text.find("\"code\": 2")));
  CHECK(r.error().message.find("/shipments/1/status") != std::string::npos);

  // Escaped keys are compared as the text they stand for: "\u0041" is "A".
  auto escaped = mapping::parse_json_document(R"({"A": 1, "\u0041": 2})", "esc.json");
  REQUIRE_FALSE(escaped.ok());
  CHECK(escaped.error().position.offset == 9);

  // The same name in different objects, and repeated values, are fine.
  auto ok = mapping::parse_json_document(R"({"a": {"k": 1}, "b": {"k": 1}, "c": [{"k": 1}, {"k": 1}]})", "ok.json");
  REQUIRE(ok.ok());
  auto bad = mapping::parse_json_document("{\"a\": ", "bad.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "mapping.json.invalid");
}
