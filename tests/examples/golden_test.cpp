// The example partners' samples through the real CLI, compared with the golden output stored in
// tests/examples/golden (written once by the CLI, then checked by hand against the EDI: see
// golden/README.md). A difference names the sample and the first differing JSON path or line.
#include "canonical_validator.hpp"
#include "examples_support.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace edigate::test;

TEST_CASE("the example partners have samples of every kind and each sample has a golden file", "[examples]") {
  const auto samples = example_samples();
  std::set<std::string> partners;
  std::set<SampleKind> kinds;
  std::set<fs::path> goldens_used;
  for (const auto& s : samples) {
    partners.insert(s.partner);
    kinds.insert(s.kind);
    goldens_used.insert(s.golden());
    {
      INFO("no golden file " << s.golden() << " for " << s.file);
      CHECK(fs::exists(s.golden()));
    }
  }
  // The retailer, the EDIFACT buyer, the 214 carrier and the carrier API of issue 4, at least.
  for (const char* p : {"acme-retail", "eurofood", "bluegrass-freight", "ups-api"}) CHECK(partners.count(p) == 1);
  CHECK(kinds.size() == 3);
  // A golden whose sample is gone (renamed, deleted) would never be compared again.
  for (const auto& dir : fs::directory_iterator(kGolden)) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      INFO("golden file without a sample: " << f.path());
      CHECK(goldens_used.count(f.path()) == 1);
    }
  }
}

TEST_CASE("EDI and carrier JSON samples translate to their golden canonical JSON", "[examples][translate]") {
  for (const auto& s : example_samples()) {
    if (s.kind == SampleKind::canonical) continue;
    INFO("sample " << s.file);
    auto r = run_sample(s);
    INFO("stderr: " << r.err);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    const std::string diff = first_json_lines_difference(r.out, read_text(s.golden()));
    {
      INFO(s.file.string() << " vs " << s.golden().string() << ": " << diff);
      CHECK(diff.empty());
    }
  }
}

TEST_CASE("canonical samples render to their golden EDI and the EDI validates", "[examples][render]") {
  for (const auto& s : example_samples()) {
    if (s.kind != SampleKind::canonical) continue;
    INFO("sample " << s.file);
    auto r = run_sample(s);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    const std::string diff = first_line_difference(r.out, read_text(s.golden()));
    {
      INFO(s.file.string() << " vs " << s.golden().string() << ": " << diff);
      CHECK(diff.empty());
    }
    // The golden itself must be an interchange the gateway accepts (envelopes, schema, counts).
    auto v = run_edigate("validate", shell_quote(s.golden().string()));
    {
      INFO(s.golden().string() << ":\n" << v.out << v.err);
      CHECK(v.status == 0);
    }
  }
}

TEST_CASE("canonical samples and golden messages are valid against docs/canonical", "[examples][schema]") {
  std::vector<std::string> texts, names;
  for (const auto& s : example_samples()) {
    const fs::path file = s.kind == SampleKind::canonical ? kSource / s.file : s.golden();
    const auto lines = split_lines(read_text(file));
    for (std::size_t i = 0; i < lines.size(); ++i) {
      texts.push_back(lines[i]);
      names.push_back(file.string() + " line " + std::to_string(i + 1));
    }
  }
  REQUIRE(texts.size() >= 20);
  const auto results = validate_canonical_texts(texts);
  for (std::size_t i = 0; i < results.size(); ++i) {
    INFO(names[i] << ": " << results[i]);
    CHECK(results[i].rfind("valid ", 0) == 0);
  }
}

TEST_CASE("the golden comparison names the first differing message and JSON path", "[examples][golden]") {
  const std::string golden = read_text(kGolden / "acme-retail" / "acme_850_20261124.edi.jsonl");
  REQUIRE(split_lines(golden).size() == 2);
  CHECK(first_json_lines_difference(golden, golden).empty());
  std::string changed = golden;
  const auto second = changed.find('\n') + 1;
  const auto at = changed.find("\"quantity\":\"6\"", second);
  REQUIRE(at != std::string::npos);
  changed.replace(at, 14, "\"quantity\":\"7\"");
  CHECK(first_json_lines_difference(changed, golden) ==
        "message 2 (line 2): output vs golden differ at /lines/0/quantity: \"7\" vs \"6\"");
  CHECK(first_json_lines_difference(golden.substr(0, second), golden) == "message 2 (line 2): missing from the output");
  CHECK(first_line_difference("ISA\nGS\n", "ISA\nGE\n") == "line 2:\n  output: GS\n  golden: GE");
}
