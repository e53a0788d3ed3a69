// `edigate canonical validate`: JSON Lines against the published canonical JSON Schemas, exit 1
// on an invalid message (the python script it replaces exited 0 on invalid input).
#include "process.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::string kEdigate = std::string(EDIGATE_BUILD_DIR) + "/bin/edigate";
const fs::path kSource = EDIGATE_SOURCE_DIR;

edigate::test::CommandResult canonical_validate(const std::string& files) {
  return edigate::test::run_command(kEdigate + " canonical validate " + files);
}

std::string temp_jsonl(const std::string& name, const std::string& text) {
  auto p = fs::temp_directory_path() / ("edigate-canonical-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

std::string first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

TEST_CASE("canonical validate accepts the golden translations and exits 0", "[cli][canonical]") {
  std::string files;
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(kSource / "tests/examples/golden"))
    if (e.path().string().size() > 11 && e.path().string().substr(e.path().string().size() - 10) == ".edi.jsonl") {
      files += " " + edigate::test::shell_quote(e.path().string());
      ++n;
    }
  REQUIRE(n >= 5);
  auto r = canonical_validate(files);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains(" 0 invalid"));
}

TEST_CASE("canonical validate exits 1 naming file:line and the JSON path of each invalid message", "[cli][canonical]") {
  const std::string good = first_line(kSource / "tests/examples/golden/acme-retail/acme_850_20261124.edi.jsonl");
  REQUIRE(good.find("\"unit_price\":\"") != std::string::npos);
  std::string typo = good;
  typo.replace(typo.find("\"unit_price\""), 12, "\"unit_prcie\"");
  std::string bad_purpose = good;
  bad_purpose.replace(bad_purpose.find("\"purpose\":\"original\""), 20, "\"purpose\":\"neworder\"");
  const std::string file = temp_jsonl("mixed.jsonl", good + "\n" + typo + "\n\n" + bad_purpose + "\n{not json\n");
  auto r = canonical_validate(edigate::test::shell_quote(file));
  fs::remove(file);
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains(file + ":2: /lines/0: ") && Catch::Contains("'unit_prcie'") &&
                        Catch::Contains("[canonical.schema.invalid]"));
  CHECK_THAT(r.out, Catch::Contains(file + ":4: /purpose: "));
  CHECK_THAT(r.out, Catch::Contains(file + ":5: ") && Catch::Contains("[canonical.json.invalid]"));
  CHECK(r.out.find(file + ":1:") == std::string::npos);
  CHECK_THAT(r.err, Catch::Contains("4 message(s), 3 invalid"));
}

TEST_CASE("canonical validate reads stdin and refuses a missing file with exit 2", "[cli][canonical]") {
  const std::string good = first_line(kSource / "tests/examples/golden/acme-retail/acme_850_20261124.edi.jsonl");
  const std::string file = temp_jsonl("stdin.jsonl", good + "\n");
  auto r = edigate::test::run_command(kEdigate + " canonical validate - <" + edigate::test::shell_quote(file));
  fs::remove(file);
  CHECK(r.status == 0);
  auto missing = canonical_validate("/nonexistent/edigate.jsonl");
  CHECK(missing.status == 2);
  CHECK(canonical_validate("").status == 2);
}
