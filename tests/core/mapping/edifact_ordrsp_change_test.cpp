// ORDRSP answers an order (ORDERS) or a change to it (ORDCHG). BGM 1225 alone cannot tell them
// apart (29, 4 and 27 answer both), so the change response map (ORDRSP.change.inbound.xml)
// recognises a change response by the change it quotes (RFF PP) or by BGM 1225 19 (seller
// initiated change), and refuses anything else with a positioned error instead of typing an
// order response as a change ack. The order response map still reads every order response.
#include "edifact_support.hpp"

#include "mapping/selector.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

// One ORDRSP body (UNH..UNT) in an interchange; `heading` goes between BGM and NAD.
std::string ordrsp(const std::string& bgm, const std::string& heading) {
  const std::string body = bgm + "DTM+137:20260525:102'" + heading +
                           "NAD+SU+8712345000004::9++DUTCH JUICE BV'"
                           "LIN+1+5+8712345678906:EN'"
                           "QTY+113:60:PCE'"
                           "UNS+S'";
  std::size_t segments = 2;  // UNH and UNT
  for (char c : body)
    if (c == '\'') ++segments;
  return "UNA:+.? 'UNB+UNOC:3+8712345000004:14+5412345000013:14+260525:0930+DJ0416'"
         "UNH+9+ORDRSP:D:96A:UN'" +
         body + "UNT+" + std::to_string(segments) + "+9'UNZ+1+DJ0416'";
}

struct Outcome {
  Poco::JSON::Object::Ptr body;
  std::optional<Error> error;
};

Outcome translate_with(const std::string& map_file, const std::string& text) {
  auto map = base_map("edifact/D96A/" + map_file);
  Outcome out;
  std::size_t n = for_each_message(text, "ordrsp.edi", [&](const MessageView& m) {
    for (const auto& e : schema_errors(m, "ordrsp.edi")) FAIL_CHECK(e.to_string());
    auto schema = schema::load_schema(src("plugins/edifact/schemas/D96A/ORDRSP.xml"));
    REQUIRE(schema.ok());
    mapping::TranslateContext ctx;
    ctx.file = "ordrsp.edi";
    auto r = mapping::translate(*map, *schema.value(), m.segments, *m.delimiters, ctx);
    if (r)
      out.body = r.value();
    else
      out.error = r.error();
  });
  REQUIRE(n == 1);
  return out;
}

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o->has(key) ? o->getValue<std::string>(key) : std::string("<absent>");
}

}  // namespace

TEST_CASE("an ORDRSP quoting the change it answers (RFF PP) is a change ack with that change",
          "[mapping][edifact][maps][ordrsp]") {
  const std::string text = ordrsp("BGM+231+RSP-0416+29'", "RFF+ON:PO-EF-2026-1187'RFF+PP:CHG-EF-2026-1187-1'");
  auto got = translate_with("ORDRSP.change.inbound.xml", text);
  if (got.error) FAIL(got.error->to_string());
  CHECK(text_of(got.body, "ack_type") == "accepted");
  CHECK(text_of(got.body, "original_ack_code") == "29");
  CHECK(text_of(got.body, "po_number") == "PO-EF-2026-1187");
  CHECK(text_of(got.body, "change_sequence") == "CHG-EF-2026-1187-1");
  CHECK(text_of(got.body, "ack_number") == "RSP-0416");
  CHECK_FALSE(got.body->has("references"));  // ON and PP are fields, not references
}

TEST_CASE("an ORDRSP with BGM 1225 19 is a seller initiated change: numbered by its own BGM 1004",
          "[mapping][edifact][maps][ordrsp]") {
  const std::string text = ordrsp("BGM+231+SCR-0077+19'", "RFF+ON:PO-EF-2026-1187'");
  auto change = translate_with("ORDRSP.change.inbound.xml", text);
  if (change.error) FAIL(change.error->to_string());
  CHECK(text_of(change.body, "ack_type") == "other");
  CHECK(text_of(change.body, "original_ack_code") == "19");
  CHECK(text_of(change.body, "change_sequence") == "SCR-0077");
  // The order response map has no meaning for 1225 19: refused, not guessed.
  auto ack = translate_with("ORDRSP.inbound.xml", text);
  REQUIRE(ack.error);
  CHECK(ack.error->code == "mapping.table.unmapped");
  CHECK(ack.error->found == "19");
}

TEST_CASE("an order response given to the change response map is refused at its header, naming what is missing",
          "[mapping][edifact][maps][ordrsp]") {
  // The same message function (4, accepted with changes) as a change response, but no change
  // quoted and no seller initiated change: this answers an ORDERS.
  const std::string text = ordrsp("BGM+231+RSP-0412+4'", "RFF+ON:PO-EF-2026-1187'");
  auto change = translate_with("ORDRSP.change.inbound.xml", text);
  REQUIRE(change.error);
  CHECK(change.error->code == "mapping.field.required");
  CHECK(change.error->message.find("change_sequence") != std::string::npos);
  CHECK(change.error->position.file == "ordrsp.edi");
  // ... and the order response map reads it as before.
  auto ack = translate_with("ORDRSP.inbound.xml", text);
  if (ack.error) FAIL(ack.error->to_string());
  CHECK(text_of(ack.body, "ack_type") == "accepted_with_changes");
  CHECK(text_of(ack.body, "po_number") == "PO-EF-2026-1187");
}

TEST_CASE("between the two ORDRSP maps the change map's selector takes RFF PP and BGM 1225 19, the order map the rest",
          "[mapping][edifact][maps][ordrsp][selector]") {
  auto order = base_map("edifact/D96A/ORDRSP.inbound.xml");
  auto change = base_map("edifact/D96A/ORDRSP.change.inbound.xml");
  CHECK_FALSE(order->has_selector());
  CHECK(mapping::describe_selector(*change) == "when RFF[1.1=PP] or BGM[3=19]");
  // Tried as translation tries them: maps with a selector first, then the one without.
  const std::vector<const mapping::CompiledMap*> both{change.get(), order.get()};
  const std::vector<const mapping::CompiledMap*> change_only{change.get()};
  auto schema = schema::load_schema(src("plugins/edifact/schemas/D96A/ORDRSP.xml"));
  REQUIRE(schema.ok());
  auto choose = [&](const std::vector<const mapping::CompiledMap*>& maps, const std::string& text) {
    int chosen = -2;
    for_each_message(text, "ordrsp.edi", [&](const MessageView& m) {
      auto r = mapping::choose_map(maps, *schema.value(), m.segments, *m.delimiters, "ordrsp.edi");
      REQUIRE(r.ok());
      chosen = *r;
    });
    return chosen;
  };
  const std::string quoted = ordrsp("BGM+231+RSP-0416+29'", "RFF+ON:PO-1'RFF+PP:CHG-1'");
  const std::string seller = ordrsp("BGM+231+SCR-0077+19'", "RFF+ON:PO-1'");
  const std::string plain = ordrsp("BGM+231+RSP-0412+4'", "RFF+ON:PO-1'");
  CHECK(choose(both, quoted) == 0);
  CHECK(choose(both, seller) == 0);
  CHECK(choose(both, plain) == 1);
  CHECK(choose(change_only, plain) == -1);  // no map takes it: the caller reports it
}
