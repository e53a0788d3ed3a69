// The line path of translate_inbound (InboundSink::on_line alone: maps written straight to JSON
// text by mapping::translate_members) gives byte for byte the lines, issues and summary that
// the object path (on_message, then canonical::to_json_line) gives.
#include "translation/message_builder.hpp"
#include "translation_fixture.hpp"

#include <algorithm>

using namespace edigate;
using test::write_text;

namespace {

struct Both {
  test::Outcome objects;
  std::vector<std::string> lines;
  std::vector<std::string> issues;
  translation::InboundSummary summary;
};

Both translate_both(test::Runtime& rt, const std::string& text, const translation::InboundOptions& options) {
  Both b;
  b.objects = test::translate_text(rt, text, options);
  MemoryInput memory(text, options.file);
  io::PeekInput in(memory);
  translation::InboundSink sink;
  sink.on_line = [&](std::string_view line) { b.lines.emplace_back(line); };
  sink.on_issue = [&](const Error& e) { b.issues.push_back(e.to_string()); };
  auto summary = translation::translate_inbound(rt.services, in, options, sink);
  REQUIRE(summary.ok());
  b.summary = *summary;
  return b;
}

void require_same(const Both& b) {
  REQUIRE(b.lines.size() == b.objects.lines.size());
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    INFO("message " << i + 1);
    REQUIRE(b.lines[i] == b.objects.lines[i]);
  }
  std::vector<std::string> object_issues;
  for (const auto& e : b.objects.issues) object_issues.push_back(e.to_string());
  REQUIRE(b.issues == object_issues);
  CHECK(b.summary.transactions == b.objects.summary.transactions);
  CHECK(b.summary.messages == b.objects.summary.messages);
  CHECK(b.summary.errors == b.objects.summary.errors);
  CHECK(b.summary.warnings == b.objects.summary.warnings);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("line path: every example partner sample and inbound sample gives the object path's lines",
          "[translation][inbound][lines]") {
  test::Runtime rt;
  const auto root = std::filesystem::path(EDIGATE_SOURCE_DIR);
  partners::PartnerRegistry registry(root / "partners");
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {root / "samples" / "inbound"})
    for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
  for (const auto& p : std::filesystem::directory_iterator(root / "partners"))
    if (std::filesystem::is_directory(p.path() / "samples"))
      for (const auto& e : std::filesystem::directory_iterator(p.path() / "samples"))
        if (e.path().extension() == ".edi") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::size_t messages = 0;
  for (const auto& f : files) {
    INFO(f.string());
    translation::InboundOptions o;
    o.file = f.filename().string();
    o.registry = registry.snapshot();
    auto b = translate_both(rt, read_file(f), o);
    require_same(b);
    messages += b.lines.size();
  }
  CHECK(messages >= 10);  // the samples do translate: the comparison is not of empty outputs
  // and the base maps take the text path (the comparison is not of the fallback with itself)
  for (const char* m :
       {"base/x12/004010/850.inbound.xml", "base/x12/005010/850.inbound.xml", "base/x12/004010/856.inbound.xml",
        "base/edifact/D96A/ORDERS.inbound.xml", "base/edifact/D96A/DESADV.inbound.xml"}) {
    auto map = rt.files.map(root / "maps" / m);
    REQUIRE(map.ok());
    CHECK(translation::writes_lines(**map));
  }
}

TEST_CASE("line path: map errors (required, conversion) are the object path's, with positions",
          "[translation][inbound][lines]") {
  test::Runtime rt(false);  // "extra", "when", "total": probes of the JSON writer, not canonical fields
  test::TempDir dir("lines");
  // PO107 through convert="date" fails on "X1" at the PO1 segment; a missing required field
  // names the map, the field path and the source path.
  const std::string map =
      R"(<map id="t-lines" direction="inbound" standard="X12" version="004010" set="850" type="purchase_order">
  <field name="po_number" path="BEG03" required="true" correlation="po_number"/>
  <object name="extra"><field name="dept" path="REF[REF01=DP]/REF02"/></object>
  <array name="lines" each="PO1" required="true">
    <field name="line_number" path="PO101" convert="integer"/>
    <list name="ids"><item path="PO109"/><item path="PO111"/></list>
    <field name="when" path="PO107" convert="date"/>
  </array>
  <field name="total" path="CTT/CTT02" required="true"/>
</map>
)";
  write_text(dir.path / "acme" / "partner.xml",
             test::x12_partner("acme", "ACME", "<document type=\"850\" direction=\"inbound\" map=\"maps/850.xml\"/>"));
  write_text(dir.path / "acme" / "maps" / "850.xml", map);
  partners::PartnerRegistry registry(dir.path);
  translation::InboundOptions o;
  o.file = "po.edi";
  o.registry = registry.snapshot();
  const std::string bad_convert =
      "ST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA*3.50**BP*X1~\nCTT*1*2~\nSE*5*0001~\n";
  const std::string no_total =
      "ST*850*0002~\nBEG*00*SA*PO-2**20240312~\nPO1*1*2*EA*3.50**BP*20240101~\nCTT*1~\nSE*5*0002~\n";
  const std::string good =
      "ST*850*0003~\nBEG*00*SA*PO-3**20240312~\nREF*DP*42~\nPO1*07*2*EA*3.50**BP*20240101*VP*V\"2~\n"
      "PO1*8*1*EA*1**BP*20240102*VP*A\\B*UP*\xC3\xA9~\nCTT*2*3~\nSE*7*0003~\n";
  auto b = translate_both(rt, test::interchange_850("ACME", {bad_convert, no_total, good}), o);
  require_same(b);
  for (const auto& i : b.issues) UNSCOPED_INFO(i);
  REQUIRE(b.lines.size() == 1);
  REQUIRE(b.issues.size() == 2);
  CHECK(b.issues[0].find("canonical.date.invalid") != std::string::npos);
  CHECK(b.issues[1].find("required field total has no value") != std::string::npos);
  // integers, escapes and UTF-8 come out as the object path writes them
  CHECK(b.lines[0].find(R"("extra":{"dept":"42"},"lines":[{"line_number":7,"ids":["V\"2"],"when":"2024-01-01"},)"
                        R"({"line_number":8,"ids":["A\\B",")"
                        "\xC3\xA9"
                        R"("],"when":"2024-01-02"}],"total":"3"})") != std::string::npos);
}

TEST_CASE("line path: a map repeating a key or naming an envelope member falls back to objects",
          "[translation][inbound][lines]") {
  test::Runtime rt;
  test::TempDir dir("lines-fallback");
  const std::string map =
      R"(<map id="t-dup" direction="inbound" standard="X12" version="004010" set="850" type="purchase_order">
  <field name="po_number" path="BEG03"/>
  <field name="source" path="BEG02"/>
  <field name="po_number" path="BEG05"/>
</map>
)";
  write_text(dir.path / "acme" / "partner.xml",
             test::x12_partner("acme", "ACME", "<document type=\"850\" direction=\"inbound\" map=\"maps/850.xml\"/>"));
  write_text(dir.path / "acme" / "maps" / "850.xml", map);
  partners::PartnerRegistry registry(dir.path);
  translation::InboundOptions o;
  o.file = "po.edi";
  o.registry = registry.snapshot();
  const std::string set = "ST*850*0001~\nBEG*00*SA*PO-1**20240312~\nPO1*1*2*EA*3.50~\nCTT*1~\nSE*5*0001~\n";
  auto b = translate_both(rt, test::interchange_850("ACME", {set}), o);
  require_same(b);
  REQUIRE(b.lines.size() == 1);
  CHECK(b.lines[0].find(R"("source":"SA")") != std::string::npos);  // overwrote the envelope's, in place
  CHECK(b.lines[0].find(R"("po_number":"20240312"})") != std::string::npos);
}
