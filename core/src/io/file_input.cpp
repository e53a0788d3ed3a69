#include "io/file_input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace edigate::io {

Result<std::unique_ptr<FileInput>> FileInput::open(const std::string& path) {
  if (path == "-") return std::unique_ptr<FileInput>(new FileInput(0, "-", false));
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
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
  std::string pending;
  if (S_ISFIFO(st.st_mode)) {
    // No writer now: a read returns end of input at once. Refuse that rather than report an
    // empty file; a writer that is there but has not written yet (EAGAIN) is waited for.
    char buf[4096];
    ssize_t k;
    do k = ::read(fd, buf, sizeof buf);
    while (k < 0 && errno == EINTR);
    if (k == 0) {
      ::close(fd);
      Error e("io.open", "FIFO has no writer");
      e.position.file = path;
      e.expected = "a file, or a FIFO with a process writing to it";
      e.category = ErrorCategory::transient;  // a writer may come; the bytes are not wrong
      return e;
    }
    if (k > 0) pending.assign(buf, static_cast<std::size_t>(k));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // reads block as usual from here
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  auto in = std::unique_ptr<FileInput>(new FileInput(fd, path, true));
  in->pending_ = std::move(pending);
  return in;
}

FileInput::~FileInput() {
  if (owned_) ::close(fd_);
}

Result<std::size_t> FileInput::read(char* buf, std::size_t n) noexcept {
  if (!pending_.empty()) {
    std::size_t k = std::min(n, pending_.size());
    std::memcpy(buf, pending_.data(), k);
    pending_.erase(0, k);
    return k;
  }
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
