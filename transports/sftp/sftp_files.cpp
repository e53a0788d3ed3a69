// SftpSession's file operations: list, download, upload (temporary name, then rename), remove,
// rename. Each checks the configured folder and the remote name before sending anything.
#include "sftp/remote_name.hpp"
#include "sftp/session_handles.hpp"
#include "sftp/sftp_session.hpp"
#include "sftp/ssh_error.hpp"

#include <algorithm>
#include <random>

namespace edigate::sftp {

namespace {

// Closes an SFTP file or directory handle when the operation ends, on every path.
struct HandleGuard {
  LIBSSH2_SFTP_HANDLE* handle = nullptr;
  ~HandleGuard() {
    if (handle) libssh2_sftp_close_handle(handle);
  }
  int close() {
    const int rc = handle ? libssh2_sftp_close_handle(handle) : 0;
    handle = nullptr;
    return rc;
  }
};

constexpr std::size_t kChunk = 32 * 1024;

// Random so two gateways (or a retry racing a stale upload) never share a temporary file;
// dot-prefixed and ".part" so partners' pollers conventionally ignore it.
std::string temporary_name(const std::string& suffix) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* hex = "0123456789abcdef";
  std::string out = ".edigate-";
  std::uint64_t v = rng();
  for (int i = 0; i < 16; ++i, v >>= 4) out += hex[v & 15];
  return out + suffix;
}

edigate::Position located(const std::string& at) {
  edigate::Position pos;
  pos.file = at;
  return pos;
}

Error size_changed(const std::string& at, std::uint64_t expected, std::uint64_t got) {
  Position pos;
  pos.file = at;
  return Error("sftp.download.size_changed",
               "the remote file changed size while it was read (still being written?); not taken, retry later")
      .at(std::move(pos))
      .want(std::to_string(expected) + " bytes", std::to_string(got) + " bytes")
      .as(ErrorCategory::transient);
}

}  // namespace

Result<Listing> SftpSession::list(std::string_view folder) {
  EDIGATE_TRY_VOID(check_remote_folder(folder));
  const std::string at = where(folder);
  EDIGATE_TRY_VOID(require_connected(at));
  const std::string path(folder);
  HandleGuard dir;
  dir.handle =
      libssh2_sftp_open_ex(h_->sftp, path.c_str(), static_cast<unsigned>(path.size()), 0, 0, LIBSSH2_SFTP_OPENDIR);
  if (!dir.handle) return fail(libssh2_session_last_errno(h_->session), "sftp.list.open", "cannot open folder", at);

  Listing out;
  char name[1024];
  for (;;) {
    LIBSSH2_SFTP_ATTRIBUTES attrs{};
    const int n = libssh2_sftp_readdir_ex(dir.handle, name, sizeof name, nullptr, 0, &attrs);
    if (n == 0) break;
    if (n < 0) return fail(n, "sftp.list.read", "cannot read folder", at);
    const std::string_view entry(name, static_cast<std::size_t>(n));
    if (entry == "." || entry == "..") continue;  // every folder has them; not partner files
    if (auto ok = check_remote_name(entry, at); !ok) {
      out.refused.push_back(std::move(ok).error());
      continue;
    }
    // OpenSSH reports lstat() attributes, so a symbolic link is a link here and is skipped:
    // only regular files are listed, nothing is followed.
    if (!(attrs.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) || !LIBSSH2_SFTP_S_ISREG(attrs.permissions)) continue;
    RemoteFile f;
    f.name = std::string(entry);
    f.size = (attrs.flags & LIBSSH2_SFTP_ATTR_SIZE) ? attrs.filesize : 0;
    f.mtime = (attrs.flags & LIBSSH2_SFTP_ATTR_ACMODTIME) ? static_cast<std::int64_t>(attrs.mtime) : 0;
    out.files.push_back(std::move(f));
  }
  return out;
}

Result<std::unique_ptr<SftpSession::Download>> SftpSession::open_download(std::string_view folder,
                                                                          std::string_view name) {
  EDIGATE_TRY_VOID(check_remote_folder(folder));
  EDIGATE_TRY_VOID(check_remote_name(name, where(folder)));
  const std::string path = join_remote(folder, name);
  const std::string at = where(path);
  EDIGATE_TRY_VOID(require_connected(at));

  // lstat first: a symbolic link (or folder) under a partner's name is not followed; open()
  // on the server would follow it.
  LIBSSH2_SFTP_ATTRIBUTES link{};
  if (int rc =
          libssh2_sftp_stat_ex(h_->sftp, path.c_str(), static_cast<unsigned>(path.size()), LIBSSH2_SFTP_LSTAT, &link);
      rc != 0)
    return fail(rc, "sftp.download.stat", "cannot read the file's attributes", at);
  if (!(link.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) || !LIBSSH2_SFTP_S_ISREG(link.permissions))
    return Error("sftp.download.not_regular", "not a regular file (folder, link or device); not read")
        .at(located(at))
        .as(ErrorCategory::invalid_input);

  HandleGuard file;
  file.handle = libssh2_sftp_open_ex(h_->sftp, path.c_str(), static_cast<unsigned>(path.size()), LIBSSH2_FXF_READ, 0,
                                     LIBSSH2_SFTP_OPENFILE);
  if (!file.handle) return fail(libssh2_session_last_errno(h_->session), "sftp.download.open", "cannot open", at);
  LIBSSH2_SFTP_ATTRIBUTES before{};
  if (int rc = libssh2_sftp_fstat_ex(file.handle, &before, 0); rc != 0)
    return fail(rc, "sftp.download.stat", "cannot read the file's size", at);
  if (!(before.flags & LIBSSH2_SFTP_ATTR_SIZE))
    return Error("sftp.download.no_size", "the server does not report file sizes; a complete read cannot be proven")
        .at(located(at))
        .as(ErrorCategory::configuration);
  if (!LIBSSH2_SFTP_S_ISREG(before.permissions))
    return Error("sftp.download.not_regular", "not a regular file; not read")
        .at(located(at))
        .as(ErrorCategory::invalid_input);
  auto download = std::unique_ptr<Download>(new Download(*this, file.handle, at, before.filesize));
  file.handle = nullptr;  // the Download closes it
  return download;
}

SftpSession::Download::~Download() {
  // After a dropped connection the session is already broken: the close fails fast (fail()
  // shortened the timeout) and the handles go with the next connect.
  if (handle_) libssh2_sftp_close_handle(static_cast<LIBSSH2_SFTP_HANDLE*>(handle_));
}

Result<std::size_t> SftpSession::Download::read(char* buf, std::size_t n) noexcept {
  if (ended_ || n == 0) return std::size_t{0};
  auto* handle = static_cast<LIBSSH2_SFTP_HANDLE*>(handle_);
  // libssh2 pipelines reads up to its own buffer; larger requests only mean fewer calls.
  const ssize_t got = libssh2_sftp_read(handle, buf, std::min(n, kChunk));
  if (got < 0) return session_.fail(static_cast<int>(got), "sftp.download.read", "read failed", at_);
  if (got > 0) {
    read_ += static_cast<std::uint64_t>(got);
    // Growing past the announced size: the partner is still writing; stop early.
    if (read_ > size_) return size_changed(at_, size_, read_);
    return static_cast<std::size_t>(got);
  }
  LIBSSH2_SFTP_ATTRIBUTES after{};
  if (int rc = libssh2_sftp_fstat_ex(handle, &after, 0); rc != 0)
    return session_.fail(rc, "sftp.download.stat", "cannot read the file's size", at_);
  if (read_ != size_) return size_changed(at_, size_, read_);
  if (after.filesize != size_) return size_changed(at_, size_, after.filesize);
  ended_ = true;
  return std::size_t{0};
}

Result<std::string> SftpSession::download(std::string_view folder, std::string_view name) {
  EDIGATE_TRY(auto file, open_download(folder, name));
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(file->size()));
  char buffer[kChunk];
  for (;;) {
    EDIGATE_TRY(std::size_t n, file->read(buffer, sizeof buffer));
    if (n == 0) break;
    bytes.append(buffer, n);
  }
  return bytes;
}

Result<void> SftpSession::upload(std::string_view folder, std::string_view name, std::string_view bytes) {
  EDIGATE_TRY_VOID(check_remote_folder(folder));
  EDIGATE_TRY_VOID(check_remote_name(name, where(folder)));
  const std::string final_path = join_remote(folder, name);
  const std::string temp_path = join_remote(folder, temporary_name(options_.temp_suffix));
  const std::string at = where(final_path);
  EDIGATE_TRY_VOID(require_connected(at));

  {
    HandleGuard file;
    file.handle =
        libssh2_sftp_open_ex(h_->sftp, temp_path.c_str(), static_cast<unsigned>(temp_path.size()),
                             LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_EXCL, 0644, LIBSSH2_SFTP_OPENFILE);
    if (!file.handle) {
      const int rc = libssh2_session_last_errno(h_->session);
      Error e = fail(rc, "sftp.upload.open", "cannot create the temporary file", where(temp_path));
      // Creating a file answers "no such file" only when its folder is missing (OpenSSH maps
      // ENOENT and ENOTDIR to it): that does not fix itself, unlike a file vanishing on download.
      if (rc == LIBSSH2_ERROR_SFTP_PROTOCOL && libssh2_sftp_last_error(h_->sftp) == LIBSSH2_FX_NO_SUCH_FILE) {
        e.code = "sftp.upload.no_folder";
        e.message += "; the folder does not exist";
        e.category = ErrorCategory::configuration;
      }
      return e;
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = libssh2_sftp_write(file.handle, bytes.data() + done, std::min(kChunk, bytes.size() - done));
      if (n < 0) {
        Error e = fail(static_cast<int>(n), "sftp.upload.write", "write failed", where(temp_path));
        file.close();
        if (connected()) (void)libssh2_sftp_unlink_ex(h_->sftp, temp_path.c_str(), temp_path.size());
        return e;
      }
      done += static_cast<std::size_t>(n);
    }
    // The server reports write errors it buffered (a full disk) on close.
    if (int rc = file.close(); rc != 0) {
      Error e = fail(rc, "sftp.upload.close", "closing the temporary file failed", where(temp_path));
      if (connected()) (void)libssh2_sftp_unlink_ex(h_->sftp, temp_path.c_str(), temp_path.size());
      return e;
    }
  }
  // No OVERWRITE flag: an existing file of that name is the partner's, not ours to replace
  // (OpenSSH's SFTP v3 rename refuses existing targets anyway).
  const int rc = libssh2_sftp_rename_ex(h_->sftp, temp_path.c_str(), static_cast<unsigned>(temp_path.size()),
                                        final_path.c_str(), static_cast<unsigned>(final_path.size()),
                                        LIBSSH2_SFTP_RENAME_ATOMIC | LIBSSH2_SFTP_RENAME_NATIVE);
  if (rc != 0) {
    Error e = fail(rc, "sftp.upload.rename", "renaming the uploaded temporary file failed", at);
    if (connected()) (void)libssh2_sftp_unlink_ex(h_->sftp, temp_path.c_str(), temp_path.size());
    return e;
  }
  return {};
}

Result<void> SftpSession::remove(std::string_view folder, std::string_view name) {
  EDIGATE_TRY_VOID(check_remote_folder(folder));
  EDIGATE_TRY_VOID(check_remote_name(name, where(folder)));
  const std::string path = join_remote(folder, name);
  const std::string at = where(path);
  EDIGATE_TRY_VOID(require_connected(at));
  if (int rc = libssh2_sftp_unlink_ex(h_->sftp, path.c_str(), static_cast<unsigned>(path.size())); rc != 0)
    return fail(rc, "sftp.remove", "cannot delete", at);
  return {};
}

Result<void> SftpSession::rename(std::string_view folder, std::string_view name, std::string_view to_folder,
                                 std::string_view to_name) {
  EDIGATE_TRY_VOID(check_remote_folder(folder));
  EDIGATE_TRY_VOID(check_remote_folder(to_folder));
  EDIGATE_TRY_VOID(check_remote_name(name, where(folder)));
  EDIGATE_TRY_VOID(check_remote_name(to_name, where(to_folder)));
  const std::string from = join_remote(folder, name);
  const std::string to = join_remote(to_folder, to_name);
  const std::string at = where(from);
  EDIGATE_TRY_VOID(require_connected(at));
  const int rc =
      libssh2_sftp_rename_ex(h_->sftp, from.c_str(), static_cast<unsigned>(from.size()), to.c_str(),
                             static_cast<unsigned>(to.size()), LIBSSH2_SFTP_RENAME_ATOMIC | LIBSSH2_SFTP_RENAME_NATIVE);
  if (rc != 0) return fail(rc, "sftp.rename", "cannot move to " + where(to), at);
  return {};
}

}  // namespace edigate::sftp
