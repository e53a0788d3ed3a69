// All-or-nothing writing of a set of files (file_set_writer.hpp).
#include "schema/file_set_writer.hpp"

#include <unistd.h>
#include <fstream>

namespace edigate::schema {
namespace {

namespace fs = std::filesystem;

Error write_error(const fs::path& path, const std::string& what) {
  Error e("schema.import.write", what);
  e.position.file = path.string();
  return e;
}

// Folders to create for `dir`, outermost first: what to remove again on failure.
std::vector<fs::path> missing_folders(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    out.insert(out.begin(), p);
    if (p == p.parent_path()) break;
  }
  return out;
}

}  // namespace

Result<void> write_all_or_nothing(const FileSet& files) {
  std::vector<fs::path> created, temps;
  auto undo = [&] {
    std::error_code ec;
    for (const auto& t : temps) fs::remove(t, ec);
    for (auto it = created.rbegin(); it != created.rend(); ++it) fs::remove(*it, ec);  // empty ones only
  };
  // The pid keeps two imports into one folder from writing each other's temporary files.
  const std::string suffix = ".importing-" + std::to_string(::getpid());
  for (const auto& [path, text] : files) {
    for (auto& f : missing_folders(path.parent_path())) {
      std::error_code ec;
      if (!fs::create_directory(f, ec) && ec) {
        undo();
        return write_error(f, "cannot create directory: " + ec.message());
      }
      created.push_back(f);
    }
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
      undo();
      return write_error(path, "exists and is not a file: expected a file to replace or none");
    }
    fs::path temp = path;
    temp += suffix;
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (out) temps.push_back(temp);
    if (!out || !out.write(text.data(), static_cast<std::streamsize>(text.size())) || !out.flush()) {
      undo();
      return write_error(path, "cannot write");
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    fs::rename(temps[i], files[i].first, ec);
    if (ec) {
      std::vector<fs::path> left(temps.begin() + static_cast<std::ptrdiff_t>(i), temps.end());
      temps = left;
      created.clear();  // folders now hold renamed files; keep them
      undo();
      return write_error(files[i].first, "cannot rename into place: " + ec.message() + " (" + std::to_string(i) +
                                             " of " + std::to_string(files.size()) + " files were written)");
    }
  }
  return {};
}

}  // namespace edigate::schema
