// Folder intake takes only complete files, with real files in a temp inbox.
#include <file/folder_scanner.hpp>

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <thread>

using namespace edigate;
using namespace edigate::intake;
using edigate::test::TempDir;
using edigate::test::write_text;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> names(const ScanResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.candidates) out.push_back(c.partner + "/" + c.path.filename().string());
  return out;
}

// A controllable clock for stability: tests move it forward instead of sleeping.
struct FakeClock {
  std::chrono::steady_clock::time_point now = std::chrono::steady_clock::time_point(1h);
  FolderScanner::Clock fn() {
    return [this] { return now; };
  }
};

// Sets a file's mtime to `age` ago, as if written before the gateway started.
void age_file(const fs::path& p, std::chrono::seconds age) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - age);
}

}  // namespace

TEST_CASE("a new file is taken only after its size and mtime held for stable-ms", "[intake]") {
  TempDir dir("intake");
  FakeClock clock;
  FolderScanner scanner(dir.path / "inbox", {}, {1000ms});
  scanner.set_clock(clock.fn());
  write_text(dir.path / "inbox" / "acme" / "po1.edi", "ISA*...");

  CHECK(scanner.scan().candidates.empty());  // just seen
  clock.now += 999ms;
  CHECK(scanner.scan().candidates.empty());
  clock.now += 1ms;
  auto r = scanner.scan();
  REQUIRE(names(r) == std::vector<std::string>{"acme/po1.edi"});
  CHECK(r.candidates[0].path == dir.path / "inbox" / "acme" / "po1.edi");
  CHECK(r.candidates[0].size == 7);
  CHECK(r.candidates[0].done_marker.empty());
  CHECK(r.problems.empty());
  // Returned once; the scanner does not delete it.
  CHECK(scanner.scan().candidates.empty());
  CHECK(fs::exists(dir.path / "inbox" / "acme" / "po1.edi"));
  // The pipeline could not take it: eligible again.
  scanner.reconsider(dir.path / "inbox" / "acme" / "po1.edi");
  CHECK(names(scanner.scan()) == std::vector<std::string>{"acme/po1.edi"});
}

TEST_CASE("a file whose mtime is already older than stable-ms is taken at once (restart)", "[intake]") {
  TempDir dir("intake");
  write_text(dir.path / "inbox" / "acme" / "left-over.edi", "x");
  age_file(dir.path / "inbox" / "acme" / "left-over.edi", 60s);
  FolderScanner scanner(dir.path / "inbox", {}, {1000ms});
  CHECK(names(scanner.scan()) == std::vector<std::string>{"acme/left-over.edi"});
}

TEST_CASE("dot-files, .tmp, .part, .done, folders, symlinks and top-level files are never taken", "[intake]") {
  TempDir dir("intake");
  const fs::path box = dir.path / "inbox" / "acme";
  for (const char* n : {".hidden", "a.tmp", "b.part", "c.done", "ok.edi"}) {
    write_text(box / n, "data");
    age_file(box / n, 60s);
  }
  fs::create_directories(box / "sub");
  write_text(dir.path / "inbox" / "no-partner.edi", "data");
  age_file(dir.path / "inbox" / "no-partner.edi", 60s);
  write_text(dir.path / "elsewhere.edi", "secret");
  age_file(dir.path / "elsewhere.edi", 60s);
  fs::create_symlink(dir.path / "elsewhere.edi", box / "link.edi");
  REQUIRE(::mkfifo((box / "pipe.edi").c_str(), 0600) == 0);
  write_text(dir.path / "inbox" / ".failed" / "x.edi", "old");
  age_file(dir.path / "inbox" / ".failed" / "x.edi", 60s);

  FolderScanner scanner(dir.path / "inbox", {}, {100ms});
  auto r = scanner.scan();
  CHECK(names(r) == std::vector<std::string>{"acme/ok.edi"});
  CHECK(r.problems.empty());
}

TEST_CASE("a file being appended to is not taken until it stops growing", "[intake]") {
  TempDir dir("intake");
  const fs::path file = dir.path / "inbox" / "eurofood" / "big.edi";
  fs::create_directories(file.parent_path());
  std::atomic<bool> writing{true};
  std::atomic<int> appends{0};
  std::thread writer([&] {
    std::ofstream out(file, std::ios::binary);
    for (int i = 0; i < 20; ++i) {
      out << std::string(1000, 'x') << std::flush;
      ++appends;
      std::this_thread::sleep_for(25ms);
    }
    writing = false;
  });
  // stable-ms well above the writer's 25 ms pace, so a loaded machine does not look like a pause.
  FolderScanner scanner(dir.path / "inbox", {}, {400ms});
  std::vector<Candidate> taken;
  int scans_while_writing = 0;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (taken.empty() && std::chrono::steady_clock::now() < deadline) {
    const bool was_writing = writing;
    auto r = scanner.scan();
    if (was_writing && writing) {
      ++scans_while_writing;
      INFO("taken while still being written after " << appends << " appends");
      CHECK(r.candidates.empty());
    }
    taken.insert(taken.end(), r.candidates.begin(), r.candidates.end());
    std::this_thread::sleep_for(10ms);
  }
  writer.join();
  CHECK(scans_while_writing > 10);
  REQUIRE(taken.size() == 1);
  CHECK(taken[0].size == 20000);  // the whole file, never a prefix
  CHECK(fs::file_size(file) == 20000);
}

TEST_CASE("with done markers only files with NAME.done beside them are taken", "[intake]") {
  TempDir dir("intake");
  const fs::path box = dir.path / "inbox" / "acme";
  write_text(box / "a.edi", "a");
  write_text(box / "b.edi", "b");
  age_file(box / "a.edi", 60s);
  age_file(box / "b.edi", 60s);
  FolderScanner scanner(dir.path / "inbox", {}, {1000ms, true});
  CHECK(scanner.scan().candidates.empty());  // old and stable, but no marker
  write_text(box / "b.edi.done", "");
  auto r = scanner.scan();
  REQUIRE(names(r) == std::vector<std::string>{"acme/b.edi"});
  CHECK(r.candidates[0].done_marker == box / "b.edi.done");
  // A marker for a file just written: taken at once, the marker is the writer's word.
  write_text(box / "c.edi", "c");
  write_text(box / "c.edi.done", "");
  CHECK(names(scanner.scan()) == std::vector<std::string>{"acme/c.edi"});
}

TEST_CASE("extra inbox folders are scanned for their partner", "[intake]") {
  TempDir dir("intake");
  write_text(dir.path / "mnt" / "acme-drop" / "po.edi", "x");
  age_file(dir.path / "mnt" / "acme-drop" / "po.edi", 60s);
  write_text(dir.path / "inbox" / "eurofood" / "orders.edi", "y");
  age_file(dir.path / "inbox" / "eurofood" / "orders.edi", 120s);
  FolderScanner scanner(dir.path / "inbox", {{"acme-retail", dir.path / "mnt" / "acme-drop"}}, {500ms});
  // Oldest first.
  CHECK(names(scanner.scan()) == std::vector<std::string>{"eurofood/orders.edi", "acme-retail/po.edi"});
}

TEST_CASE("a changed file is offered again, a removed one is forgotten", "[intake]") {
  TempDir dir("intake");
  FakeClock clock;
  const fs::path f = dir.path / "inbox" / "acme" / "po.edi";
  write_text(f, "one");
  age_file(f, 60s);
  FolderScanner scanner(dir.path / "inbox", {}, {1000ms});
  scanner.set_clock(clock.fn());
  CHECK(scanner.scan().candidates.size() == 1);
  write_text(f, "one two");  // a new version under the same name
  CHECK(scanner.scan().candidates.empty());
  clock.now += 1s;
  auto r = scanner.scan();
  REQUIRE(r.candidates.size() == 1);
  CHECK(r.candidates[0].size == 7);
  fs::remove(f);
  CHECK(scanner.scan().candidates.empty());
}

TEST_CASE("at most max-candidates are returned per scan, the rest come next time", "[intake]") {
  TempDir dir("intake");
  for (int i = 0; i < 5; ++i) {
    write_text(dir.path / "inbox" / "acme" / ("f" + std::to_string(i) + ".edi"), "x");
    age_file(dir.path / "inbox" / "acme" / ("f" + std::to_string(i) + ".edi"), std::chrono::seconds(100 - i));
  }
  ScanOptions o{100ms};
  o.max_candidates = 2;
  FolderScanner scanner(dir.path / "inbox", {}, o);
  CHECK(names(scanner.scan()) == std::vector<std::string>{"acme/f0.edi", "acme/f1.edi"});
  CHECK(names(scanner.scan()) == std::vector<std::string>{"acme/f2.edi", "acme/f3.edi"});
  CHECK(names(scanner.scan()) == std::vector<std::string>{"acme/f4.edi"});
  CHECK(scanner.scan().candidates.empty());
}

namespace {

// Runs `scenario` (empty result: passed, else what failed) as an unprivileged user: root opens
// any file whatever its mode, so when the suite runs as root the check runs in a child process
// that has dropped to nobody.
std::string as_unprivileged(const std::function<std::string()>& scenario) {
  if (::geteuid() != 0) return scenario();
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    std::string result = (::setgid(65534) == 0 && ::setuid(65534) == 0) ? scenario() : "cannot drop to nobody";
    (void)!::write(fds[1], result.data(), result.size());
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string result;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) result.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return result;
}

}  // namespace

TEST_CASE("an unreadable file is reported, and moved to .failed only when told to", "[intake]") {
  TempDir dir("intake");
  const fs::path box = dir.path / "inbox" / "acme";
  write_text(box / "locked.edi", "x");
  write_text(box / "locked.edi.done", "");
  age_file(box / "locked.edi", 60s);
  fs::permissions(box / "locked.edi", fs::perms::none);
  // The unprivileged user may list and rename in the inbox, as the gateway's own user would.
  for (const fs::path& p : {dir.path, dir.path / "inbox", box}) fs::permissions(p, fs::perms::all);

  const std::string failure = as_unprivileged([&]() -> std::string {
    FolderScanner keep(dir.path / "inbox", {}, {100ms});
    auto r = keep.scan();
    if (!r.candidates.empty()) return "an unreadable file was offered";
    if (r.problems.size() != 1) return "expected one problem, got " + std::to_string(r.problems.size());
    if (r.problems[0].code != "intake.file.unreadable") return "code " + r.problems[0].code;
    if (r.problems[0].position.file != (box / "locked.edi").string()) return "file " + r.problems[0].position.file;
    if (!fs::exists(box / "locked.edi")) return "moved although not told to";

    ScanOptions o{100ms};
    o.move_unreadable = true;
    FolderScanner move(dir.path / "inbox", {}, o);
    r = move.scan();
    if (r.problems.size() != 1) return "move: expected one problem";
    if (r.problems[0].message.find(".failed") == std::string::npos) return "move: " + r.problems[0].message;
    if (fs::exists(box / "locked.edi")) return "not moved";
    if (!fs::exists(box / ".failed" / "locked.edi")) return "not in .failed";
    if (!fs::exists(box / ".failed" / "locked.edi.done")) return "marker not moved with it";
    if (!move.scan().problems.empty()) return "reported again after the move";
    return {};
  });
  CHECK(failure == "");
}

TEST_CASE("moving to .failed never overwrites an earlier failure", "[intake]") {
  TempDir dir("intake");
  const fs::path box = dir.path / "inbox" / "acme";
  write_text(box / "bad.edi", "first");
  auto a = FolderScanner::move_to_failed(box / "bad.edi");
  REQUIRE(a);
  write_text(box / "bad.edi", "second");
  auto b = FolderScanner::move_to_failed(box / "bad.edi");
  REQUIRE(b);
  CHECK(*a == box / ".failed" / "bad.edi");
  CHECK(*b == box / ".failed" / "bad.edi.1");
  auto missing = FolderScanner::move_to_failed(box / "gone.edi");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "intake.file.move_failed");
}

TEST_CASE("a missing inbox is not a problem", "[intake]") {
  TempDir dir("intake");
  FolderScanner scanner(dir.path / "inbox", {{"x", dir.path / "nope"}}, {100ms});
  auto r = scanner.scan();
  CHECK(r.candidates.empty());
  CHECK(r.problems.empty());
}
