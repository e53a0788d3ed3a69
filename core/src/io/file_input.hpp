#pragma once
// Byte streams over files and stdin, read in chunks with plain read(2).
#include <edigate/input.hpp>

#include <memory>
#include <string>

namespace edigate::io {

class FileInput final : public InputStream {
 public:
  /// Opens `path` ("-" = stdin). The error names the file and the OS reason. A FIFO with no
  /// writer is refused (io.open) instead of waited on.
  static Result<std::unique_ptr<FileInput>> open(const std::string& path);
  ~FileInput() override;
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override;
  const std::string& name() const noexcept override { return name_; }

 private:
  FileInput(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {}
  int fd_;
  std::string name_;
  bool owned_;
  std::string pending_;  ///< bytes read from a FIFO while checking it has a writer
};

}  // namespace edigate::io
