#pragma once
// The example partners in partners/ as tests see them: their samples, the golden output stored
// for each in tests/examples/golden/<partner>/, and the real edigate binary run from the source
// tree (so the canonical `source.file` is the repository-relative sample path).
#include "process.hpp"

#include "canonical/json_io.hpp"
#include "translation/compare.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace edigate::test {

namespace fs = std::filesystem;

inline const fs::path kSource = EDIGATE_SOURCE_DIR;
inline const fs::path kGolden = fs::path(EDIGATE_TEST_DATA_DIR) / "golden";
inline const std::string kEdigate = std::string(EDIGATE_BUILD_DIR) + "/bin/edigate";
// Rendering stamps ISA09/10, GS04/05 and UNB 0017/0019; fixed so the goldens never age.
inline const std::string kRenderDate = "--date 20261201 --time 0800";

enum class SampleKind { edi, carrier_json, canonical };

struct Sample {
  std::string partner;
  fs::path file;  ///< relative to the source dir: partners/<id>/samples/<name>
  SampleKind kind;
  /// tests/examples/golden/<partner>/<name>.jsonl (translated) or <name>.edi (rendered)
  fs::path golden() const {
    return kGolden / partner / (file.filename().string() + (kind == SampleKind::canonical ? ".edi" : ".jsonl"));
  }
};

/// Every file in partners/*/samples/, sorted. The kind follows the extension: .edi is EDI,
/// .json a carrier API response, .jsonl canonical messages; anything else fails the test.
inline std::vector<Sample> example_samples() {
  std::vector<Sample> out;
  for (const auto& dir : fs::directory_iterator(kSource / "partners")) {
    if (!dir.is_directory() || !fs::exists(dir.path() / "samples")) continue;
    const std::string partner = dir.path().filename().string();
    for (const auto& f : fs::directory_iterator(dir.path() / "samples")) {
      const std::string ext = f.path().extension().string();
      const fs::path rel = fs::path("partners") / partner / "samples" / f.path().filename();
      if (ext == ".edi")
        out.push_back({partner, rel, SampleKind::edi});
      else if (ext == ".json")
        out.push_back({partner, rel, SampleKind::carrier_json});
      else if (ext == ".jsonl")
        out.push_back({partner, rel, SampleKind::canonical});
      else
        FAIL("unexpected sample file (want .edi, .json or .jsonl): " << rel);
    }
  }
  std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.file < b.file; });
  return out;
}

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// `edigate COMMAND ARGS` in the source dir with the repository's partners and maps.
inline CommandResult run_edigate(const std::string& command, const std::string& args) {
  return run_command("cd " + shell_quote(kSource.string()) + " && " + shell_quote(kEdigate) + " " + command +
                     " --partners partners --maps maps " + args);
}

/// What the sample gives today: translate (EDI routed by its sender, carrier JSON named by
/// --partner) or render (canonical, for the sample's partner).
inline CommandResult run_sample(const Sample& s) {
  switch (s.kind) {
    case SampleKind::edi:
      return run_edigate("translate", shell_quote(s.file.string()));
    case SampleKind::carrier_json:
      return run_edigate("translate", "--partner " + s.partner + " " + shell_quote(s.file.string()));
    case SampleKind::canonical:
      return run_edigate("render", "--partner " + s.partner + " " + kRenderDate + " " + shell_quote(s.file.string()));
  }
  return {};
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// "" when the JSON Lines texts are byte-equal; else where they first differ: the message
/// (line) and the JSON path of the first differing value, or the line when the two parse
/// equal but are written differently (member order, spacing).
inline std::string first_json_lines_difference(const std::string& got, const std::string& want) {
  if (got == want) return "";
  const auto g = split_lines(got), w = split_lines(want);
  for (std::size_t i = 0; i < std::max(g.size(), w.size()); ++i) {
    const std::string where = "message " + std::to_string(i + 1) + " (line " + std::to_string(i + 1) + ")";
    if (i >= g.size()) return where + ": missing from the output";
    if (i >= w.size()) return where + ": not in the golden file";
    if (g[i] == w[i]) continue;
    auto a = canonical::parse_message(g[i], {});
    auto b = canonical::parse_message(w[i], {});
    if (!a || !b) return where + ": not a canonical message: " + (!a ? "output" : "golden");
    if (auto d = translation::first_difference(*a, *b, {})) return where + ": output vs golden differ at " + *d;
    return where + ": same values, written differently:\n  output: " + g[i] + "\n  golden: " + w[i];
  }
  return "the files differ after the last line (line ending)";
}

/// "" when equal; else the first differing line (1-based) of two EDI texts, both lines shown.
inline std::string first_line_difference(const std::string& got, const std::string& want) {
  if (got == want) return "";
  const auto g = split_lines(got), w = split_lines(want);
  for (std::size_t i = 0; i < std::max(g.size(), w.size()); ++i) {
    const std::string a = i < g.size() ? g[i] : "(none)", b = i < w.size() ? w[i] : "(none)";
    if (a != b) return "line " + std::to_string(i + 1) + ":\n  output: " + a + "\n  golden: " + b;
  }
  return "the files differ after the last line (line ending)";
}

}  // namespace edigate::test
