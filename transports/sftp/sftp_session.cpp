#include "sftp/sftp_session.hpp"

#include "sftp/host_key.hpp"
#include "sftp/session_handles.hpp"
#include "sftp/ssh_error.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace edigate::sftp {

namespace {

// libssh2_init is not thread-safe and must run once per process before any session.
void init_libssh2_once() {
  static std::once_flag once;
  std::call_once(once, [] { libssh2_init(0); });
}

Error network_error(std::string code, std::string message, const std::string& where) {
  Position pos;
  pos.file = where;
  return Error(std::move(code), std::move(message)).at(std::move(pos)).as(ErrorCategory::transient);
}

// Non-blocking connect bounded by `timeout`, then back to blocking for libssh2.
Result<int> connect_tcp(const SftpOptions& o, const std::string& where) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(o.port);
  if (int rc = ::getaddrinfo(o.host.c_str(), port.c_str(), &hints, &found); rc != 0)
    return network_error("sftp.connect.resolve", std::string("cannot resolve host: ") + gai_strerror(rc), where);
  std::string last = "no address";
  for (addrinfo* a = found; a; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      last = std::strerror(errno);
      continue;
    }
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = ::poll(&p, 1, static_cast<int>(o.connect_timeout.count()));
      if (rc == 0) {
        errno = ETIMEDOUT;
        rc = -1;
      } else if (rc > 0) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        errno = err;
        rc = err == 0 ? 0 : -1;
      }
    }
    if (rc == 0) {
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      ::freeaddrinfo(found);
      return fd;
    }
    last = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return network_error("sftp.connect.refused", "cannot connect: " + last, where);
}

}  // namespace

SftpSession::Handles::~Handles() {
  if (sftp) libssh2_sftp_shutdown(sftp);
  if (session) {
    // A short timeout: the peer may be gone, and a goodbye must not hold up the caller.
    libssh2_session_set_timeout(session, 1000);
    libssh2_session_disconnect(session, "edigate closing");
    libssh2_session_free(session);
  }
  if (socket >= 0) ::close(socket);
}

SftpSession::SftpSession(SftpOptions options) : options_(std::move(options)) {
  if (options_.public_key_file.empty() && !options_.private_key_file.empty())
    options_.public_key_file = options_.private_key_file + ".pub";
}

SftpSession::~SftpSession() = default;

void SftpSession::disconnect() noexcept {
  std::lock_guard lock(socket_mutex_);
  live_socket_ = -1;
  h_.reset();
  broken_ = false;
}

void SftpSession::interrupt() noexcept {
  std::lock_guard lock(socket_mutex_);
  if (live_socket_ >= 0) ::shutdown(live_socket_, SHUT_RDWR);
}

bool SftpSession::connected() const noexcept { return h_ && h_->sftp && !broken_; }

std::string SftpSession::where(std::string_view path) const {
  std::string out = "sftp://" + options_.user + "@" + options_.host + ":" + std::to_string(options_.port);
  if (!path.empty()) {
    if (path.front() != '/') out += '/';
    out += path;
  }
  return out;
}

Result<void> SftpSession::require_connected(const std::string& at) {
  if (connected()) return {};
  disconnect();
  return network_error("sftp.session.closed", "not connected (connect() first, or again after an error)", at);
}

Error SftpSession::fail(int rc, std::string code, const std::string& what, const std::string& at) {
  Error e = ssh_error(h_ ? h_->session : nullptr, h_ ? h_->sftp : nullptr, rc, std::move(code), what, at);
  // After a session-level failure the channel state is unknown; a fresh connection is the only
  // safe continuation. SFTP status answers (no such file, ...) leave the session usable. The
  // short timeout bounds the handle closes that still follow on a dead connection.
  if (rc != LIBSSH2_ERROR_SFTP_PROTOCOL && h_) {
    broken_ = true;
    if (h_->session) libssh2_session_set_timeout(h_->session, 1000);
  }
  return e;
}

Result<void> SftpSession::connect() {
  init_libssh2_once();
  disconnect();
  offered_host_key_.clear();
  const std::string at = where();
  EDIGATE_TRY_VOID(check_fingerprint_syntax(options_.host_key_sha256));
  if (options_.private_key_file.empty() && options_.private_key.empty() && options_.password.empty())
    return Error("sftp.auth.no_credentials", "neither a private key file nor a password is configured")
        .as(ErrorCategory::configuration);

  auto h = std::make_unique<Handles>();
  EDIGATE_TRY(h->socket, connect_tcp(options_, at));
  h->session = libssh2_session_init();
  if (!h->session)
    return Error("sftp.session.alloc", "libssh2 could not allocate a session").as(ErrorCategory::internal);
  libssh2_session_set_blocking(h->session, 1);
  libssh2_session_set_timeout(h->session, static_cast<long>(options_.io_timeout.count()));
  {
    std::lock_guard lock(socket_mutex_);
    h_ = std::move(h);
    live_socket_ = h_->socket;
  }

  if (int rc = libssh2_session_handshake(h_->session, h_->socket); rc != 0) {
    Error e = fail(rc, "sftp.connect.handshake", "SSH handshake failed", at);
    disconnect();
    return e;
  }

  const auto* digest =
      reinterpret_cast<const unsigned char*>(libssh2_hostkey_hash(h_->session, LIBSSH2_HOSTKEY_HASH_SHA256));
  if (!digest) {
    disconnect();
    return Error("sftp.host_key.unavailable", "the server offered no host key hash").as(ErrorCategory::transient);
  }
  offered_host_key_ = format_sha256_fingerprint(digest);
  // Pinning happens before any credential leaves this process.
  if (auto pinned = verify_host_key(options_.host_key_sha256, digest, at); !pinned) {
    h_.reset();
    return std::move(pinned).error();
  }

  if (auto auth = authenticate(); !auth) {
    disconnect();
    return std::move(auth).error();
  }

  h_->sftp = libssh2_sftp_init(h_->session);
  if (!h_->sftp) {
    Error e = fail(libssh2_session_last_errno(h_->session), "sftp.connect.subsystem", "SFTP subsystem refused", at);
    disconnect();
    return e;
  }
  return {};
}

Result<void> SftpSession::authenticate() {
  const std::string at = where();
  const std::string& user = options_.user;
  int rc = 0;
  if (!options_.private_key.empty()) {
    // libssh2 derives the public key from the private one when none is given.
    std::string key = options_.private_key;
    if (key.back() != '\n') key += '\n';  // secrets lose their final newline; the parser wants it
    rc = libssh2_userauth_publickey_frommemory(h_->session, user.c_str(), user.size(), nullptr, 0, key.data(),
                                               key.size(),
                                               options_.passphrase.empty() ? nullptr : options_.passphrase.c_str());
    if (rc == 0) return {};
    if (options_.password.empty())
      return fail(rc, "sftp.auth.key_refused", "public key authentication as " + user + " failed", at);
  } else if (!options_.private_key_file.empty()) {
    // The passphrase is passed, never echoed: libssh2's messages for a wrong one do not quote it.
    rc = libssh2_userauth_publickey_fromfile_ex(h_->session, user.c_str(), static_cast<unsigned>(user.size()),
                                                options_.public_key_file.c_str(), options_.private_key_file.c_str(),
                                                options_.passphrase.empty() ? nullptr : options_.passphrase.c_str());
    if (rc == 0) return {};
    if (options_.password.empty())
      return fail(rc, "sftp.auth.key_refused", "public key authentication as " + user + " failed", at);
  }
  rc =
      libssh2_userauth_password_ex(h_->session, user.c_str(), static_cast<unsigned>(user.size()),
                                   options_.password.c_str(), static_cast<unsigned>(options_.password.size()), nullptr);
  if (rc == 0) return {};
  return fail(rc, "sftp.auth.password_refused", "password authentication as " + user + " failed", at);
}

}  // namespace edigate::sftp
