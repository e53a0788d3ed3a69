#include <file/read_file.hpp>

#include <fstream>
#include <sstream>

namespace edigate::io {

Result<std::string> read_file(const std::filesystem::path& path, const std::string& code) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(code, path.string() + ": cannot be opened").as(ErrorCategory::transient);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Error(code, path.string() + ": read failed").as(ErrorCategory::transient);
  return bytes.str();
}

}  // namespace edigate::io
