#include <file/file_stream.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace edigate::io {

Result<std::unique_ptr<FileStream>> FileStream::open(const std::filesystem::path& path, const std::string& code) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Error(code, path.string() + ": cannot be opened: " + std::strerror(errno)).as(ErrorCategory::transient);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Error(code, path.string() + ": cannot be read: " + std::strerror(err)).as(ErrorCategory::transient);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error(code, path.string() + ": not a regular file").as(ErrorCategory::transient);
  }
  // The whole file is read once, front to back: tell the kernel, so it reads ahead and does not
  // keep a multi-gigabyte file in the page cache at the expense of the database's pages.
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<FileStream>(new FileStream(fd, path.string(), code, static_cast<std::uint64_t>(st.st_size)));
}

FileStream::~FileStream() { ::close(fd_); }

Result<std::size_t> FileStream::read(char* buf, std::size_t n) noexcept {
  for (;;) {
    const ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno == EINTR) continue;
    return Error(code_, name_ + ": read failed: " + std::strerror(errno)).as(ErrorCategory::transient);
  }
}

}  // namespace edigate::io
