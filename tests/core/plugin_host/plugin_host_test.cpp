#include "plugin_host/plugin_host.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using edigate::plugin_host::PluginHost;

namespace {
const fs::path kFixtures = fs::path(EDIGATE_BUILD_DIR) / "test-plugins";
const fs::path kPlugins = fs::path(EDIGATE_BUILD_DIR) / "plugins";
}  // namespace

TEST_CASE("the host loads a plugin and reports its name, kind, version and ABI", "[plugin_host]") {
  PluginHost host;
  auto r = host.load_file(kFixtures / "good_plugin.so");
  REQUIRE(r.ok());
  REQUIRE(host.plugins().size() == 1);
  const auto& p = host.plugins()[0];
  CHECK(p.info.name == "fixture-good");
  CHECK(p.info.kind == edigate::PluginKind::format);
  CHECK(p.info.version == "9.9.9");
  CHECK(p.info.abi == EDIGATE_SDK_ABI);
  CHECK(p.file == (kFixtures / "good_plugin.so").string());
  auto f = host.format("fixture-good");
  REQUIRE(f);
  CHECK(f->standard() == "FIXTURE");
  CHECK(host.detect_format("FIX...") == f);
  CHECK(host.detect_format("ISA*00") == nullptr);
}

TEST_CASE("a plugin built for another SDK ABI is refused before its factory runs", "[plugin_host]") {
  PluginHost host;
  auto r = host.load_file(kFixtures / "bad_abi_plugin.so");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "plugin.abi_mismatch");
  CHECK(r.error().position.file == (kFixtures / "bad_abi_plugin.so").string());
  std::string text = r.error().to_string();
  CHECK_THAT(text, Catch::Contains("SDK ABI " + std::to_string(EDIGATE_SDK_ABI + 41)));
  CHECK_THAT(text, Catch::Contains("SDK ABI " + std::to_string(EDIGATE_SDK_ABI) + ";"));
  CHECK(host.plugins().empty());
}

TEST_CASE("a shared library without the factory is not a plugin", "[plugin_host]") {
  PluginHost host;
  auto r = host.load_file(kFixtures / "no_factory.so");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "plugin.not_a_plugin");
}

TEST_CASE("a factory that returns nothing is an error", "[plugin_host]") {
  PluginHost host;
  auto r = host.load_file(kFixtures / "null_factory_plugin.so");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "plugin.factory_failed");
}

TEST_CASE("a file that is not a shared library gives a clear error", "[plugin_host]") {
  auto dir = fs::temp_directory_path() / "edigate-plugin-host-garbage";
  fs::create_directories(dir);
  { std::ofstream(dir / "garbage.so") << "this is not ELF"; }
  PluginHost host;
  auto r = host.load_file(dir / "garbage.so");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "plugin.load");
  CHECK(r.error().position.file == (dir / "garbage.so").string());
  fs::remove_all(dir);
}

TEST_CASE("a directory with bad plugins still loads the good ones", "[plugin_host]") {
  PluginHost host;
  auto errors = host.load_directory(kFixtures);
  // good and duplicate share a name: exactly one loads. bad ABI, no factory and null factory fail.
  CHECK(errors.size() == 4);
  REQUIRE(host.plugins().size() == 1);
  CHECK(host.plugins()[0].info.name == "fixture-good");
  int duplicates = 0;
  for (const auto& e : errors)
    if (e.code == "plugin.duplicate") {
      ++duplicates;
      CHECK_THAT(e.message, Catch::Contains("already loaded from"));
    }
  CHECK(duplicates == 1);
}

TEST_CASE("a plugin object keeps its library loaded after the host is gone", "[plugin_host]") {
  std::shared_ptr<edigate::FormatPlugin> kept;
  {
    PluginHost host;
    REQUIRE(host.load_file(kFixtures / "good_plugin.so").ok());
    kept = host.format("fixture-good");
  }
  // Calls into the library's code: would crash if it had been unloaded with the host.
  CHECK(kept->info().name == "fixture-good");
  auto w = kept->write(edigate::InterchangeData{}, {});
  REQUIRE(w.ok());
  CHECK(*w == "FIX");
}

TEST_CASE("the built X12 and EDIFACT plugins load from the build's plugin folder", "[plugin_host]") {
  PluginHost host;
  auto errors = host.load_directory(kPlugins);
  CHECK(errors.empty());
  auto x12 = host.format("x12");
  auto edifact = host.format("edifact");
  REQUIRE(x12);
  REQUIRE(edifact);
  CHECK(x12->standard() == "X12");
  CHECK(edifact->standard() == "EDIFACT");
  CHECK(host.format_for_standard("EDIFACT") == edifact);
}
