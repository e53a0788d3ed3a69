// IFTSTA statuses dated without a time of day (DTM 334 in format 102): the base maps carry the
// date alone as event_date, never an invented midnight and never an error, and write it back
// as format 102. A status that also has a timed DTM 334 keeps its timestamp only.
#include "edifact_support.hpp"

#include "mapping/edi_messages.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

// Three statuses of one consignment: dated only (102), timed (203), and both.
const char* kIftsta =
    "UNA:+.? '"
    "UNB+UNOC:3+8790000000014:14+5412345000013:14+260604:0800+TVR0604'"
    "UNH+MSG0604+IFTSTA:D:96A:UN'"
    "BGM+23+ST-20260604-01+9'"
    "DTM+137:202606040800:203'"
    "RFF+BM:BOL-55-0978'"
    "CNI+1+SHP-0978'"
    "STS+1+13'"
    "RFF+CN:TRK7781201'"
    "DTM+334:20260602:102'"
    "STS+1+31'"
    "DTM+334:202606031415:203'"
    "STS+1+21'"
    "DTM+334:20260604:102'"
    "DTM+334:202606040930:203'"
    "UNT+14+MSG0604'"
    "UNZ+1+TVR0604'";

struct Event {
  Poco::JSON::Object::Ptr body, message;
};

std::vector<Event> translate_iftsta(const std::string& version, const std::string& text) {
  auto map = base_map("edifact/" + version + "/IFTSTA.inbound.xml");
  std::vector<Event> out;
  for_each_message(text, "iftsta.edi", [&](const MessageView& m) {
    for (const auto& e : schema_errors(m, "iftsta.edi")) FAIL_CHECK(e.to_string());
    auto schema = schema::load_schema(src("plugins/edifact/schemas/" + m.version + "/IFTSTA.xml"));
    REQUIRE(schema.ok());
    mapping::TranslateContext ctx;
    ctx.file = "iftsta.edi";
    ctx.default_offset = "+01:00";
    auto r = mapping::translate_messages(*map, *schema.value(), m.segments, *m.delimiters, ctx);
    if (!r) FAIL(r.error().to_string());
    for (auto& msg : r.value()) {
      if (msg.error) FAIL(msg.error->to_string());
      out.push_back({msg.body, with_envelope(msg.body, "tracking_event", "edifact", m.version, "IFTSTA", "iftsta.edi",
                                             msg.correlation, out.size())});
    }
  });
  return out;
}

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o->has(key) ? o->getValue<std::string>(key) : std::string("<absent>");
}

}  // namespace

TEST_CASE("IFTSTA statuses dated without a time of day carry event_date and no timestamp",
          "[mapping][edifact][maps][iftsta]") {
  for (const std::string version : {"D96A", "D01B"}) {
    INFO(version);
    std::string text = kIftsta;
    if (version == "D01B") text.replace(text.find("D:96A"), 5, "D:01B");
    auto events = translate_iftsta(version, text);
    REQUIRE(events.size() == 3);
    CHECK(text_of(events[0].body, "event_date") == "2026-06-02");
    CHECK(text_of(events[0].body, "timestamp") == "<absent>");
    CHECK(text_of(events[1].body, "timestamp") == "2026-06-03T14:15:00+01:00");
    CHECK(text_of(events[1].body, "event_date") == "<absent>");
    // a status with both: the time of day wins, the date-only DTM adds nothing
    CHECK(text_of(events[2].body, "timestamp") == "2026-06-04T09:30:00+01:00");
    CHECK(text_of(events[2].body, "event_date") == "<absent>");
    std::vector<Poco::JSON::Object::Ptr> messages;
    for (const auto& e : events) messages.push_back(e.message);
    for (const auto& line : validate_canonical(messages)) CHECK(line.rfind("valid ", 0) == 0);
  }
}

TEST_CASE("an IFTSTA event_date goes back as DTM 334 format 102 and round-trips",
          "[mapping][edifact][maps][iftsta][roundtrip]") {
  auto events = translate_iftsta("D96A", kIftsta);
  REQUIRE(events.size() == 3);
  auto out = base_map("edifact/D96A/IFTSTA.outbound.xml");
  mapping::TranslateContext ctx;
  ctx.control_number = "RT1";
  auto rendered = mapping::render(*out, events[0].message, ctx);
  if (!rendered) FAIL(rendered.error().to_string());
  const std::string edi = write_message(rendered.value());
  INFO(edi);
  CHECK(edi.find("DTM+334:20260602:102'") != std::string::npos);
  CHECK(edi.find(":203'") == std::string::npos);  // no invented time
  auto back = translate_iftsta("D96A", edi);
  REQUIRE(back.size() == 1);
  CHECK(json_line(back[0].body) == json_line(events[0].body));
}

TEST_CASE("an IFTSTA status with no DTM 334 is an error of its own, the others still translate",
          "[mapping][edifact][maps][iftsta]") {
  std::string text = kIftsta;
  text.replace(text.find("DTM+334:20260602:102'"), 21, "");
  text.replace(text.find("UNT+14"), 6, "UNT+13");
  auto map = base_map("edifact/D96A/IFTSTA.inbound.xml");
  std::size_t n = 0;
  for_each_message(text, "iftsta.edi", [&](const MessageView& m) {
    auto schema = schema::load_schema(src("plugins/edifact/schemas/D96A/IFTSTA.xml"));
    REQUIRE(schema.ok());
    mapping::TranslateContext ctx;
    ctx.default_offset = "+01:00";
    auto r = mapping::translate_messages(*map, *schema.value(), m.segments, *m.delimiters, ctx);
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 3);
    REQUIRE(r.value()[0].error);
    CHECK(r.value()[0].error->code == "mapping.field.required");
    CHECK(r.value()[0].error->position.segment_tag == "STS");
    CHECK_FALSE(r.value()[1].error);
    CHECK_FALSE(r.value()[2].error);
    ++n;
  });
  CHECK(n == 1);
}
