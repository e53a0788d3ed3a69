#include "io/file_input.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace edigate::io {

Result<std::unique_ptr<FileInput>> FileInput::open(const std::string& path) {
  if (path == "-") return std::unique_ptr<FileInput>(new FileInput(0, "-", false));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    Error e("io.open", std::string("cannot open: ") + std::strerror(errno));
    e.position.file = path;
    e.category = ErrorCategory::transient;
    return e;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    Error e("io.open", "is a directory, expected a file");
    e.position.file = path;
    e.category = ErrorCategory::transient;
    return e;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<FileInput>(new FileInput(fd, path, true));
}

FileInput::~FileInput() {
  if (owned_) ::close(fd_);
}

Result<std::size_t> FileInput::read(char* buf, std::size_t n) noexcept {
  for (;;) {
    ssize_t k = ::read(fd_, buf, n);
    if (k >= 0) return static_cast<std::size_t>(k);
    if (errno == EINTR) continue;
    Error e("io.read", std::string("read failed: ") + std::strerror(errno));
    e.position.file = name_;
    e.category = ErrorCategory::transient;
    return e;
  }
}

}  // namespace edigate::io
