#pragma once
// Helpers shared by the canonical tests: reading files and running the schema validator.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace edigate::test {

inline std::filesystem::path source_dir() { return EDIGATE_SOURCE_DIR; }

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs tests/core/canonical/validate_canonical.py on `files`; returns path -> its result line
/// ("valid ..." / "invalid ...: why"). Fails the test when python3-jsonschema is missing.
inline std::map<std::string, std::string> validate_with_jsonschema(const std::vector<std::filesystem::path>& files) {
  std::string command = "python3 " + shell_quote((source_dir() / "tests/core/canonical/validate_canonical.py").string()) +
                        " " + shell_quote((source_dir() / "docs/canonical").string());
  for (const auto& f : files) command += " " + shell_quote(f.string());
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 3) FAIL("python3-jsonschema is not installed: run scripts/bootstrap (apt-get install python3-jsonschema)\n" << output);
  INFO(output);
  REQUIRE(code == 0);
  std::map<std::string, std::string> results;
  std::istringstream lines(output);
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

}  // namespace edigate::test
