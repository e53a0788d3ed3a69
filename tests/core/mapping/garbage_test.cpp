#include "mapping_fixture.hpp"

#include <random>

using namespace edigate;
using namespace edigate::test;

TEST_CASE("random segments never crash the translator, errors stay positioned", "[mapping][robust]") {
  auto schema = load_test_schema("plugins/x12/schemas/004010/856.xml");
  auto map = mapping::load_map(std::string(EDIGATE_SOURCE_DIR) + "/maps/base/x12/004010/850.inbound.xml",
                               std::string(EDIGATE_SOURCE_DIR) + "/maps");
  REQUIRE(map.ok());
  const char* tags[] = {"ST", "BEG", "N1", "N3", "PO1", "PID", "HL", "CTT", "SE", "ZZZ", "DTM", "CUR"};
  const char* values[] = {
      "", "00", "ST", "1", "2", "VP", "UP", "2024", "20241301", "x", "-", "1.2.3", "9999999999999999999999"};
  std::mt19937 rng(42);
  std::size_t errors = 0, ok = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      text += tags[rng() % 12];
      int e = static_cast<int>(rng() % 12);
      for (int j = 0; j < e; ++j) text += std::string("*") + values[rng() % 13];
      text += "~";
    }
    EdiFixture edi("ST*850*1~" + text + "SE*1*1~", Delimiters{'*', '>', 0, 0, '.', "~", "", ""});
    if (edi.size() == 0) continue;
    mapping::TranslateContext ctx;
    ctx.file = "g.edi";
    auto r = mapping::translate(*map.value(), *schema, edi.transaction(0), edi.delimiters(), ctx);
    if (r) {
      ++ok;
    } else {
      ++errors;
      CHECK(r.error().position.file == "g.edi");
    }
  }
  CHECK(errors + ok > 0);
}
