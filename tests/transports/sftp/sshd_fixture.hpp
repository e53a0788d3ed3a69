#pragma once
// A private OpenSSH sshd for one test: its own config, ed25519 host key and client key in a temp
// folder, listening on 127.0.0.1 only, serving internal-sftp to root (the test user) rooted in
// <temp>/files. Started as our child (sshd -D) so it is stopped by its PID, together with the
// per-connection processes it forked (found through /proc by parent PID). Bounded in time.
// Skips the test (exit 77) when sshd is not installed; everything else that fails, fails.
#include <catch2/catch.hpp>

#include "process.hpp"
#include "temp_dir.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace edigate::test {

inline constexpr const char* kSshd = "/usr/sbin/sshd";

inline void skip_without_sshd() {
  if (!std::filesystem::exists(kSshd) || run_command("command -v ssh-keygen").status != 0) {
    std::fprintf(stderr, "skipped: %s or ssh-keygen not installed (scripts/bootstrap installs openssh-server)\n",
                 kSshd);
    std::exit(77);
  }
}

/// Generates an ed25519 key pair at `path` (+ ".pub") with `passphrase`; returns its SHA-256
/// fingerprint as `ssh-keygen -l` prints it.
inline std::string make_ed25519_key(const std::filesystem::path& path, const std::string& passphrase = "") {
  auto made = run_command("ssh-keygen -q -t ed25519 -C edigate-test -N " + shell_quote(passphrase) + " -f " +
                          shell_quote(path.string()));
  REQUIRE(made.status == 0);
  auto fp = run_command("ssh-keygen -l -E sha256 -f " + shell_quote(path.string() + ".pub") + " | awk '{print $2}'");
  REQUIRE(fp.status == 0);
  std::string out = fp.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  REQUIRE(out.rfind("SHA256:", 0) == 0);
  return out;
}

inline std::uint16_t free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  ::close(fd);
  return ntohs(a.sin_port);
}

class SshdServer {
 public:
  /// `sftp_flags`: extra internal-sftp options, e.g. "-R" (read-only: every write refused with
  /// "permission denied", which root's file permissions cannot give).
  explicit SshdServer(std::string sftp_flags = "") : dir_("sftpd"), sftp_flags_(std::move(sftp_flags)) {
    files_ = dir_.path / "files";
    std::filesystem::create_directories(files_ / "inbox");
    std::filesystem::create_directories(files_ / "outbox");
    std::filesystem::create_directories(files_ / "archive");
    host_fingerprint_ = make_ed25519_key(dir_.path / "host_ed25519");
    client_key_ = dir_.path / "client_ed25519";
    make_ed25519_key(client_key_);
    std::filesystem::copy_file(client_key_.string() + ".pub", dir_.path / "authorized_keys");
    port_ = free_loopback_port();
    std::filesystem::create_directories("/run/sshd");  // sshd's privilege separation folder
    write_config();
    start();
  }
  ~SshdServer() { kill_all(); }
  SshdServer(const SshdServer&) = delete;
  SshdServer& operator=(const SshdServer&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& host_fingerprint() const { return host_fingerprint_; }
  const std::filesystem::path& client_key() const { return client_key_; }
  const std::filesystem::path& files() const { return files_; }
  const std::filesystem::path& dir() const { return dir_.path; }
  std::string user() const { return "root"; }

  /// Adds another public key to the authorized keys (e.g. one with a passphrase).
  void authorize(const std::filesystem::path& public_key) {
    std::ifstream in(public_key);
    std::ofstream(dir_.path / "authorized_keys", std::ios::app) << in.rdbuf();
  }

  /// Starts sshd -D on the same port and config; returns once it accepts connections (<= 10 s).
  void start() {
    REQUIRE(pid_ <= 0);
    const std::string config = (dir_.path / "sshd_config").string();
    const std::string log = (dir_.path / "sshd.log").string();
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::execl(kSshd, kSshd, "-D", "-f", config.c_str(), "-E", log.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts()) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL("sshd exited at start; log:\n" << read_log());
      }
      if (std::chrono::steady_clock::now() > deadline) FAIL("sshd did not listen within 10 s; log:\n" << read_log());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  /// Kills the listener and every session process it forked (SIGKILL, by PID): open client
  /// connections see the peer vanish, as when a partner's server crashes.
  void kill_all() {
    if (pid_ <= 0) return;
    // Freeze the tree first (listener, then whatever it forked, until nothing new appears) so
    // no session process is born between listing and killing and outlives the temp folder.
    ::kill(pid_, SIGSTOP);
    std::vector<pid_t> victims;
    for (;;) {
      std::vector<pid_t> now = descendants(pid_);
      for (pid_t p : now) ::kill(p, SIGSTOP);
      if (now.size() == victims.size()) break;
      victims = std::move(now);
    }
    victims.push_back(pid_);
    for (pid_t p : victims) ::kill(p, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    // Grandchildren are reaped by init; wait (bounded) until they are gone so the port is free.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (pid_t p : victims)
      while (p != victims.back() && ::kill(p, 0) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  std::string read_log() const {
    std::ifstream in(dir_.path / "sshd.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  void write_config() {
    const auto& d = dir_.path;
    std::ofstream(d / "sshd_config") << "Port " << port_ << "\n"
                                     << "ListenAddress 127.0.0.1\n"
                                     << "AddressFamily inet\n"
                                     << "HostKey " << (d / "host_ed25519").string() << "\n"
                                     << "PidFile " << (d / "sshd.pid").string() << "\n"
                                     << "LogLevel VERBOSE\n"
                                     << "UsePAM no\n"
                                     << "PermitRootLogin prohibit-password\n"
                                     << "AllowUsers root\n"
                                     << "PubkeyAuthentication yes\n"
                                     << "AuthorizedKeysFile " << (d / "authorized_keys").string() << "\n"
                                     << "PasswordAuthentication yes\n"
                                     << "KbdInteractiveAuthentication no\n"
                                     << "StrictModes no\n"
                                     << "MaxAuthTries 6\n"
                                     << "LoginGraceTime 30\n"
                                     << "AllowTcpForwarding no\n"
                                     << "AllowAgentForwarding no\n"
                                     << "X11Forwarding no\n"
                                     << "PermitTunnel no\n"
                                     << "PermitTTY no\n"
                                     << "UseDNS no\n"
                                     << "Subsystem sftp internal-sftp\n"
                                     << "ForceCommand internal-sftp -d " << files_.string()
                                     << (sftp_flags_.empty() ? "" : " " + sftp_flags_) << "\n";
    auto check = run_command(std::string(kSshd) + " -t -f " + shell_quote((d / "sshd_config").string()));
    INFO(check.err);
    REQUIRE(check.status == 0);
  }

  bool accepts() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port_);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
  }

  // Every process whose parent chain leads to `root`, read from /proc/<pid>/stat.
  static std::vector<pid_t> descendants(pid_t root) {
    std::vector<std::pair<pid_t, pid_t>> procs;  // pid, ppid
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
      const std::string name = e.path().filename();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream in(e.path() / "stat");
      std::string stat((std::istreambuf_iterator<char>(in)), {});
      const auto close = stat.rfind(')');
      if (close == std::string::npos) continue;
      char state = 0;
      int ppid = 0;
      if (std::sscanf(stat.c_str() + close + 1, " %c %d", &state, &ppid) == 2)
        procs.emplace_back(static_cast<pid_t>(std::stoi(name)), static_cast<pid_t>(ppid));
    }
    std::vector<pid_t> out{root};
    for (std::size_t i = 0; i < out.size(); ++i)
      for (auto [pid, ppid] : procs)
        if (ppid == out[i]) out.push_back(pid);
    out.erase(out.begin());
    return out;
  }

  // Declared first so a machine without sshd skips before any temp folder exists.
  bool installed_ = (skip_without_sshd(), true);
  TempDir dir_;
  std::string sftp_flags_;
  std::filesystem::path files_;
  std::filesystem::path client_key_;
  std::string host_fingerprint_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace edigate::test
