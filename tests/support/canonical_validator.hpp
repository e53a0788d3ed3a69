#pragma once
// Canonical messages checked against the JSON Schemas in docs/canonical by an independent
// validator (python3-jsonschema, tests/core/canonical/validate_canonical.py).
#include "process.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace edigate::test {

/// Validates files holding one message each; returns path -> "valid PATH" / "invalid PATH: why".
inline std::map<std::string, std::string> validate_canonical_files(const std::vector<std::filesystem::path>& files) {
  const std::filesystem::path src = EDIGATE_SOURCE_DIR;
  std::string command = "python3 " + shell_quote((src / "tests/core/canonical/validate_canonical.py").string()) + " " +
                        shell_quote((src / "docs/canonical").string());
  for (const auto& f : files) command += " " + shell_quote(f.string());
  auto r = run_command(command);
  if (r.status == 3) FAIL("python3-jsonschema is not installed: run scripts/bootstrap\n" << r.out << r.err);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  std::map<std::string, std::string> results;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    for (const auto& f : files) {
      const std::string p = f.string();
      for (const char* prefix : {"valid ", "invalid "}) {
        const std::string head = prefix + p;
        if (line.compare(0, head.size(), head) == 0 && (line.size() == head.size() || line[head.size()] == ':'))
          results[p] = line;
      }
    }
  }
  return results;
}

/// Validates messages given as JSON text, in order; one "valid ..." / "invalid ...: why" each.
inline std::vector<std::string> validate_canonical_texts(const std::vector<std::string>& messages) {
  char dir_template[] = "/tmp/edigate-canonical-XXXXXX";
  REQUIRE(::mkdtemp(dir_template) != nullptr);
  const std::filesystem::path dir = dir_template;
  std::vector<std::filesystem::path> files;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    files.push_back(dir / ("m" + std::to_string(i) + ".json"));
    std::ofstream(files.back()) << messages[i];
  }
  auto results = validate_canonical_files(files);
  std::filesystem::remove_all(dir);
  std::vector<std::string> lines;
  for (const auto& f : files) lines.push_back(results.count(f.string()) ? results[f.string()] : "missing " + f.string());
  return lines;
}

}  // namespace edigate::test
