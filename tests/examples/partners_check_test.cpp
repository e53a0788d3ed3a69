// `edigate partners check` over the example partners: every profile, map and sample is valid,
// every EDI message round-trips (EDI -> canonical -> EDI -> canonical) and every canonical sample
// round-trips (canonical -> EDI -> canonical) equal. A copy with a broken sample shows the
// check fails and says where.
#include "examples_support.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace edigate::test;

namespace {

/// partners check prints "FILE: ok: SUMMARY" or "FILE: FAILED: SUMMARY" per sample.
std::string summary_of(const std::string& out, const std::string& file) {
  for (const auto& line : split_lines(out))
    if (line.rfind(file + ": ", 0) == 0) return line.substr(file.size() + 2);
  return "";
}

}  // namespace

TEST_CASE("partners check passes for every example partner and round-trips every sample", "[examples][partners]") {
  auto r = run_edigate("partners check", "");
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  const auto samples = example_samples();
  std::set<std::string> partners;
  for (const auto& s : samples) partners.insert(s.partner);
  CHECK_THAT(r.out,
             Catch::Contains(std::to_string(partners.size()) + " profile(s) loaded, 0 problem(s), 0 sample(s) failed"));

  const std::regex canonical_ok(R"(ok: (\d+) canonical message\(s\) rendered, (\d+) round trip\(s\) equal)");
  const std::regex edi_ok(R"(ok: (\d+) message\(s\), (\d+) round trip\(s\) equal(; .*)?)");
  for (const auto& s : samples) {
    const std::string summary = summary_of(r.out, s.file.string());
    INFO(s.file << ": " << summary);
    std::smatch m;
    if (s.kind == SampleKind::canonical) {
      // Each canonical message must have made the whole trip: none skipped, none unequal.
      REQUIRE(std::regex_match(summary, m, canonical_ok));
      CHECK(m[1] == m[2]);
      CHECK(std::stoi(m[1]) >= 1);
    } else {
      REQUIRE(std::regex_match(summary, m, edi_ok));
      CHECK(std::stoi(m[1]) >= 1);
      // Carrier JSON has no outbound form; every EDI message must come back equal.
      if (s.kind == SampleKind::edi) CHECK(m[1] == m[2]);
    }
  }
}

TEST_CASE("partners check fails a canonical sample that does not survive the round trip", "[examples][partners]") {
  TempDir dir("examples-broken");
  fs::copy(kSource / "partners", dir.path / "partners", fs::copy_options::recursive);
  fs::create_directory_symlink(kSource / "maps", dir.path / "maps");
  // The 855 has no PID: a line description cannot come back from the EDI.
  const fs::path sample = dir.path / "partners/acme-retail/samples/acme_855_SO-2026-11873.jsonl";
  std::string text = read_text(sample);
  const auto at = text.find("\"line_number\":\"2\"");
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"description\":\"RED WIDGET CASE OF 12\",");
  write_text(sample, text);

  auto r = run_command("cd " + shell_quote(dir.path.string()) + " && " + shell_quote(kEdigate) +
                       " partners check acme-retail --partners partners --maps maps");
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(summary_of(r.out, "partners/acme-retail/samples/acme_855_SO-2026-11873.jsonl") ==
        "FAILED: round trip differs at /lines/1/description: \"RED WIDGET CASE OF 12\" vs missing");
  CHECK_THAT(r.out, Catch::Contains("1 sample(s) failed"));
}

TEST_CASE("partners check fails an EDI sample whose translation breaks", "[examples][partners]") {
  TempDir dir("examples-broken-edi");
  fs::copy(kSource / "partners", dir.path / "partners", fs::copy_options::recursive);
  fs::create_directory_symlink(kSource / "maps", dir.path / "maps");
  // ACME's 850 without its BEG date: the schema and the map both require it.
  const fs::path sample = dir.path / "partners/acme-retail/samples/acme_850_20261124.edi";
  std::string text = read_text(sample);
  const auto at = text.find("BEG*00*SA*4500012361**20261124~");
  REQUIRE(at != std::string::npos);
  text.replace(at, 31, "BEG*00*SA*4500012361**2026112X~");
  write_text(sample, text);

  auto r = run_command("cd " + shell_quote(dir.path.string()) + " && " + shell_quote(kEdigate) +
                       " partners check acme-retail --partners partners --maps maps");
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(summary_of(r.out, "partners/acme-retail/samples/acme_850_20261124.edi") == "FAILED: 1 error(s)");
  // Positioned: byte offset of the BEG, its index in the file (ISA = 1), the element.
  CHECK_THAT(r.out, Catch::Contains("acme_850_20261124.edi:" + std::to_string(at) + ": segment 27 (BEG) element 5:"));
}
