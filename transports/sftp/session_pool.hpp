#pragma once
// One SFTP endpoint's connections: at most `limit` (its max-sessions) open at once (polls and
// sends together, idle ones included, since each is a login the partner's server counts),
// idle connections reused by the next operation on the same server, dead ones closed on return.
// Thread-safe.
#include "sftp/sftp_session.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace edigate::sftp {

class SessionPool;

/// A session taken from the pool; goes back (idle when still connected) when destroyed.
class SessionLease {
 public:
  SessionLease() = default;
  SessionLease(std::shared_ptr<SessionPool> pool, std::string key, std::unique_ptr<SftpSession> session, bool reused);
  SessionLease(SessionLease&&) noexcept = default;
  SessionLease& operator=(SessionLease&&) noexcept;
  ~SessionLease();

  explicit operator bool() const { return session_ != nullptr; }
  SftpSession& operator*() { return *session_; }
  SftpSession* operator->() { return session_.get(); }
  /// True when the connection was opened by an earlier operation (it may have died while idle).
  bool reused() const { return reused_; }
  void mark_fresh() { reused_ = false; }

 private:
  void give_back();
  std::shared_ptr<SessionPool> pool_;
  std::string key_;
  std::unique_ptr<SftpSession> session_;
  bool reused_ = false;
};

class SessionPool : public std::enable_shared_from_this<SessionPool> {
 public:
  explicit SessionPool(std::size_t limit) : limit_(limit) {}

  /// The endpoint's limit (a reopened endpoint's new max-sessions).
  void set_limit(std::size_t limit);
  /// A session for the server `key`: an idle one of that server, else a new (unconnected) one
  /// while fewer than the limit are open (an idle one of another server is closed to make room),
  /// else waits up to `wait`. An empty lease when the wait ran out or `stop` became true.
  SessionLease acquire(const std::string& key, const SftpOptions& options, std::chrono::milliseconds wait,
                       const std::atomic<bool>& stop);
  /// Wakes every waiter (an endpoint is stopping).
  void wake();

  std::size_t open() const;
  std::size_t idle() const;

 private:
  friend class SessionLease;
  void release(const std::string& key, std::unique_ptr<SftpSession> session);

  struct Idle {
    std::string key;
    std::unique_ptr<SftpSession> session;
    std::chrono::steady_clock::time_point since;
  };
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t limit_;
  std::size_t open_ = 0;  ///< sessions handed out plus idle ones
  std::vector<Idle> idle_;
};

/// The pools of every open SFTP endpoint (held by the plugin). One per partner and endpoint
/// name: several endpoints of one partner (two servers, or one server with two accounts) each
/// keep their own max-sessions; the endpoint reopened by a reload keeps its pool (and the
/// connections in it) with the new limit.
class SessionPools {
 public:
  std::shared_ptr<SessionPool> for_endpoint(const std::string& partner, const std::string& name, std::size_t limit);

 private:
  std::mutex mutex_;
  std::map<std::string, std::weak_ptr<SessionPool>> pools_;
};

}  // namespace edigate::sftp
