// Real EDIFACT files from ../shared/corpus through the base maps added for issue 12 (SLSRPT,
// PRICAT, DELFOR, DELJIT, REMADV, IFTMIN, RECADV, INVRPT): every message of a `valid` file
// translates into a valid canonical message with lines. Files the MANIFEST marks invalid are not
// read here (their schema errors come first in the pipeline). Skipped (77) when the corpus is
// absent.
#include "corpus.hpp"

#include "edifact_support.hpp"

using namespace edigate;
using namespace edigate::test;

TEST_CASE("corpus EDIFACT files of the issue 12 messages translate with the base maps into valid messages",
          "[mapping][edifact][corpus]") {
  const std::map<std::string, std::string> types = {{"SLSRPT", "sales_report"},      {"PRICAT", "price_catalog"},
                                                    {"DELFOR", "planning_schedule"}, {"DELJIT", "shipping_schedule"},
                                                    {"REMADV", "remittance_advice"}, {"IFTMIN", "load_tender"},
                                                    {"RECADV", "receiving_advice"},  {"INVRPT", "inventory_report"}};
  std::vector<Poco::JSON::Object::Ptr> all;
  std::map<std::string, std::size_t> per_set;
  for (const auto& e : corpus_manifest("EDIFACT")) {
    if (e.expect != "valid" || !types.count(e.sets)) continue;
    const std::string map_file = "maps/base/edifact/" + e.version + "/" + e.sets + ".inbound.xml";
    if (!std::filesystem::exists(src(map_file))) continue;  // a directory without a base map yet
    INFO(e.path);
    std::size_t n = for_each_message(
        read_file(e.file), e.path,
        [&](const MessageView& m) {
          INFO("message " << m.control);
          auto schema = schema::load_schema(src("plugins/edifact/schemas/" + m.version + "/" + m.set + ".xml"));
          if (!schema) FAIL(schema.error().to_string());
          auto map = base_map("edifact/" + m.version + "/" + m.set + ".inbound.xml");
          mapping::TranslateContext ctx;
          ctx.file = e.path;
          ctx.default_offset = "+01:00";
          auto r = mapping::translate(*map, *schema.value(), m.segments, *m.delimiters, ctx);
          if (!r) {
            FAIL_CHECK(r.error().to_string());
            return;
          }
          CHECK(r.value()->has("lines"));
          ++per_set[m.set];
          all.push_back(with_envelope(r.value(), types.at(m.set), "edifact", m.version, m.set, e.path, ctx.correlation,
                                      all.size()));
        },
        false);
    CHECK(n > 0);
  }
  std::string summary;
  for (const auto& [set, n] : per_set) summary += " " + set + "=" + std::to_string(n);
  WARN("corpus EDIFACT messages translated by the issue 12 maps:" << summary);
  // The corpus holds a D96A SLSRPT (bots) and a D96A PRICAT (bots) marked valid.
  CHECK(per_set["SLSRPT"] >= 1);
  CHECK(per_set["PRICAT"] >= 1);
  const auto lines = validate_canonical(all);
  for (const auto& line : lines)
    if (line.rfind("valid ", 0) != 0) CHECK(line == "valid");  // shows why
}
