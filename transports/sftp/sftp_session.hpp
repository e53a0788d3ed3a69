#pragma once
// One SFTP connection to a partner's server (libssh2, blocking mode with timeouts). The
// transport plugin wraps this: it schedules polls, persists downloads to the store and only then
// deletes or moves the remote file. Not thread-safe: one session per worker.
//
// Guarantees:
// - the server's host key must match the pinned SHA-256 fingerprint before any credential is
//   sent; otherwise sftp.host_key.mismatch names the expected and offered fingerprints;
// - remote file names from listings or callers are checked (remote_name.hpp) before use;
// - a download returns bytes only when their count equals the size the server reported before
//   and after reading; anything else is a transient error (the file is being written); a
//   streamed download (open_download) ends cleanly only under the same condition;
// - an upload is written under a temporary name in the target folder and renamed at the end,
//   so a partner never picks up half a file;
// - after a transient error the session is closed; connect() again to reconnect;
// - no password, passphrase or key material appears in any Error.
#include <edigate/input.hpp>
#include <edigate/result.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::sftp {

struct SftpOptions {
  std::string host;  ///< name or address
  std::uint16_t port = 22;
  std::string user;
  std::string host_key_sha256;  ///< pinned, "SHA256:..." as `ssh-keygen -l -E sha256` prints
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds io_timeout{30000};  ///< any single blocking libssh2 call
  // Credentials: a private key file (ed25519 or ECDSA; libssh2 1.10 cannot sign with RSA for
  // OpenSSH >= 8.8) or a password. The plugin reads passwords from files or the environment.
  std::string private_key_file;
  std::string public_key_file;  ///< default: private_key_file + ".pub"
  /// The private key's text itself (OpenSSH or PEM), as a profile's `key-file` secret resolves to;
  /// used instead of private_key_file when set, so the key is never copied to another file.
  std::string private_key;
  std::string passphrase;  ///< for an encrypted private key; secret
  std::string password;    ///< password authentication when no key file is set; secret
  /// Uploads are written as ".edigate-<random><temp_suffix>" and renamed when complete.
  std::string temp_suffix = ".part";
};

/// A regular file in a remote folder (directories, links and devices are not listed).
struct RemoteFile {
  std::string name;
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  ///< seconds since the epoch, 0 when the server did not say
};

struct Listing {
  std::vector<RemoteFile> files;
  std::vector<Error> refused;  ///< entries whose names failed check_remote_name, never followed
};

class SftpSession {
 public:
  explicit SftpSession(SftpOptions options);
  ~SftpSession();
  SftpSession(const SftpSession&) = delete;
  SftpSession& operator=(const SftpSession&) = delete;

  /// Opens TCP, handshakes, checks the pinned host key, authenticates, starts SFTP. Closes any
  /// previous connection first, so it is also "reconnect".
  Result<void> connect();
  void disconnect() noexcept;
  bool connected() const noexcept;
  /// From another thread: cuts the connection under a running call (the socket is shut down,
  /// so a blocked read or write returns at once with a transient error; nothing half-read is
  /// returned as a file). The session is closed by its owner's next call, as after any drop.
  void interrupt() noexcept;
  /// The SHA-256 fingerprint the server offered in the last handshake ("" before one).
  const std::string& offered_host_key() const noexcept { return offered_host_key_; }

  Result<Listing> list(std::string_view folder);

  /// A remote file read in chunks, for TransportHost::intake_stream: read() hands over the bytes
  /// as they arrive and returns 0 (the end) only when their count equals the size the server
  /// reported when the file was opened and still reports; otherwise sftp.download.size_changed
  /// (transient), as it does at once when more arrives than announced. A connection dropped
  /// midway is a read error. Not valid beyond its session; one at a time per session.
  class Download final : public InputStream {
   public:
    ~Download() override;
    Result<std::size_t> read(char* buf, std::size_t n) noexcept override;
    const std::string& name() const noexcept override { return at_; }
    /// The size the server reported when the file was opened.
    std::uint64_t size() const noexcept { return size_; }

   private:
    friend class SftpSession;
    Download(SftpSession& session, void* handle, std::string at, std::uint64_t size)
        : session_(session), handle_(handle), at_(std::move(at)), size_(size) {}
    SftpSession& session_;
    void* handle_;  ///< LIBSSH2_SFTP_HANDLE (libssh2 kept out of this header)
    std::string at_;
    std::uint64_t size_;
    std::uint64_t read_ = 0;
    bool ended_ = false;
  };
  /// Opens folder/name for a streamed download (checks as download: name, regular file, size).
  Result<std::unique_ptr<Download>> open_download(std::string_view folder, std::string_view name);
  /// The whole file in memory (small files: an outbox name check, tests).
  Result<std::string> download(std::string_view folder, std::string_view name);
  /// Writes `bytes` to folder/.edigate-<random><temp_suffix>, then renames to folder/name. Fails (without
  /// replacing) when folder/name exists: partners expect each name once.
  Result<void> upload(std::string_view folder, std::string_view name, std::string_view bytes);
  Result<void> remove(std::string_view folder, std::string_view name);
  /// Moves folder/name to to_folder/to_name (e.g. into an archive folder after persisting).
  Result<void> rename(std::string_view folder, std::string_view name, std::string_view to_folder,
                      std::string_view to_name);

 private:
  struct Handles;
  std::string where(std::string_view path = {}) const;
  Result<void> require_connected(const std::string& at);
  Error fail(int rc, std::string code, const std::string& what, const std::string& at);
  Result<void> authenticate();

  SftpOptions options_;
  std::unique_ptr<Handles> h_;
  // Set by fail() after a session-level error; the handles are released on the next call, after
  // any open SFTP file handle (closed by its guard) is gone.
  bool broken_ = false;
  std::string offered_host_key_;
  // interrupt() may run on another thread: it sees the socket only through these, and the
  // socket is closed under the same lock, so it never shuts down a number reused since.
  std::mutex socket_mutex_;
  int live_socket_ = -1;
};

}  // namespace edigate::sftp
