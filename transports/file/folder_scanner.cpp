#include <file/folder_scanner.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace edigate::intake {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const char* suffix) {
  const std::size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

Error file_error(const char* code, const std::string& what, const fs::path& path, int err) {
  Position where;
  where.file = path.string();
  return Error(code, what + ": " + std::strerror(err)).at(std::move(where)).as(ErrorCategory::transient);
}

// Opening (not reading) proves the pipeline can read it; O_NONBLOCK so a FIFO renamed over a
// checked name can never hang the scan.
int open_error(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return errno;
  ::close(fd);
  return 0;
}

}  // namespace

bool is_ignored_name(const std::string& name) {
  return name.empty() || name[0] == '.' || ends_with(name, ".tmp") || ends_with(name, ".part") ||
         ends_with(name, ".done");
}

FolderScanner::FolderScanner(fs::path inbox_root, std::vector<InboxFolder> extra, ScanOptions options)
    : root_(std::move(inbox_root)),
      extra_(std::move(extra)),
      options_(options),
      clock_([] { return std::chrono::steady_clock::now(); }) {}

ScanResult FolderScanner::scan() {
  ScanResult result;
  std::vector<Candidate> found;
  for (auto& [path, seen] : seen_) seen.alive = false;

  std::error_code ec;
  std::vector<InboxFolder> folders;
  fs::directory_iterator it(root_, ec), end;
  if (ec && ec != std::errc::no_such_file_or_directory)
    result.problems.push_back(file_error("intake.folder.unreadable", "cannot list the inbox", root_, ec.value()));
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (name.empty() || name[0] == '.' || !it->is_directory(type_ec) || it->is_symlink(type_ec)) continue;
    folders.push_back({name, it->path()});
  }
  std::sort(folders.begin(), folders.end(), [](auto& a, auto& b) { return a.dir < b.dir; });
  folders.insert(folders.end(), extra_.begin(), extra_.end());
  for (const InboxFolder& f : folders) scan_folder(f, found, result);

  // Forget files that are gone (taken by the pipeline, or removed by hand).
  for (auto i = seen_.begin(); i != seen_.end();) i = i->second.alive ? std::next(i) : seen_.erase(i);

  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.mtime, a.path) < std::tie(b.mtime, b.path);
  });
  if (found.size() > options_.max_candidates) {
    // The rest stay eligible for the next scan.
    for (std::size_t i = options_.max_candidates; i < found.size(); ++i) seen_[found[i].path].yielded = false;
    found.resize(options_.max_candidates);
  }
  result.candidates = std::move(found);
  return result;
}

void FolderScanner::scan_folder(const InboxFolder& folder, std::vector<Candidate>& out, ScanResult& result) {
  std::error_code ec;
  fs::directory_iterator it(folder.dir, ec), end;
  if (ec) {
    if (ec != std::errc::no_such_file_or_directory)
      result.problems.push_back(
          file_error("intake.folder.unreadable", "cannot list the inbox folder", folder.dir, ec.value()));
    return;
  }
  const auto now = clock_();
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (is_ignored_name(name)) continue;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;  // symlinks, FIFOs, folders
    const auto size = static_cast<std::uint64_t>(st.st_size);
    const auto mtime =
        std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec)));

    Seen& seen = seen_[path];
    const bool first = !seen.alive && seen.unchanged_since == std::chrono::steady_clock::time_point{};
    seen.alive = true;
    if (first || seen.size != size || seen.mtime != mtime) {
      seen.yielded = false;  // changed since it was returned: a new version to consider
      seen.size = size;
      seen.mtime = mtime;
      seen.unchanged_since = now;
      if (first) {
        // Already that old by its mtime: unchanged for `stable` before we looked.
        const auto age = std::chrono::system_clock::now() - mtime;
        if (age >= options_.stable) seen.unchanged_since = now - options_.stable;
      }
    }
    if (seen.yielded) continue;

    Candidate c{folder.partner, path, {}, size, mtime};
    if (options_.done_marker) {
      fs::path marker = path;
      marker += ".done";
      struct stat mst {};
      if (::stat(marker.c_str(), &mst) != 0 || !S_ISREG(mst.st_mode)) continue;
      c.done_marker = std::move(marker);
    } else if (now - seen.unchanged_since < options_.stable) {
      continue;  // still settling (or still growing)
    }

    if (int err = open_error(path); err != 0) {
      Error e = file_error("intake.file.unreadable", "cannot read the inbox file", path, err);
      if (options_.move_unreadable) {
        auto moved = move_to_failed(path);
        if (moved) {
          e.message += "; moved to " + moved->string();
          seen.alive = false;
        } else {
          e.message += "; could not move it to .failed: " + moved.error().message;
        }
      }
      result.problems.push_back(std::move(e));
      continue;
    }
    seen.yielded = true;
    out.push_back(std::move(c));
  }
  if (ec)
    result.problems.push_back(
        file_error("intake.folder.unreadable", "cannot list the inbox folder", folder.dir, ec.value()));
}

void FolderScanner::reconsider(const fs::path& path) {
  if (auto it = seen_.find(path); it != seen_.end()) it->second.yielded = false;
}

Result<fs::path> FolderScanner::move_to_failed(const fs::path& path) {
  const fs::path failed = path.parent_path() / ".failed";
  std::error_code ec;
  fs::create_directories(failed, ec);
  if (ec) return file_error("intake.file.move_failed", "cannot create " + failed.string(), path, ec.value());
  fs::path target = failed / path.filename();
  for (int n = 1; fs::exists(target, ec); ++n) target = failed / (path.filename().string() + "." + std::to_string(n));
  // rename(2): same file system, atomic; the inbox never shows half a move.
  if (::rename(path.c_str(), target.c_str()) != 0)
    return file_error("intake.file.move_failed", "cannot move to " + target.string(), path, errno);
  fs::path marker = path;
  marker += ".done";
  if (fs::exists(marker, ec)) {
    fs::path marker_target = target;
    marker_target += ".done";
    ::rename(marker.c_str(), marker_target.c_str());  // best effort: the file itself is what matters
  }
  return target;
}

}  // namespace edigate::intake
