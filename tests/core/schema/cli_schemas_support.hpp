#pragma once
// Running `edigate schemas ...` in-process for the CLI tests of the schema commands.
#include "cli/commands.hpp"

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace edigate::test {

/// The schemas the build installs (build/share/edigate/schemas).
inline const std::filesystem::path kInstalledSchemas =
    std::filesystem::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas";

struct SchemasRun {
  int status;
  std::string out, err;
};

/// cmd_schemas on `words`, with `--schemas dir` appended when `dir` is given.
inline SchemasRun run_schemas(std::vector<std::string> words, const std::filesystem::path& dir = {}) {
  if (!dir.empty()) {
    words.push_back("--schemas");
    words.push_back(dir.string());
  }
  std::ostringstream out, err;
  const int status = cli::cmd_schemas(words, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace edigate::test
