// Registry: lookup by convention, X12 version fallback, caching, broken files, check_all.
#include "schema_test_support.hpp"
#include "temp_dir.hpp"

#include <edigate/codes.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using edigate::schema::Registry;

namespace {

using edigate::test::TempDir;

std::string fixture_text(const std::string& name) {
  return edigate::test::read_file_text(edigate::test::fixture_path(name));
}

/// Writes the X12 fixture under dir/x12/<version>/<set>.xml, declaring that version and set.
void write_x12(const fs::path& dir, const std::string& version, const std::string& set,
               const std::string& name = "Test") {
  std::string text = fixture_text("x12_test_850.xml");
  auto replace = [&](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace("version=\"004010\"", "version=\"" + version + "\"");
  replace("set=\"850\"", "set=\"" + set + "\"");
  replace("name=\"Test Purchase Order\"", "name=\"" + name + "\"");
  fs::create_directories(dir / "x12" / version);
  std::ofstream(dir / "x12" / version / (set + ".xml")) << text;
}

}  // namespace

TEST_CASE("the registry finds a schema by standard, version and set", "[schema][registry]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850");
  fs::create_directories(tmp.path / "edifact" / "D96A");
  std::ofstream(tmp.path / "edifact" / "D96A" / "ORDERS.xml") << fixture_text("edifact_test_orders.xml");
  Registry reg({tmp.path});

  auto x12 = reg.find("X12", "004010", "850");
  REQUIRE(x12);
  REQUIRE(*x12);
  CHECK(edigate::schema::info(**x12).set == "850");
  CHECK(edigate::schema::info(**x12).file == (tmp.path / "x12" / "004010" / "850.xml").string());

  auto edifact = reg.find("EDIFACT", "D96A", "ORDERS");
  REQUIRE(edifact);
  REQUIRE(*edifact);
  CHECK(edigate::schema::info(**edifact).standard == "EDIFACT");

  auto none = reg.find("X12", "004010", "810");
  REQUIRE(none);
  CHECK(*none == nullptr);
  auto no_version = reg.find("EDIFACT", "D01B", "ORDERS");
  REQUIRE(no_version);
  CHECK(*no_version == nullptr);
}

TEST_CASE("X12 versions fall back from the full GS08 value to its first six characters", "[schema][registry]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850");
  write_x12(tmp.path, "005010", "837");
  Registry reg({tmp.path});
  auto vics = reg.find("X12", "004010VICS", "850");
  REQUIRE(vics);
  REQUIRE(*vics);
  CHECK(edigate::schema::info(**vics).version == "004010");
  auto hipaa = reg.find("X12", "005010X222A1", "837");
  REQUIRE(hipaa);
  REQUIRE(*hipaa);
  CHECK(edigate::schema::info(**hipaa).version == "005010");
  // EDIFACT keys are used as given: no fallback.
  fs::create_directories(tmp.path / "edifact" / "D96A");
  std::ofstream(tmp.path / "edifact" / "D96A" / "ORDERS.xml") << fixture_text("edifact_test_orders.xml");
  auto edifact = reg.find("EDIFACT", "D96AXXX", "ORDERS");
  REQUIRE(edifact);
  CHECK(*edifact == nullptr);
}

TEST_CASE("a more specific X12 version file wins over the fallback", "[schema][registry]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850", "Generic");
  write_x12(tmp.path, "004010VICS", "850", "VICS");
  Registry reg({tmp.path});
  auto r = reg.find("X12", "004010VICS", "850");
  REQUIRE(r);
  REQUIRE(*r);
  CHECK(edigate::schema::info(**r).name == "VICS");
}

TEST_CASE("directories are searched in order", "[schema][registry]") {
  TempDir a, b;
  write_x12(b.path, "004010", "850", "Second");
  Registry only_second({a.path, b.path});
  auto r = only_second.find("X12", "004010", "850");
  REQUIRE(r);
  REQUIRE(*r);
  CHECK(edigate::schema::info(**r).name == "Second");
  write_x12(a.path, "004010", "850", "First");
  Registry both({a.path, b.path});
  auto first = both.find("X12", "004010", "850");
  REQUIRE(first);
  CHECK(edigate::schema::info(**first).name == "First");
}

TEST_CASE("results are cached, including absent schemas", "[schema][registry]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850");
  Registry reg({tmp.path});
  auto one = reg.find("X12", "004010", "850");
  auto two = reg.find("x12", "004010", "850");
  REQUIRE(one);
  REQUIRE(two);
  CHECK(one->get() == two->get());
  auto absent = reg.find("X12", "004010", "810");
  REQUIRE(absent);
  CHECK(*absent == nullptr);
  write_x12(tmp.path, "004010", "810");  // appears later: the negative result is cached
  auto still = reg.find("X12", "004010", "810");
  REQUIRE(still);
  CHECK(*still == nullptr);
}

TEST_CASE("a broken schema file is an error, not an absent schema", "[schema][registry]") {
  TempDir tmp;
  fs::create_directories(tmp.path / "x12" / "004010");
  std::ofstream(tmp.path / "x12" / "004010" / "850.xml") << "<schema>\n  <oops/>\n";
  Registry reg({tmp.path});
  auto r = reg.find("X12", "004010", "850");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "schema.file.invalid");
  CHECK(r.error().position.file == (tmp.path / "x12" / "004010" / "850.xml").string());
  CHECK(r.error().position.line > 0);
}

TEST_CASE("a file declaring another set than its path is an error", "[schema][registry]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850");
  fs::rename(tmp.path / "x12" / "004010" / "850.xml", tmp.path / "x12" / "004010" / "810.xml");
  Registry reg({tmp.path});
  auto r = reg.find("X12", "004010", "810");
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("declares") != std::string::npos);
}

TEST_CASE("versions and sets from the input never escape the schema directories", "[schema][registry]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850");
  Registry reg({tmp.path / "x12"});
  for (auto [version, set] : {std::pair{"..", "x12/004010/850"},
                              {"../x12/004010", "850"},
                              {"004010", "../004010/850"},
                              {"/etc", "passwd"},
                              {"", "850"}}) {
    auto r = reg.find("X12", version, set);
    REQUIRE(r);
    CHECK(*r == nullptr);
  }
}

TEST_CASE("check_all loads every file and reports each broken one", "[schema][registry]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850");
  write_x12(tmp.path, "005010", "850");
  fs::create_directories(tmp.path / "x12" / "004010");
  std::ofstream(tmp.path / "x12" / "004010" / "810.xml") << "not xml";
  std::ofstream(tmp.path / "x12" / "transaction-set.xsd") << "ignored";
  Registry reg({tmp.path, tmp.path / "does-not-exist"});
  std::vector<edigate::schema::SchemaInfo> loaded;
  auto errors = reg.check_all(&loaded);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].position.file == (tmp.path / "x12" / "004010" / "810.xml").string());
  CHECK(loaded.size() == 2);
}

TEST_CASE("concurrent lookups load a schema once and share it", "[schema][registry][threads]") {
  TempDir tmp;
  write_x12(tmp.path, "004010", "850");
  Registry reg({tmp.path});
  std::vector<const edigate::schema::CompiledSchema*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto r = reg.find("X12", i % 2 ? "004010" : "004010VICS", "850");
        if (r && *r) seen[t] = r->get();
      }
    });
  for (auto& th : threads) th.join();
  REQUIRE(seen[0] != nullptr);
  for (auto* p : seen) CHECK(p == seen[0]);
}
