#include "log/json_log.hpp"

#include "canonical/json_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace edigate::log {

const char* to_string(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "error";
}

Result<Level> parse_level(std::string_view text) {
  if (text == "debug") return Level::debug;
  if (text == "info") return Level::info;
  if (text == "warn" || text == "warning") return Level::warn;
  if (text == "error") return Level::error;
  return Error("log.level.invalid", "unknown log level")
      .want("debug, info, warn or error", std::string(text))
      .as(ErrorCategory::configuration);
}

JsonLog::JsonLog(int fd, Level min_level)
    : fd_(fd), min_level_(min_level), clock_([] { return std::chrono::system_clock::now(); }) {}

JsonLog::~JsonLog() {
  if (owns_fd_) ::close(fd_);
}

Result<std::unique_ptr<JsonLog>> JsonLog::open_file(const std::filesystem::path& file, Level min_level) {
  int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    Position where;
    where.file = file.string();
    return Error("log.file.unwritable", std::string("cannot open the log file: ") + std::strerror(errno))
        .at(std::move(where))
        .as(ErrorCategory::configuration);
  }
  auto log = std::make_unique<JsonLog>(fd, min_level);
  log->owns_fd_ = true;
  log->path_ = file;
  return log;
}

Result<void> JsonLog::reopen() {
  if (!owns_fd_) return {};
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    Position where;
    where.file = path_.string();
    return Error("log.file.unwritable", std::string("cannot reopen the log file: ") + std::strerror(errno))
        .at(std::move(where))
        .as(ErrorCategory::configuration);
  }
  std::lock_guard lock(mutex_);
  ::close(fd_);
  fd_ = fd;
  return {};
}

std::string JsonLog::format(const Event& e, std::chrono::system_clock::time_point ts) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(ts.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(((ms % 1000) + 1000) % 1000));
  std::string out = "{\"ts\":\"";
  out += stamp;
  out += "\",\"level\":\"";
  out += to_string(e.level);
  out += "\",\"event\":";
  canonical::append_json_string(out, e.event);
  auto field = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += ",\"";
    out += name;
    out += "\":";
    canonical::append_json_string(out, value);  // RFC 8259 escapes: one line whatever the text
  };
  field("component", e.component);
  field("partner", e.partner);
  field("message_id", e.message_id);
  field("correlation_id", e.correlation_id);
  field("detail", e.detail);
  out += '}';
  return out;
}

void JsonLog::write(const Event& e) noexcept {
  if (!enabled(e.level)) return;
  try {
    std::string line;
    {
      std::lock_guard lock(mutex_);
      line = format(e, clock_());
    }
    line += '\n';
    std::lock_guard lock(mutex_);
    const char* p = line.data();
    std::size_t left = line.size();
    while (left > 0) {
      ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ++failed_writes_;
        return;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    ++failed_writes_;  // out of memory while formatting: drop the line, keep running
  }
}

void JsonLog::set_min_level(Level level) noexcept {
  std::lock_guard lock(mutex_);
  min_level_ = level;
}

bool JsonLog::enabled(Level level) const noexcept {
  std::lock_guard lock(mutex_);
  return level >= min_level_;
}

void JsonLog::set_clock(Clock clock) {
  std::lock_guard lock(mutex_);
  clock_ = std::move(clock);
}

std::uint64_t JsonLog::failed_writes() const noexcept {
  std::lock_guard lock(mutex_);
  return failed_writes_;
}

}  // namespace edigate::log
