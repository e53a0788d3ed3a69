// The public corpus against the generated EDIFACT library: no message of a directory
// D93A..D10B is accepted on envelope checks alone any more, and how far our verdict agrees
// with MANIFEST.tsv's `expect` column is printed per standard and per schema source. A
// disagreement is reported, not failed: corpus files carry codes of later directories and
// partner quirks (the lines printed say which); the hand-checked tables are held to the
// stricter corpus_validation_test.
#include "corpus.hpp"
#include "inbound_pass.hpp"
#include "schema/registry.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace edigate;

namespace {

bool in_library_range(const std::string& version) {
  // D93A .. D10B: D9xy and D0xy, D10A, D10B.
  if (version.size() != 4 || version[0] != 'D') return false;
  std::string year = version.substr(1, 2);
  return (year >= "93" && year <= "99") || (year >= "00" && year <= "09") || year == "10";
}

struct Verdict {
  std::string source;  // "hand-checked", "generated", "generated EANCOM", "generated UN, EANCOM-tagged ...", "none"
  std::vector<Error> errors;
  std::vector<std::string> unchecked;  // version/set of transactions without a schema
  std::size_t transactions = 0;
};

// The file through the one inbound pass in validate-only mode (what `edigate validate` runs).
Verdict check(const test::CorpusEntry& entry, schema::Registry& schemas) {
  auto pass = test::validate_pass("EDIFACT", test::read_file(entry.file), entry.path, schemas);
  Verdict v;
  std::set<std::string> sources;
  for (const auto& e : pass.issues)
    if (!e.is_warning()) v.errors.push_back(e);
  v.transactions = pass.summary.transactions;
  for (const auto& t : pass.transactions) {
    auto s = schemas.find("EDIFACT", t.version, t.set, t.release);
    if (!s || !*s) {
      v.unchecked.push_back(t.version + " " + t.set);
      sources.insert("none");
      continue;
    }
    const auto& info = schema::info(**s);
    // An EANCOM-tagged message of a message its directory defines is checked against the UN table
    // with the code lists open (schema::Registry::find).
    const bool ean = schema::variant_of_release("EDIFACT", t.release) == "EANCOM";
    sources.insert(info.dictionary.empty()                           ? "hand-checked"
                   : info.file.find("/EANCOM/") != std::string::npos ? "generated EANCOM"
                   : ean                                             ? "generated UN, EANCOM-tagged (codes open)"
                                                                     : "generated");
  }
  for (const auto& s : sources) v.source += (v.source.empty() ? "" : "+") + s;
  if (v.source.empty()) v.source = "none";
  return v;
}

}  // namespace

TEST_CASE("corpus EDIFACT D93A-D10B is validated against the library, agreement with MANIFEST is reported",
          "[corpus][validation][library]") {
  schema::Registry schemas({fs::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"});
  std::vector<schema::ListedSchema> listed;
  REQUIRE(schemas.list(listed).empty());
  std::set<std::string> known_sets;  // every message type some directory defines
  for (const auto& l : listed)
    if (l.standard == "EDIFACT") known_sets.insert(l.set);

  struct Tally {
    int agree = 0, disagree = 0, unknown = 0;
  };
  std::map<std::string, Tally> tally;  // by schema source
  std::ostringstream lines;
  std::string envelope_only;
  int files = 0;
  for (const auto& entry : test::corpus_manifest("EDIFACT")) {
    if (!in_library_range(entry.version)) continue;
    INFO(entry.path);
    Verdict v = check(entry, schemas);
    ++files;
    for (const auto& u : v.unchecked) {
      std::string set = u.substr(u.find(' ') + 1);
      // A set no directory defines (CUSTOM, test messages) can only be read; a known one must
      // have been found in its own directory.
      if (known_sets.count(set)) envelope_only += entry.path + ": " + u + "\n";
    }
    std::string ours = v.transactions == 0 ? "unread" : v.errors.empty() ? "valid" : "invalid";
    Tally& t = tally[v.source];
    if (entry.expect != "valid" && entry.expect != "invalid") {
      ++t.unknown;
    } else if (entry.expect == ours) {
      ++t.agree;
    } else {
      ++t.disagree;
      lines << "  " << entry.path << " (" << entry.version << " " << entry.sets << ", " << v.source << "): MANIFEST "
            << entry.expect << ", edigate " << ours
            << (v.errors.empty()
                    ? ""
                    : ": " + v.errors.front().to_string() + " (+" + std::to_string(v.errors.size() - 1) + " more)")
            << "\n";
    }
  }
  std::ostringstream report;
  report << "EDIFACT corpus files in D93A-D10B: " << files << "\n";
  for (const auto& [source, t] : tally)
    report << "  schema " << source << ": agree " << t.agree << ", disagree " << t.disagree << ", expect unknown "
           << t.unknown << "\n";
  report << "disagreements:\n" << lines.str();
  WARN(report.str());
  INFO(envelope_only);
  CHECK(envelope_only.empty());
  CHECK(files >= 40);
}
