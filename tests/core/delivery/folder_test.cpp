// The folder destination on real file systems. The read-only and full-disk cases run the
// destination in a forked child, because producing the real errno needs a process-wide change:
//  - read-only: as root, permission bits do not stop a write (CAP_DAC_OVERRIDE), so the child
//    drops to the "nobody" user first; as another user, chmod 0555 is enough;
//  - full disk: the child enters its own mount namespace (inside a user namespace when not
//    root) and mounts a 64 KiB tmpfs over the folder, so a larger body fails in write() with a real ENOSPC
//    (RLIMIT_FSIZE would give EFBIG, and /dev/full cannot be a folder). Skipped when the namespace or mount is not
//    allowed (an unprivileged CI container).
#include "delivery/folder.hpp"
#include "outcome_printing.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

using namespace edigate::delivery;
using edigate::test::TempDir;
namespace fs = std::filesystem;

namespace {

Delivery message(const std::string& id, const std::string& body) {
  return Delivery{id, "corr-1", "eurofood", "purchase_order", body, 1};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct ChildResult {
  int exit_code = -1;
  std::string report;  // "<kind>|<detail>" written by the child
};

/// Runs `body` in a forked child that writes its report to a pipe; `body` returns the exit code.
template <typename F>
ChildResult in_child(F body) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::string report;
    const int code = body(report);
    (void)!::write(fds[1], report.data(), report.size());
    ::_exit(code);
  }
  ::close(fds[1]);
  ChildResult r;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) r.report.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string report_of(const DeliveryOutcome& o) { return std::string(to_string(o.kind)) + "|" + o.detail; }

}  // namespace

TEST_CASE("folder destination writes <message_id>.json with the exact body and no temporary file",
          "[delivery][folder]") {
  TempDir dir("folder");
  FolderDestination dest("archive", dir.path / "canonical" / "eurofood");
  const std::string body = R"({"type":"purchase_order","lines":[1,2,3]})";
  auto o = dest.deliver(message("m-001", body));
  CHECK(o.kind == DeliveryOutcome::delivered);
  CHECK(o.detail == (dir.path / "canonical" / "eurofood" / "m-001.json").string());
  CHECK(slurp(dir.path / "canonical" / "eurofood" / "m-001.json") == body);
  CHECK(names_in(dir.path / "canonical" / "eurofood") == std::vector<std::string>{"m-001.json"});
}

TEST_CASE("folder destination is idempotent: the same message again is delivered, not copied", "[delivery][folder]") {
  TempDir dir("folder");
  FolderDestination dest("archive", dir.path);
  const std::string body = R"({"n":1})";
  REQUIRE(dest.deliver(message("m-002", body)).kind == DeliveryOutcome::delivered);
  const auto written = fs::last_write_time(dir.path / "m-002.json");
  auto again = dest.deliver(message("m-002", body));
  CHECK(again.kind == DeliveryOutcome::delivered);
  CHECK(again.detail.find("already there") != std::string::npos);
  CHECK(fs::last_write_time(dir.path / "m-002.json") == written);
  CHECK(names_in(dir.path) == std::vector<std::string>{"m-002.json"});

  // A reprocess after a map fix (same id, new bytes) replaces the file, atomically.
  CHECK(dest.deliver(message("m-002", R"({"n":2})")).kind == DeliveryOutcome::delivered);
  CHECK(slurp(dir.path / "m-002.json") == R"({"n":2})");
  CHECK(names_in(dir.path) == std::vector<std::string>{"m-002.json"});
}

TEST_CASE("folder destination never shows a partial file to a reader polling the folder", "[delivery][folder]") {
  TempDir dir("folder");
  FolderDestination dest("archive", dir.path);
  const std::string body(4 << 20, 'x');  // large enough that a plain write would be seen midway
  std::atomic<bool> done{false};
  std::atomic<int> partial_seen{0};
  std::thread reader([&] {
    while (!done) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(dir.path, ec)) {
        const std::string name = e.path().filename().string();
        if (name.front() == '.') continue;  // temporary names are hidden by convention
        if (fs::file_size(e.path(), ec) != body.size() && !ec) ++partial_seen;
      }
    }
  });
  for (int i = 0; i < 5; ++i)
    CHECK(dest.deliver(message("m-big-" + std::to_string(i), body)).kind == DeliveryOutcome::delivered);
  done = true;
  reader.join();
  CHECK(partial_seen == 0);
  CHECK(names_in(dir.path).size() == 5);
}

TEST_CASE("folder destination refuses a message id that is not a plain file name", "[delivery][folder]") {
  TempDir dir("folder");
  FolderDestination dest("archive", dir.path / "out");
  for (const char* id : {"../escape", "a/b", "", ".hidden"}) {
    INFO(id);
    auto o = dest.deliver(message(id, "{}"));
    CHECK(o.kind == DeliveryOutcome::permanent);
  }
  CHECK_FALSE(fs::exists(dir.path / "escape.json"));
}

TEST_CASE("folder destination under a regular file is permanent (ENOTDIR) with the path", "[delivery][folder]") {
  TempDir dir("folder");
  std::ofstream(dir.path / "not-a-folder") << "x";
  FolderDestination dest("archive", dir.path / "not-a-folder" / "sub");
  auto o = dest.deliver(message("m-003", "{}"));
  CHECK(o.kind == DeliveryOutcome::permanent);
  CHECK(o.detail.find((dir.path / "not-a-folder").string()) != std::string::npos);
}

TEST_CASE("folder destination in a read-only folder is permanent (EACCES) with the path", "[delivery][folder]") {
  TempDir dir("folder");
  const fs::path target = dir.path / "readonly";
  fs::create_directories(target);
  ::chmod(dir.path.c_str(), 0755);
  ::chmod(target.c_str(), 0555);
  auto r = in_child([&](std::string& report) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return 3;
    report = report_of(FolderDestination("archive", target).deliver(message("m-004", "{}")));
    return 0;
  });
  ::chmod(target.c_str(), 0755);
  REQUIRE(r.exit_code == 0);
  CHECK(r.report.rfind("permanent|", 0) == 0);
  CHECK(r.report.find(target.string()) != std::string::npos);
  CHECK(r.report.find("Permission denied") != std::string::npos);
  CHECK(names_in(target).empty());
}

TEST_CASE("folder destination on a full disk is retried (ENOSPC) and leaves no temporary file", "[delivery][folder]") {
  TempDir dir("folder");
  const fs::path target = dir.path / "small";
  fs::create_directories(target);
  auto r = in_child([&](std::string& report) {
    // A private mount namespace: the tmpfs is seen by this child only and vanishes with it.
    // Not root: a user namespace first, mapping our uid to its root, which may then mount.
    if (::geteuid() == 0) {
      if (::unshare(CLONE_NEWNS) != 0) return 77;
    } else {
      const std::string uid_map = "0 " + std::to_string(::geteuid()) + " 1";
      const std::string gid_map = "0 " + std::to_string(::getegid()) + " 1";
      if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return 77;
      auto put = [](const char* file, const std::string& text) {
        const int fd = ::open(file, O_WRONLY);
        const bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
        if (fd >= 0) ::close(fd);
        return ok;
      };
      put("/proc/self/setgroups", "deny");
      if (!put("/proc/self/uid_map", uid_map) || !put("/proc/self/gid_map", gid_map)) return 77;
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 77;
    if (::mount("tmpfs", target.c_str(), "tmpfs", 0, "size=64k") != 0) return 77;
    FolderDestination dest("archive", target);
    report = report_of(dest.deliver(message("m-005", std::string(1 << 20, 'x'))));
    std::error_code ec;
    report += "|files=" + std::to_string(std::distance(fs::directory_iterator(target, ec), fs::directory_iterator()));
    // The space is back: the same folder takes a small message.
    report += "|small=" + std::string(to_string(dest.deliver(message("m-006", "{}")).kind));
    return 0;
  });
  if (r.exit_code == 77) {
    WARN("skipped: cannot mount a small tmpfs here (needs a mount namespace)");
    std::exit(77);
  }
  REQUIRE(r.exit_code == 0);
  INFO(r.report);
  CHECK(r.report.rfind("retry|", 0) == 0);
  CHECK(r.report.find("No space left on device") != std::string::npos);
  CHECK(r.report.find(target.string()) != std::string::npos);
  CHECK(r.report.find("|files=0|") != std::string::npos);
  CHECK(r.report.find("|small=delivered") != std::string::npos);
}

TEST_CASE("folder errno table: space and I/O retry, permissions and layout are permanent", "[delivery][folder]") {
  for (int e : {ENOSPC, EDQUOT, EIO, EFBIG, EMFILE}) CHECK(folder_outcome_for_errno(e) == DeliveryOutcome::retry);
  for (int e : {EACCES, EPERM, EROFS, ENOTDIR, ENOENT, ENAMETOOLONG})
    CHECK(folder_outcome_for_errno(e) == DeliveryOutcome::permanent);
}
