#pragma once
// Streaming an input into the store's content-addressed blob files (DATA/blobs/ab/abcdef...)
// without holding it in memory: written chunk by chunk to a temporary file under
// DATA/blobs/incoming/ (same file system, so the final rename is atomic) while SHA-256 is
// computed, then flushed and renamed to its digest. The row pointing at it is committed after
// finish() returns, so a blob never named by a row may exist after a crash, never the reverse.
#include <edigate/result.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace edigate::store::sqlite {

class IncomingBlob {
 public:
  struct Stored {
    std::string sha256;     ///< lowercase hex
    std::string blob_path;  ///< relative to the data directory: blobs/ab/abcdef...
  };

  /// A new temporary file DATA/blobs/incoming/<host>.<pid>.<n>.tmp. Errors: store.blob.write (transient
  /// when the disk is full or failing).
  static Result<std::unique_ptr<IncomingBlob>> create(const std::filesystem::path& data_dir);
  /// Removes the temporary file unless finish() succeeded.
  ~IncomingBlob();
  IncomingBlob(const IncomingBlob&) = delete;
  IncomingBlob& operator=(const IncomingBlob&) = delete;

  Result<void> write(std::string_view bytes);
  std::uint64_t size() const { return size_; }
  /// fsync, close, rename to blobs/<ab>/<sha256> (replacing a file of that name: same bytes), and
  /// fsync of that folder: the blob is on disk when this returns.
  Result<Stored> finish();

  /// Removes temporary files whose writing process is gone (a crash or kill mid-intake); those
  /// of live processes (another gateway or tool on the same data directory) stay. Another host's
  /// files (a data directory shared between hosts) go only once untouched for 24 hours.
  static void remove_abandoned(const std::filesystem::path& data_dir);

 private:
  IncomingBlob(std::filesystem::path data_dir, std::filesystem::path temp, int fd, void* digest)
      : data_dir_(std::move(data_dir)), temp_(std::move(temp)), fd_(fd), digest_(digest) {}

  std::filesystem::path data_dir_;
  std::filesystem::path temp_;
  int fd_ = -1;
  void* digest_ = nullptr;  ///< EVP_MD_CTX (OpenSSL kept out of this header)
  std::uint64_t size_ = 0;
  bool finished_ = false;
};

}  // namespace edigate::store::sqlite
