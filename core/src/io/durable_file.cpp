#include "io/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace edigate::io {
namespace {

Error file_error(const std::string& code, const std::filesystem::path& path, const std::string& what, int err) {
  const bool transient = err == ENOSPC || err == EIO || err == EDQUOT || err == EAGAIN || err == EFBIG;
  return Error(code, path.string() + ": " + what + ": " + std::strerror(err))
      .as(transient ? ErrorCategory::transient : ErrorCategory::configuration);
}

}  // namespace

Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes, const std::string& code) {
  const std::filesystem::path temp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return file_error(code, temp, "cannot create", errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return file_error(code, temp, "cannot write", err);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return file_error(code, temp, "cannot flush", err);
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return file_error(code, path, "cannot rename into place", err);
  }
  const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace edigate::io
