#include "store/sqlite/wal_sync.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace edigate::store::sqlite {

WalSync::~WalSync() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t WalSync::committed() {
  std::lock_guard lock(mutex_);
  return ++committed_;
}

std::uint64_t WalSync::latest() {
  std::lock_guard lock(mutex_);
  return committed_;
}

std::uint64_t WalSync::synced() {
  std::lock_guard lock(mutex_);
  return synced_;
}

Result<void> WalSync::flush() {
  // Opened on first use: the WAL exists once the first commit has written to it.
  if (fd_ < 0) fd_ = ::open(wal_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0 || ::fdatasync(fd_) != 0) {
    return Error("store.sync", wal_.string() + ": cannot flush the write-ahead log: " + std::strerror(errno))
        .as(ErrorCategory::transient);
  }
  return {};
}

Result<void> WalSync::wait(std::uint64_t ticket) {
  std::unique_lock lock(mutex_);
  while (synced_ < ticket) {
    if (syncing_) {
      synced_cv_.wait(lock);
      continue;
    }
    // This thread syncs for everyone committed so far; the commits are in the WAL already
    // (their write() calls returned before their tickets were taken).
    syncing_ = true;
    const std::uint64_t covered = committed_;
    lock.unlock();
    auto flushed = flush();
    lock.lock();
    syncing_ = false;
    if (flushed) synced_ = std::max(synced_, covered);
    synced_cv_.notify_all();
    if (!flushed) return flushed;
  }
  return {};
}

}  // namespace edigate::store::sqlite
