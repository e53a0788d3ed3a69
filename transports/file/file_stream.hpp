#pragma once
// A file read in chunks for TransportHost::intake_stream: the host pulls it into the store, so a
// file of any size costs one chunk of memory. Its size is taken when it is opened, so the host
// refuses the document if the file changes length while it is read (a writer still at work).
#include <edigate/input.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace edigate::io {

class FileStream final : public InputStream {
 public:
  /// Opens a regular file for reading. Errors (transient: a file being replaced or a failing read
  /// may work at the next attempt): `code`, naming the path and the system's reason.
  static Result<std::unique_ptr<FileStream>> open(const std::filesystem::path& path, const std::string& code);
  ~FileStream() override;
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  Result<std::size_t> read(char* buf, std::size_t n) noexcept override;
  const std::string& name() const noexcept override { return name_; }
  /// The size when opened.
  std::uint64_t size() const noexcept { return size_; }

 private:
  FileStream(int fd, std::string name, std::string code, std::uint64_t size)
      : fd_(fd), name_(std::move(name)), code_(std::move(code)), size_(size) {}
  int fd_;
  std::string name_;
  std::string code_;
  std::uint64_t size_;
};

}  // namespace edigate::io
