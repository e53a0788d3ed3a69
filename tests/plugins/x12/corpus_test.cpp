// The shared corpus (read in place, skipped when absent): valid files read without envelope
// errors; invalid files whose notes name an envelope defect get a positioned envelope error;
// warning-free files round-trip byte for byte.
#include "../../support/corpus.hpp"
#include "roundtrip.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace edigate;
using namespace edigate::x12::test;

namespace {

bool envelope_code(const std::string& code) { return code.rfind("x12.", 0) == 0; }

}  // namespace

TEST_CASE("every valid X12 corpus file reads without envelope errors", "[x12][corpus]") {
  auto entries = edigate::test::corpus_manifest("X12");
  REQUIRE(!entries.empty());
  std::size_t checked = 0;
  for (const auto& e : entries) {
    if (e.expect != "valid") continue;
    std::string bytes = edigate::test::read_file(e.file);
    for (std::size_t chunk : {std::size_t{65536}, std::size_t{7}}) {
      ReaderOptions o;
      o.chunk_size = chunk;
      auto c = read_all(bytes, o);
      INFO(e.path << " chunk " << chunk);
      REQUIRE_FALSE(c.io_error);
      for (const auto& i : c.all_issues) {
        INFO(i.to_string());
        // A file may hold the same interchange twice (MANIFEST "2 interchanges"); the reader
        // flags the repeat, and only when there is a second interchange to repeat the first.
        if (i.code == "x12.isa.duplicate_control") {
          CHECK(c.count(EventKind::interchange_begin) > 1);
          continue;
        }
        CHECK(i.is_warning());
      }
      CHECK(c.count(EventKind::transaction) > 0);
      CHECK(c.count(EventKind::interchange_begin) == c.count(EventKind::interchange_end));
    }
    ++checked;
  }
  CHECK(checked >= 40);
}

TEST_CASE("invalid corpus files with an envelope defect get a positioned envelope error", "[x12][corpus]") {
  std::size_t checked = 0;
  for (const auto& e : edigate::test::corpus_manifest("X12")) {
    if (e.expect != "invalid" || e.notes.find("envelope-check:") == std::string::npos) continue;
    auto c = read_all(edigate::test::read_file(e.file));
    INFO(e.path << ": " << e.notes);
    bool found = false;
    for (const auto& i : c.all_issues)
      found =
          found || (!i.is_warning() && envelope_code(i.code) && i.position.has_offset && i.position.segment_index > 0);
    CHECK(found);
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("the reader finds the defects the corpus notes describe", "[x12][corpus]") {
  auto dir = edigate::test::corpus_dir_or_skip();
  auto c = read_all(edigate::test::read_file(dir / "x12/edinet/204-MGCTLYST-SAMPLE.EDI"));
  const Error* se = c.find("x12.se.count");
  REQUIRE(se);
  CHECK(se->found == "41");
  CHECK(se->expected == "38");
  auto t = read_all(edigate::test::read_file(dir / "x12/node-x12/271.edi"));
  CHECK(t.find("x12.gs.missing_ge"));
  CHECK(t.find("x12.isa.missing_iea"));
  auto ta1 = read_all(edigate::test::read_file(dir / "x12/staedi/x12_interchange_ack.txt"));
  REQUIRE(ta1.find("x12.iea.count"));
  CHECK(ta1.find("x12.iea.count")->expected == "0");
  auto ebcdic = read_all(edigate::test::read_file(dir / "x12/bots/ebcdic.x12"));
  CHECK(ebcdic.errors() == 0);
  CHECK(ebcdic.count(EventKind::transaction) == 1);
}

TEST_CASE("warning-free corpus files round-trip byte for byte through the writer", "[x12][corpus][writer]") {
  auto trim_end = [](std::string v) {
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
    return v;
  };
  auto no_line_breaks = [](std::string v) {
    std::erase_if(v, [](char c) { return c == '\r' || c == '\n'; });
    return v;
  };
  std::size_t identical = 0;
  std::set<std::string> terminators;
  for (const auto& e : edigate::test::corpus_manifest("X12")) {
    if (e.expect != "valid") continue;
    std::string bytes = edigate::test::read_file(e.file);
    auto docs = to_documents(bytes);
    if (docs.issues != 0 || docs.interchanges.empty()) continue;  // leniencies cannot be reproduced
    const Delimiters& d = docs.interchanges.front().delimiters;
    // ISB/ISE/TA1 between ISA and GS are not carried by reader events, so cannot be rewritten.
    if (bytes.find(d.segment + d.suffix + "ISB") != std::string::npos ||
        bytes.find(d.segment + d.suffix + "TA1") != std::string::npos)
      continue;
    bool ok = false;
    std::string out = write_documents(docs, &ok);
    INFO(e.path);
    REQUIRE(ok);
    if (trim_end(out) == trim_end(bytes)) {
      ++identical;
      terminators.insert(d.segment);
      continue;
    }
    // A few files are inconsistent about the line break after a terminator: then only the
    // layout may differ.
    bool line_breaks_are_delimiters = d.segment == "\n" || d.segment == "\r" || d.element == '\n';
    REQUIRE_FALSE(line_breaks_are_delimiters);
    CHECK(trim_end(no_line_breaks(out)) == trim_end(no_line_breaks(bytes)));
  }
  CHECK(identical >= 20);
  CHECK(terminators.size() >= 4);  // ~, LF, CR, 0x15, ' ...
}
