// The engine every front end drives: it opens plugins, schemas, partners and maps once, and
// reload() makes edited profiles and maps take effect without a restart.
#include "runtime/runtime.hpp"
#include "../partners/partners_test_support.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using test::write_text;

namespace {

const std::string kMap =
    R"(<map id="t-850-in" direction="inbound" standard="X12" version="004010" set="850" type="purchase_order">
  <field name="po_number" path="BEG03" required="true" correlation="po_number"/>
</map>
)";

runtime::RuntimeOptions options_for(const test::TempDir& dir) {
  runtime::RuntimeOptions o;
  o.plugin_dirs = {std::filesystem::path(EDIGATE_BUILD_DIR) / "plugins"};
  o.schema_dirs = {std::filesystem::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"};
  o.partners_dir = dir.path / "partners";
  o.maps_dir = dir.path / "maps";
  return o;
}

}  // namespace

TEST_CASE("the runtime loads plugins, schemas and partners, and names an unknown partner", "[runtime]") {
  test::TempDir dir("runtime-open");
  write_text(dir.path / "partners" / "acme" / "partner.xml", test::x12_profile("acme", "ACME"));
  std::vector<Error> warnings;
  auto rt = runtime::Runtime::open(options_for(dir), warnings);
  REQUIRE(rt);
  CHECK((*rt)->plugins().format_for_standard("X12") != nullptr);
  CHECK((*rt)->plugins().format_for_standard("EDIFACT") != nullptr);
  REQUIRE((*rt)->schemas() != nullptr);
  CHECK((*rt)->partner("acme").ok());
  auto unknown = (*rt)->partner("acmee");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "partner.unknown");
  CHECK(unknown.error().category == ErrorCategory::configuration);
  CHECK(unknown.error().message.find("known: acme") != std::string::npos);
}

TEST_CASE("no format plugin at all is a configuration error, not an empty runtime", "[runtime]") {
  test::TempDir dir("runtime-empty");
  auto o = options_for(dir);
  o.plugin_dirs = {dir.path / "no-plugins-here"};
  std::vector<Error> warnings;
  auto rt = runtime::Runtime::open(o, warnings);
  REQUIRE_FALSE(rt.ok());
  CHECK(rt.error().code == "runtime.no_plugins");
  CHECK(rt.error().category == ErrorCategory::configuration);
}

TEST_CASE("reload() makes an edited map and a new profile take effect, work in progress keeps its map",
          "[runtime][reload]") {
  test::TempDir dir("runtime-reload");
  write_text(dir.path / "partners" / "acme" / "partner.xml", test::x12_profile("acme", "ACME"));
  const auto map_file = dir.path / "maps" / "850.xml";
  write_text(map_file, kMap);
  std::vector<Error> warnings;
  auto rt = runtime::Runtime::open(options_for(dir), warnings);
  REQUIRE(rt);
  auto first = (*rt)->files().map(map_file);
  REQUIRE(first.ok());

  // A broken edit: served from the cache until reload, then reported at its position.
  write_text(map_file, "<map id=\"t-850-in\" direction=\"inbound\"");
  CHECK((*rt)->files().map(map_file).ok());
  write_text(dir.path / "partners" / "beta" / "partner.xml", test::x12_profile("beta", "BETA"));
  auto report = (*rt)->reload();
  CHECK(report.added == std::vector<std::string>{"beta"});
  CHECK((*rt)->partner("beta").ok());
  auto broken = (*rt)->files().map(map_file);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().position.file.find("850.xml") != std::string::npos);
  CHECK(broken.error().category == ErrorCategory::configuration);
  CHECK((*first)->type == "purchase_order");  // the map a translation already holds stays valid

  write_text(map_file, kMap);
  (*rt)->reload();
  CHECK((*rt)->files().map(map_file).ok());
}
