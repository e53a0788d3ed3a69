#pragma once
// Access to ../shared/corpus (public samples written by others) and its MANIFEST.tsv.
// When the corpus is absent the test is skipped (exit code 77, ctest SKIP_RETURN_CODE), not
// failed: a fresh machine without ../shared still passes.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace edigate::test {

struct CorpusEntry {
  std::string path;      // relative to the corpus dir
  std::string standard;  // X12, EDIFACT, JSON
  std::string version;
  std::string sets;
  std::string expect;  // valid, invalid, unknown
  std::string notes;
  std::filesystem::path file;  // absolute
};

inline std::filesystem::path corpus_dir_or_skip() {
  std::filesystem::path dir = EDIGATE_CORPUS_DIR;
  if (!std::filesystem::exists(dir / "MANIFEST.tsv")) {
    std::fprintf(stderr, "skipped: no corpus at %s\n", dir.c_str());
    std::exit(77);
  }
  return dir;
}

/// Rows of MANIFEST.tsv for one standard ("X12", "EDIFACT", "JSON"; empty = all).
inline std::vector<CorpusEntry> corpus_manifest(const std::string& standard = "") {
  auto dir = corpus_dir_or_skip();
  std::ifstream in(dir / "MANIFEST.tsv");
  std::vector<CorpusEntry> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() < 10) continue;
    CorpusEntry e{cols[0], cols[6], cols[7], cols[8], cols[9], cols.size() > 10 ? cols[10] : "", dir / cols[0]};
    if (standard.empty() || e.standard == standard) out.push_back(std::move(e));
  }
  return out;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace edigate::test
