#pragma once
// JSON log lines: one line per event, to stderr or an append-only file, safe to call from any
// thread. Each line is one object with, in this order:
//   ts (UTC, RFC 3339 with milliseconds), level, event, then those of component, partner,
//   message_id, correlation_id, detail that are not empty.
// e.g. {"ts":"2026-12-03T12:00:00.123Z","level":"warn","event":"delivery.retry",
//       "partner":"acme-retail","message_id":"m-1","detail":"HTTP 503, next attempt in 2 s"}
// A line is written with one write(2) on a file opened O_APPEND, so lines from several
// processes sharing a file never interleave, and a crash loses at most the line being written.
#include <edigate/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace edigate::log {

enum class Level : std::uint8_t { debug, info, warn, error };
const char* to_string(Level level);
/// "debug", "info", "warn" (or "warning"), "error"; `log.level.invalid` otherwise.
Result<Level> parse_level(std::string_view text);

struct Event {
  Level level = Level::info;
  std::string event;      ///< dotted, stable: "intake.file.taken", "delivery.dead_letter"
  std::string component;  ///< "intake:folder", "transport:sftp:acme"
  std::string partner;
  std::string message_id;
  std::string correlation_id;
  std::string detail;  ///< for a person: what happened and why
};

class JsonLog {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  /// Writes to an open descriptor it does not own (2 = stderr).
  explicit JsonLog(int fd = 2, Level min_level = Level::info);
  ~JsonLog();
  JsonLog(const JsonLog&) = delete;
  JsonLog& operator=(const JsonLog&) = delete;

  /// Appends to `file` (created 0640 when missing). `log.file.unwritable` when it cannot be opened.
  static Result<std::unique_ptr<JsonLog>> open_file(const std::filesystem::path& file, Level min_level = Level::info);

  /// A file log: closes and re-opens its path (after logrotate moved the file away; serve calls
  /// it on SIGHUP). Lines written meanwhile go to the old file, none is lost. A stderr log: no-op.
  Result<void> reopen();

  /// Writes the event when its level is at least the minimum. A failed write is counted, never
  /// thrown: logging must not stop the gateway.
  void write(const Event& e) noexcept;
  void set_min_level(Level level) noexcept;
  bool enabled(Level level) const noexcept;
  /// For tests: the time source (default: the system clock).
  void set_clock(Clock clock);
  std::uint64_t failed_writes() const noexcept;

  /// The line for `e` at `ts`, without the trailing newline.
  static std::string format(const Event& e, std::chrono::system_clock::time_point ts);

 private:
  int fd_;
  bool owns_fd_ = false;
  std::filesystem::path path_;  // the file, for reopen(); empty for a descriptor log
  Level min_level_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::uint64_t failed_writes_ = 0;
};

}  // namespace edigate::log
