// messages= on EDI inbound maps: one body per match of a loop path, relative paths inside the
// match, '/' paths from the transaction root, '..' for the enclosing loop, sub-path conditions,
// per-message correlation, failures per match, and the errors when nothing (or more than one
// thing, for translate()) matches.
#include "mapping_fixture.hpp"

#include "canonical/json_io.hpp"
#include "mapping/edi_messages.hpp"

using namespace edigate;
using namespace edigate::test;

namespace {

const Delimiters kX12{'*', '>', 0, 0, '.', "~", "\n", ""};

// Heading PO and BOL; LX 1 an AG estimate only, LX 2 AF with its own L11 BM, LX 3 an
// appointment-only AT7 (AT701 empty) then X6.
const std::string k214 =
    "ST*214*0001~\n"
    "B10*PRO1*SHP1*SCAC~\n"
    "L11*PO-77*PO~\n"
    "LX*1~\n"
    "AT7*AG*NS***20260320*0900*ET~\n"
    "LX*2~\n"
    "AT7*AF*NS***20260317*1015*ET~\n"
    "L11*BOL-2*BM~\n"
    "LX*3~\n"
    "AT7***AB*NA*20260321*0800*ET~\n"
    "AT7*X6*NS***20260318*0630*CT~\n"
    "SE*12*0001~\n";

const std::string kMap = R"(<map id="t-214" direction="inbound" standard="X12" version="004010" set="214"
     type="tracking_event" messages="LX[AT7[AT701][AT701!=AG]]">
  <field name="tracking_number" path="/B1001" correlation="tracking_numbers"/>
  <field name="relative_b10" path="B1001"/>
  <field name="lx" path="LX01"/>
  <field name="status" path="AT7[AT701][AT701!=AG]/AT701"/>
  <field name="bol" path="L11[L1102=BM]/L1101" correlation="bol"/>
  <field name="po_number" path="/L11[L1102=PO]/L1101" correlation="po_number"/>
  <field name="estimate" path="/LX/AT7[AT701=AG]/AT705" convert="date"/>
</map>)";

std::string json(const Poco::JSON::Object::Ptr& body) {
  auto line = canonical::to_json_line(body);
  REQUIRE(line.ok());
  return line.value();
}

std::vector<mapping::TranslatedMessage> run(const std::string& map_xml, const std::string& edi) {
  auto schema = load_test_schema("plugins/x12/schemas/004010/214.xml");
  auto map = map_from_text(map_xml);
  EdiFixture f(edi, kX12);
  mapping::TranslateContext ctx;
  ctx.file = "t.edi";
  auto r = mapping::translate_messages(*map, *schema, f.transaction(0), kX12, ctx);
  if (!r) FAIL(r.error().to_string());
  CHECK(ctx.correlation.tracking_numbers.empty());  // each message carries its own
  return std::move(r).value();
}

}  // namespace

TEST_CASE("messages= gives one body per matching LX, paths relative to it and '/' from the root",
          "[mapping][messages]") {
  auto all = run(kMap, k214);
  REQUIRE(all.size() == 2);  // LX 1 is only an estimate
  CHECK(all[0].position == 0);
  CHECK(all[1].position == 1);
  REQUIRE_FALSE(all[0].error);
  REQUIRE_FALSE(all[1].error);
  // B1001 relative to an LX finds nothing: heading data needs '/'.
  CHECK(
      json(all[0].body) ==
      R"({"tracking_number":"PRO1","lx":"2","status":"AF","bol":"BOL-2","po_number":"PO-77","estimate":"2026-03-20"})");
  // LX 3: its first AT7 has no status, the X6 one is taken; no BOL in this LX.
  CHECK(json(all[1].body) ==
        R"({"tracking_number":"PRO1","lx":"3","status":"X6","po_number":"PO-77","estimate":"2026-03-20"})");
  // Correlation per message: the BOL of LX 2 does not leak into LX 3's message.
  CHECK(all[0].correlation.bol == "BOL-2");
  CHECK(all[1].correlation.bol.empty());
  for (const auto& m : all) {
    CHECK(m.correlation.po_number == "PO-77");
    CHECK(m.correlation.tracking_numbers == std::vector<std::string>{"PRO1"});
  }
}

TEST_CASE("sub-path conditions and '..' select loops by their content and climb to the enclosing loop",
          "[mapping][messages]") {
  // One message per status AT7 (not per LX): '..' reads the LX around it.
  const std::string map = R"(<map id="t-214-at7" direction="inbound" set="214" type="tracking_event"
       messages="LX/AT7[AT701]">
    <field name="status" path="AT701"/>
    <field name="lx" path="../LX01"/>
    <field name="lx_bol" path="../L11[L1102=BM]/L1101"/>
  </map>)";
  auto all = run(map, k214);
  REQUIRE(all.size() == 3);
  CHECK(json(all[0].body) == R"({"status":"AG","lx":"1"})");
  CHECK(json(all[1].body) == R"({"status":"AF","lx":"2","lx_bol":"BOL-2"})");
  CHECK(json(all[2].body) == R"({"status":"X6","lx":"3"})");

  // [AT7/AT703=AB]: an element sub-path with a value; [AT7[AT703]] a loop sub-path (exists);
  // != negates the whole sub-path (no AT7 of the LX has that value).
  const std::string conds = R"(<map id="t-214-conds" direction="inbound" set="214" type="tracking_event"
       messages="LX">
    <field name="lx" path="LX01"/>
    <field name="appointment" path="/LX[AT7/AT703=AB]/LX01"/>
    <list name="with_appointment_loop" path="/LX[AT7[AT703]]/LX01"/>
    <list name="without_af" path="/LX[AT7/AT701!=AF]/LX01"/>
  </map>)";
  auto c = run(conds, k214);
  REQUIRE(c.size() == 3);
  CHECK(json(c[0].body) == R"({"lx":"1","appointment":"3","with_appointment_loop":["3"],"without_af":["1","3"]})");
}

TEST_CASE("one failing match is reported at its loop and its siblings keep their positions", "[mapping][messages]") {
  const std::string map = R"(<map id="t-214-req" direction="inbound" set="214" type="tracking_event" messages="LX">
    <field name="lx" path="LX01"/>
    <field name="bol" path="L11[L1102=BM]/L1101" required="true"/>
  </map>)";
  auto all = run(map, k214);
  REQUIRE(all.size() == 3);
  REQUIRE(all[0].error);
  CHECK(all[0].error->code == "mapping.field.required");
  CHECK(all[0].error->position.segment_tag == "LX");
  CHECK(all[0].error->position.offset == k214.find("LX*1"));
  CHECK_FALSE(all[0].body);
  REQUIRE_FALSE(all[1].error);
  CHECK(all[1].position == 1);
  CHECK(json(all[1].body) == R"({"lx":"2","bol":"BOL-2"})");
  CHECK(all[2].error);
  CHECK(all[2].position == 2);
}

TEST_CASE("no match is mapping.messages.none at the header, translate() takes exactly one match",
          "[mapping][messages]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/214.xml");
  auto map = map_from_text(kMap);
  const std::string only_estimate =
      "ST*214*0002~\nB10*PRO1*SHP1*SCAC~\nLX*1~\nAT7*AG*NS***20260320*0900*ET~\nSE*5*0002~\n";
  EdiFixture none(only_estimate, kX12);
  mapping::TranslateContext ctx;
  ctx.file = "t.edi";
  auto r = mapping::translate_messages(*map, *schema, none.transaction(0), kX12, ctx);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "mapping.messages.none");
  CHECK(r.error().position.segment_tag == "ST");
  CHECK(r.error().position.file == "t.edi");
  CHECK(r.error().expected == "LX[AT7[AT701][AT701!=AG]]");

  EdiFixture several(k214, kX12);
  auto t = mapping::translate(*map, *schema, several.transaction(0), kX12, ctx);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().code == "mapping.messages.several");

  const std::string one = "ST*214*0003~\nB10*PRO9*SHP9*SCAC~\nLX*1~\nAT7*D1*NS***20260320*0900*ET~\nSE*5*0003~\n";
  EdiFixture single(one, kX12);
  mapping::TranslateContext ctx1;
  auto body = mapping::translate(*map, *schema, single.transaction(0), kX12, ctx1);
  REQUIRE(body.ok());
  CHECK(body.value()->getValue<std::string>("status") == "D1");
  CHECK(ctx1.correlation.tracking_numbers == std::vector<std::string>{"PRO9"});
}

TEST_CASE("a map without messages= gives one body from the transaction root", "[mapping][messages]") {
  const std::string map = R"(<map id="t-214-one" direction="inbound" set="214" type="tracking_event">
    <field name="tracking_number" path="B1001" correlation="tracking_numbers"/>
    <field name="root_too" path="/B1002"/>
    <field name="first_status" path="LX/AT7/AT701"/>
  </map>)";
  auto all = run(map, k214);
  REQUIRE(all.size() == 1);
  CHECK(all[0].position == 0);
  CHECK(json(all[0].body) == R"({"tracking_number":"PRO1","root_too":"SHP1","first_status":"AG"})");
  CHECK(all[0].correlation.tracking_numbers == std::vector<std::string>{"PRO1"});
}

TEST_CASE("bad messages= and sub-path conditions are refused when the map loads", "[mapping][messages]") {
  auto load = [](const std::string& messages, const std::string& field_path = "LX01") {
    return mapping::load_map_from_memory(
        R"(<map id="t" direction="inbound" set="214" type="tracking_event" messages=")" + messages +
            R"("><field name="x" path=")" + field_path + R"("/></map>)",
        "bad.map.xml", {}, test::engine_only_checks());
  };
  CHECK(load("LX[AT7[AT701]").error().code == "mapping.path.syntax");
  auto abs = load("LX[/B10/B1001]");
  REQUIRE_FALSE(abs.ok());
  CHECK(abs.error().code == "mapping.path.syntax");
  CHECK(abs.error().message.find("relative to the step") != std::string::npos);
  CHECK(load("LX[AT7[AT701]=AF]").error().code == "mapping.path.syntax");  // a value needs an element path
  CHECK(load("LX", "...LX01").error().code == "mapping.path.syntax");
  CHECK(load("LX[AT7[AT701][AT701!=AG|X2]]").ok());
}
