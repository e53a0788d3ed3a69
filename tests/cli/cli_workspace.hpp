#pragma once
// Running the `edigate` binary from tests.
#include "process.hpp"
#include "temp_dir.hpp"

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

namespace edigate::test {

inline const std::string& edigate_binary() {
  static const std::string path = std::string(EDIGATE_BUILD_DIR) + "/bin/edigate";
  return path;
}

/// A temp folder to run edigate in, so ./partners and ./maps are the test's own.
struct Workspace : TempDir {
  std::filesystem::path& dir = path;
  explicit Workspace(const std::string& tag = "cli") : TempDir(tag) {}

  void write(const std::string& rel, const std::string& text) const { write_text(path / rel, text); }
  std::string read(const std::string& rel) const {
    std::ifstream in(path / rel, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  /// Runs edigate in the workspace with a shell command line tail.
  CommandResult run(const std::string& args) const {
    return run_command("cd " + shell_quote(path.string()) + " && " + edigate_binary() + " " + args);
  }
};

}  // namespace edigate::test
