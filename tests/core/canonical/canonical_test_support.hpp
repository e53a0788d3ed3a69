#pragma once
// Helpers shared by the canonical tests: reading files and running the schema validator.
#include "canonical_validator.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
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

/// path -> "valid PATH" / "invalid PATH: why" (see canonical_validator.hpp).
inline std::map<std::string, std::string> validate_with_jsonschema(const std::vector<std::filesystem::path>& files) {
  return validate_canonical_files(files);
}

}  // namespace edigate::test
