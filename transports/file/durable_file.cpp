#include <file/durable_file.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace edigate::io {
namespace {

Error file_error(const std::string& code, const std::filesystem::path& path, const std::string& what, int err) {
  return Error(code, path.string() + ": " + what + ": " + std::strerror(err))
      .as(is_transient_errno(err) ? ErrorCategory::transient : ErrorCategory::configuration);
}

}  // namespace

bool is_transient_errno(int error_number) {
  switch (error_number) {
    case ENOSPC:
    case EDQUOT:
    case EIO:
    case EFBIG:
    case EMFILE:
    case ENFILE:
    case EAGAIN:
    case EINTR:
    case ENOMEM:
    case EBUSY:
      return true;
    default:
      return false;
  }
}

Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes, const std::string& code) {
  static std::atomic<std::uint64_t> counter{0};
  const std::filesystem::path temp =
      path.parent_path() /
      ("." + path.filename().string() + "." + std::to_string(::getpid()) + "." + std::to_string(++counter) + ".tmp");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return file_error(code, temp, "cannot create a temporary file", errno);
  auto give_up = [&](const char* what) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return file_error(code, temp, what, err);
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return give_up("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return give_up("cannot flush");
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return file_error(code, temp, "cannot close", err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return file_error(code, path, "cannot rename into place", err);
  }
  // The rename is durable only once the folder's entry is.
  const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return file_error(code, path.parent_path(), "cannot open the folder to flush it", errno);
  const int synced = ::fsync(dir);
  const int err = errno;
  ::close(dir);
  if (synced != 0) return file_error(code, path.parent_path(), "cannot flush the folder", err);
  return {};
}

}  // namespace edigate::io
