#include "store/sqlite/incoming_blob.hpp"

#include <file/durable_file.hpp>
#include "io/sha256.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

namespace edigate::store::sqlite {
namespace {

namespace fs = std::filesystem;

Error blob_error(const fs::path& path, const std::string& what, int err) {
  return Error("store.blob.write", path.string() + ": " + what + ": " + std::strerror(err))
      .as(io::is_transient_errno(err) ? ErrorCategory::transient : ErrorCategory::configuration);
}

EVP_MD_CTX* context(void* p) { return static_cast<EVP_MD_CTX*>(p); }

/// fsync of a folder: a rename or a new entry in it is durable only then.
Result<void> sync_folder(const fs::path& folder) {
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return blob_error(folder, "cannot open the folder to flush it", errno);
  const int synced = ::fsync(dir);
  const int err = errno;
  ::close(dir);
  if (synced != 0) return blob_error(folder, "cannot flush the folder", err);
  return {};
}

/// This machine's name as a file-name token (letters, digits, '-', '_'): whose process a
/// temporary file's pid is, when the data directory is shared between hosts.
const std::string& host_token() {
  static const std::string token = [] {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return std::string("localhost");
    std::string t;
    for (const char* c = name; *c; ++c) t += (std::isalnum(static_cast<unsigned char>(*c)) || *c == '-') ? *c : '_';
    return t;
  }();
  return token;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Whether the process that wrote temporary file `name` (HOST.PID.N.tmp; PID.N.tmp before hosts
/// were named) is gone. Another host's pids cannot be asked, so its files count as abandoned only
/// once untouched for a day: a live intake writes its file continuously.
bool writer_gone(const fs::path& file, const std::string& name) {
  const auto first = name.find('.');
  if (first == std::string::npos || first == 0) return false;  // not one of ours
  std::string host = name.substr(0, first), pid_text;
  if (all_digits(host)) {
    pid_text = host;  // the older PID.N.tmp: written on this host
    host = host_token();
  } else {
    const auto second = name.find('.', first + 1);
    if (second == std::string::npos) return false;
    pid_text = name.substr(first + 1, second - first - 1);
  }
  if (!all_digits(pid_text) || pid_text.size() > 9) return false;
  if (host != host_token()) {
    std::error_code ec;
    const auto written = fs::last_write_time(file, ec);
    return !ec && fs::file_time_type::clock::now() - written > std::chrono::hours(24);
  }
  const auto pid = static_cast<pid_t>(std::stol(pid_text));
  // kill(pid, 0): ESRCH means no such process. Our own pid's files belong to a live intake.
  return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

Result<std::unique_ptr<IncomingBlob>> IncomingBlob::create(const fs::path& data_dir) {
  static std::atomic<std::uint64_t> counter{0};
  const fs::path folder = data_dir / "blobs" / "incoming";
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return blob_error(folder, "cannot create", ec.value());
  // The writer's host and pid in the name tell remove_abandoned() whose file it is.
  const fs::path temp =
      folder / (host_token() + "." + std::to_string(::getpid()) + "." + std::to_string(++counter) + ".tmp");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return blob_error(temp, "cannot create a temporary file", errno);
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  if (!md || EVP_DigestInit_ex(md, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(md);
    ::close(fd);
    ::unlink(temp.c_str());
    return Error("store.blob.digest", "SHA-256 is not available from OpenSSL").as(ErrorCategory::internal);
  }
  return std::unique_ptr<IncomingBlob>(new IncomingBlob(data_dir, temp, fd, md));
}

IncomingBlob::~IncomingBlob() {
  if (fd_ >= 0) ::close(fd_);
  if (!finished_) ::unlink(temp_.c_str());
  EVP_MD_CTX_free(context(digest_));
}

Result<void> IncomingBlob::write(std::string_view bytes) {
  if (EVP_DigestUpdate(context(digest_), bytes.data(), bytes.size()) != 1)
    return Error("store.blob.digest", "SHA-256 update failed").as(ErrorCategory::internal);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return blob_error(temp_, "cannot write", errno);
    }
    written += static_cast<std::size_t>(n);
  }
  size_ += bytes.size();
  return {};
}

Result<IncomingBlob::Stored> IncomingBlob::finish() {
  io::Sha256 digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context(digest_), digest.data(), &length) != 1 || length != digest.size())
    return Error("store.blob.digest", "SHA-256 final failed").as(ErrorCategory::internal);
  Stored out;
  out.sha256 = io::to_hex(digest);
  if (::fsync(fd_) != 0) return blob_error(temp_, "cannot flush", errno);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) return blob_error(temp_, "cannot close", errno);
  const fs::path folder = data_dir_ / "blobs" / out.sha256.substr(0, 2);
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return blob_error(folder, "cannot create", ec.value());
  const fs::path path = folder / out.sha256;
  // Content-addressed: a file already there holds the same bytes, so replacing it is harmless, and
  // it leaves a freshly flushed copy rather than trusting an older one.
  if (::rename(temp_.c_str(), path.c_str()) != 0) return blob_error(path, "cannot rename into place", errno);
  finished_ = true;
  EDIGATE_TRY_VOID(sync_folder(folder));
  // A folder created just now must itself be durable in blobs/.
  EDIGATE_TRY_VOID(sync_folder(folder.parent_path()));
  out.blob_path = fs::relative(path, data_dir_).string();
  return out;
}

void IncomingBlob::remove_abandoned(const fs::path& data_dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_dir / "blobs" / "incoming", ec)) {
    if (!writer_gone(e.path(), e.path().filename().string())) continue;
    std::error_code rm;
    fs::remove(e.path(), rm);
  }
}

}  // namespace edigate::store::sqlite
