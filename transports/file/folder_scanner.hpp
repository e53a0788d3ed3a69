#pragma once
// Folder intake: finds the complete files in DATA/inbox/<partner-id>/ (and the configured extra
// inbox folders). It only finds them: the pipeline reads a candidate, commits it to the store,
// and only then deletes it (and its .done marker), so a crash at any point leaves the file in
// the inbox to be taken again (the store deduplicates by file name + sha256).
//
// A file is complete when
//  - its name does not start with '.' and does not end in .tmp, .part or .done (writers write
//    to such a name and rename into place, which is atomic), it is a regular file (symlinks,
//    FIFOs and folders are skipped), and
//  - with done markers off: its size and mtime have not changed for `stable` (seen unchanged
//    across scans that far apart, or an mtime already that old when first seen, so files left
//    from before a restart are taken at once);
//  - with done markers on: NAME.done exists beside it (stability is then the writer's word).
#include <edigate/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace edigate::intake {

struct InboxFolder {
  std::string partner;  ///< the partner every file in it comes from
  std::filesystem::path dir;
};

struct ScanOptions {
  std::chrono::milliseconds stable{1000};
  bool done_marker = false;
  /// Move a complete file that cannot be opened for reading to <folder>/.failed/ (else it is
  /// only reported, every scan).
  bool move_unreadable = false;
  /// At most this many candidates per scan (backpressure: the rest wait for the next scan).
  std::size_t max_candidates = 1000;
};

struct Candidate {
  std::string partner;
  std::filesystem::path path;
  std::filesystem::path done_marker;  ///< NAME.done when done markers are on; else empty
  std::uint64_t size = 0;
  std::chrono::system_clock::time_point mtime;
};

struct ScanResult {
  std::vector<Candidate> candidates;  ///< oldest mtime first, then by path
  /// Complete files that could not be opened (intake.file.unreadable, with the path), and
  /// folders that could not be listed (intake.folder.unreadable). Moved files name .failed/.
  std::vector<Error> problems;
};

class FolderScanner {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// `inbox_root`: DATA/inbox (each sub-folder is a partner id; files directly in it are not
  /// taken: their partner is unknown). `extra`: further folders, one partner each.
  FolderScanner(std::filesystem::path inbox_root, std::vector<InboxFolder> extra, ScanOptions options);

  /// One pass over every folder. A candidate is returned once; it is returned again only after
  /// it changes or reconsider() is called (the pipeline could not take it this time). A missing
  /// folder is not a problem (nothing was dropped yet).
  ScanResult scan();

  /// Makes `path` eligible again at the next scan (if it is still there and still complete).
  void reconsider(const std::filesystem::path& path);

  /// Moves `path` to <its folder>/.failed/ (a numbered name when one exists there already),
  /// with its .done marker if any. Returns the new path. `intake.file.move_failed` on error.
  static Result<std::filesystem::path> move_to_failed(const std::filesystem::path& path);

  /// For tests: the time source for stability (default: steady_clock).
  void set_clock(Clock clock) { clock_ = std::move(clock); }

 private:
  struct Seen {
    std::uint64_t size = 0;
    std::chrono::system_clock::time_point mtime;
    std::chrono::steady_clock::time_point unchanged_since;
    bool yielded = false;
    bool alive = false;  // seen in the current scan
  };
  void scan_folder(const InboxFolder& folder, std::vector<Candidate>& out, ScanResult& result);

  std::filesystem::path root_;
  std::vector<InboxFolder> extra_;
  ScanOptions options_;
  Clock clock_;
  std::map<std::filesystem::path, Seen> seen_;
};

/// Whether a file name is one a writer uses while writing, or a marker (never a candidate).
bool is_ignored_name(const std::string& name);

}  // namespace edigate::intake
