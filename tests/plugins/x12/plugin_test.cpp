// Plugin identity and detection.
#include "fixtures.hpp"
#include "reader_helpers.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::x12::test;

TEST_CASE("the plugin identifies itself as the x12 format plugin", "[x12][plugin]") {
  auto p = plugin();
  auto info = p->info();
  CHECK(info.name == "x12");
  CHECK(info.kind == PluginKind::format);
  CHECK(info.abi == EDIGATE_SDK_ABI);
  CHECK_FALSE(info.version.empty());
  CHECK(p->standard() == "X12");
}

TEST_CASE("detect is certain for an ISA prefix, also after a BOM, whitespace or in EBCDIC", "[x12][plugin]") {
  auto p = plugin();
  std::string doc = interchange(Seps{}, {kPoBody});
  CHECK(p->detect(doc) == 100);
  CHECK(p->detect("\xEF\xBB\xBF\r\n  " + doc) == 100);
  CHECK(p->detect("ISA|00|") == 100);
  CHECK(p->detect("\xC9\xE2\xC1\x5C\xF0\xF0") == 100);
  CHECK(p->detect("UNA:+.? 'UNB+UNOA:1") == 0);
  CHECK(p->detect("ISAB") == 0);
  CHECK(p->detect("IS") == 0);
  CHECK(p->detect("") == 0);
  CHECK(p->detect("{\"a\":1}") == 0);
}
