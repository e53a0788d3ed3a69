// Every EDIFACT file of the shared corpus: valid ones read without envelope errors, invalid
// ones whose notes name an envelope-check defect give at least one positioned error.
#include "read_all.hpp"

#include <catch2/catch.hpp>
#include "../../support/corpus.hpp"

using namespace edigate;
using namespace edigate::edifact::test;

TEST_CASE("corpus files marked valid read without envelope errors", "[edifact][corpus]") {
  int checked = 0;
  for (const auto& e : test::corpus_manifest("EDIFACT")) {
    if (e.expect != "valid") continue;
    std::string bytes = test::read_file(e.file);
    auto recs = read_all(bytes);
    auto errs = errors_of(recs);
    INFO(e.path);
    for (const auto& err : errs) INFO(err.to_string());
    CHECK(errs.empty());
    if (!errs.empty()) FAIL_CHECK(errs.front().to_string());
    bool has_tx = false;
    for (const auto& r : recs) has_tx = has_tx || r.kind == EventKind::transaction;
    CHECK(has_tx);
    ++checked;
  }
  CHECK(checked >= 30);
}

TEST_CASE("corpus files with an envelope-check note give a positioned envelope error", "[edifact][corpus]") {
  int checked = 0;
  for (const auto& e : test::corpus_manifest("EDIFACT")) {
    if (e.expect != "invalid" || e.notes.find("envelope-check:") == std::string::npos) continue;
    std::string bytes = test::read_file(e.file);
    INFO(e.path << " notes: " << e.notes);
    // Lenient defaults may downgrade the defect (junk before UNB) to a warning; strict reading
    // must make it an error.
    CHECK_FALSE(errors_of(read_all(bytes), true).empty());
    ReaderOptions strict;
    strict.tolerance.junk_between_interchanges = false;
    auto errs = errors_of(read_all(bytes, strict));
    REQUIRE_FALSE(errs.empty());
    bool positioned = false;
    for (const auto& err : errs) positioned = positioned || err.position.has_offset;
    CHECK(positioned);
    ++checked;
  }
  CHECK(checked >= 20);
}
