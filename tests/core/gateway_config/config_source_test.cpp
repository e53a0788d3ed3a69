// gateway.xml reloads without a restart and keeps the last good version of a broken edit.
#include "gateway_config/config_source.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::gateway_config;
using edigate::test::TempDir;
using edigate::test::write_text;
namespace fs = std::filesystem;

namespace {

std::string config(const std::string& body) {
  return "<gateway xmlns=\"urn:edigate:gateway:1\">\n<data dir=\"data\"/><partners dir=\"p\"/><maps dir=\"m\"/>\n" +
         body + "</gateway>\n";
}

// Writes and moves the mtime forward, so a rewrite within one clock tick is still seen.
void rewrite(const fs::path& file, const std::string& text) {
  const auto before = fs::exists(file) ? fs::last_write_time(file) : fs::file_time_type{};
  write_text(file, text);
  fs::last_write_time(file, std::max(fs::last_write_time(file), before + std::chrono::seconds(1)));
}

}  // namespace

TEST_CASE("an edited gateway.xml is reloaded, unchanged, nothing happens", "[gateway_config][reload]") {
  TempDir dir("gw-reload");
  const fs::path file = dir.path / "gateway.xml";
  rewrite(file, config("<retention days=\"10\"/>\n"));
  auto source = ConfigSource::open(file);
  REQUIRE(source);
  auto first = (*source)->current();
  CHECK(first->retention_days == 10);

  auto nothing = (*source)->refresh();
  CHECK_FALSE(nothing.reloaded);
  CHECK(nothing.errors.empty());
  CHECK((*source)->current() == first);

  rewrite(file, config("<retention days=\"20\"/>\n<routes/>\n"));
  auto report = (*source)->refresh();
  CHECK(report.reloaded);
  CHECK(report.restart_needed.empty());
  CHECK((*source)->current()->retention_days == 20);
  CHECK(first->retention_days == 10);  // a snapshot taken before never changes
}

TEST_CASE("a broken edit keeps the last good configuration and is reported once", "[gateway_config][reload]") {
  TempDir dir("gw-reload");
  const fs::path file = dir.path / "gateway.xml";
  rewrite(file, config("<retention days=\"10\"/>\n"));
  auto source = ConfigSource::open(file);
  REQUIRE(source);
  rewrite(file, config("<retention days=\"10\"/>\n<colour/>\n"));
  auto report = (*source)->refresh();
  CHECK_FALSE(report.reloaded);
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].code == "gateway.file.invalid");
  CHECK(report.errors[0].position.line == 4);
  CHECK(report.errors[0].message.find("previous configuration stays in use") != std::string::npos);
  CHECK((*source)->current()->retention_days == 10);
  CHECK((*source)->refresh().errors.empty());  // not again until the file changes

  fs::remove(file);
  report = (*source)->refresh();
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].code == "gateway.file.unreadable");
  CHECK((*source)->current()->retention_days == 10);
}

TEST_CASE("settings that apply only at start are named when they change", "[gateway_config][reload]") {
  TempDir dir("gw-reload");
  const fs::path file = dir.path / "gateway.xml";
  rewrite(file, config("<admin listen=\"127.0.0.1:8470\"/>\n<workers count=\"2\"/>\n"));
  Overrides o;
  o.data_dir = dir.path / "run";
  auto source = ConfigSource::open(file, o);
  REQUIRE(source);
  rewrite(file, config("<admin listen=\"127.0.0.1:9000\"/>\n<workers count=\"4\"/>\n<retention days=\"5\"/>\n"));
  auto report = (*source)->refresh();
  CHECK(report.reloaded);
  CHECK(report.restart_needed == std::vector<std::string>{"admin listen", "workers"});
  CHECK((*source)->current()->data_dir == dir.path / "run");  // overrides survive a reload
  CHECK((*source)->current()->retention_days == 5);
}

TEST_CASE("a gateway.xml that does not load cannot be opened", "[gateway_config][reload]") {
  TempDir dir("gw-reload");
  auto missing = ConfigSource::open(dir.path / "none.xml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "gateway.file.unreadable");
}
