#pragma once
// Group commit for the store's durable commits. A unit commits into the WAL without its own
// fsync (synchronous=NORMAL) while holding the store's lock, takes a ticket, releases the lock
// and waits here until one fdatasync of the WAL file that began after its commit has finished.
// Units committing while a sync is under way share the next one, so N concurrent committers
// cost one fsync instead of N, and no fsync is made with the store's lock held.
//
// Equivalent to synchronous=FULL for the caller: `wait` returns only once its commit is on
// disk. The WAL is one file for the life of the connection (SQLite rewinds it after a
// checkpoint, syncing its header when it does, and removes it only when the last connection
// closes), and fdatasync flushes the file whatever descriptor it is called on.
#include <edigate/result.hpp>

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>

namespace edigate::store::sqlite {

class WalSync {
 public:
  explicit WalSync(std::filesystem::path wal_file) : wal_(std::move(wal_file)) {}
  ~WalSync();
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;

  /// The ticket of the commit that has just finished; called with the store's lock held, so
  /// tickets follow the order of the commits in the WAL.
  std::uint64_t committed();
  /// The ticket of the newest commit so far, without taking a new one: what a reader has seen.
  std::uint64_t latest();
  /// The newest ticket known to be on disk.
  std::uint64_t synced();
  /// Returns once every commit up to `ticket` is on disk; `store.sync` (transient) when the
  /// WAL cannot be flushed.
  Result<void> wait(std::uint64_t ticket);

 private:
  Result<void> flush();

  std::filesystem::path wal_;
  int fd_ = -1;
  std::mutex mutex_;
  std::condition_variable synced_cv_;
  std::uint64_t committed_ = 0;
  std::uint64_t synced_ = 0;
  bool syncing_ = false;
};

}  // namespace edigate::store::sqlite
