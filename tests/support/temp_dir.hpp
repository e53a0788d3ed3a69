#pragma once
// A fresh folder under the system temp dir for one test, removed when the test ends.
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace edigate::test {

struct TempDir {
  std::filesystem::path path;
  /// Under `base` when given (a test writing hundreds of megabytes keeps them in the build
  /// folder), else under the system temp dir.
  explicit TempDir(const std::string& tag = "test", const std::filesystem::path& base = {}) {
    static int counter = 0;
    path = (base.empty() ? std::filesystem::temp_directory_path() : base) /
           ("edigate-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

/// Writes `text` to `p`, creating the folders on the way.
inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace edigate::test
