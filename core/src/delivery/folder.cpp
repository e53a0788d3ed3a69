#include "delivery/folder.hpp"

#include <file/durable_file.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace edigate::delivery {

namespace {

/// Closes a descriptor on every path out.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int release() {
    int f = fd;
    fd = -1;
    return f;
  }
};

DeliveryOutcome from_errno(int error_number, const std::string& what, const std::filesystem::path& path) {
  DeliveryOutcome out;
  out.kind = folder_outcome_for_errno(error_number);
  out.detail = path.string() + ": " + what + ": " + std::strerror(error_number);
  return out;
}

// The id becomes a file name: nothing that could leave the folder or hide the file.
bool usable_as_file_name(std::string_view id) {
  if (id.empty() || id.size() > 200 || id.front() == '.') return false;
  for (char c : id)
    if (c == '/' || c == '\0') return false;
  return true;
}

/// Whether `path` holds exactly `body`. False when it is absent, unreadable or different.
bool holds(const std::filesystem::path& path, std::string_view body) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.fd < 0) return false;
  struct stat st {};
  if (::fstat(fd.fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != body.size()) return false;
  std::string buffer(64 * 1024, '\0');
  std::size_t at = 0;
  for (;;) {
    const ssize_t n = ::read(fd.fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return at == body.size();
    if (at + static_cast<std::size_t>(n) > body.size() ||
        std::memcmp(buffer.data(), body.data() + at, static_cast<std::size_t>(n)) != 0)
      return false;
    at += static_cast<std::size_t>(n);
  }
}

}  // namespace

DeliveryOutcome::Kind folder_outcome_for_errno(int error_number) {
  return io::is_transient_errno(error_number) ? DeliveryOutcome::retry : DeliveryOutcome::permanent;
}

FolderDestination::FolderDestination(std::string name, std::filesystem::path folder)
    : Destination(std::move(name)), folder_(std::move(folder)) {}

DeliveryOutcome FolderDestination::deliver(const Delivery& d) {
  if (!usable_as_file_name(d.message_id)) {
    DeliveryOutcome out;
    out.kind = DeliveryOutcome::permanent;
    out.detail = folder_.string() + ": message id cannot be a file name: \"" + d.message_id + "\"";
    return out;
  }
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec) return from_errno(ec.value(), "creating the folder", folder_);

  const std::filesystem::path final_path = folder_ / (d.message_id + ".json");
  if (holds(final_path, d.body)) {
    DeliveryOutcome out;
    out.kind = DeliveryOutcome::delivered;
    out.detail = final_path.string() + " (already there)";
    return out;
  }

  // Should the folder's fsync fail, the file is in place, and the retry finds it with the same
  // bytes (delivered, no copy).
  if (auto written = io::write_file_durably(final_path, d.body, "delivery.folder.write"); !written) {
    DeliveryOutcome out;
    out.kind =
        written.error().category == ErrorCategory::transient ? DeliveryOutcome::retry : DeliveryOutcome::permanent;
    out.detail = written.error().message;
    return out;
  }
  DeliveryOutcome out;
  out.kind = DeliveryOutcome::delivered;
  out.detail = final_path.string();
  return out;
}

std::string FolderDestination::describe() const { return "folder " + name() + " -> " + folder_.string(); }

}  // namespace edigate::delivery
