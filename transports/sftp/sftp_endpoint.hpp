#pragma once
// One partner's SFTP server as a transport endpoint (transport_plugin.hpp's contract):
// - poll(): list the inbox, take at most host.intake_capacity() complete files (oldest first),
//   download each (size verified, sftp_session.hpp), hand it to host.intake, and only after that
//   returned delete it or move it to the archive folder. A file that could not be read whole, or
//   not stored, stays on the server for the next poll; one stored but not removed (the connection
//   dropped, the gateway died) is taken again and recognised by the store as a repeat.
// - send(): upload under a temporary name, rename into the outbox. Transient failures (refused,
//   dropped, timed out) are `retry`; permission, missing folder, host key or login problems are
//   `permanent`: they fail the same way until someone fixes the configuration.
// - Connections come from the endpoint's own SessionPool (its max-sessions, whatever other
//   endpoints of the partner say), are reused between calls and reconnected once when a reused
//   one turns out to have died while idle.
// - stop() cuts running transfers at once (their sockets are shut down): a download in progress
//   ends with nothing stored and the remote file left for the next poll; an upload leaves no file
//   under its final name.
#include "sftp/session_pool.hpp"
#include "sftp/sftp_settings.hpp"

#include <edigate/transport_plugin.hpp>

#include <atomic>
#include <mutex>
#include <set>

namespace edigate::sftp {

class SftpEndpoint final : public TransportEndpoint {
 public:
  SftpEndpoint(const TransportConfig& config, EndpointSettings settings, std::shared_ptr<SessionPool> pool);

  Result<std::size_t> poll(TransportHost& host) noexcept override;
  SendResult send(const OutboundDocument& doc) noexcept override;
  TransportHealth health() const noexcept override;
  void stop() noexcept override;
  /// Polls when it has a remote inbox, sends when it has a remote outbox.
  EndpointRole role() const noexcept override;

 private:
  struct PollState;
  /// Keeps `session` where stop() can interrupt it while it is in use.
  class InUse {
   public:
    InUse(SftpEndpoint& e, SftpSession& s);
    ~InUse();
    InUse(const InUse&) = delete;
    InUse& operator=(const InUse&) = delete;

   private:
    SftpEndpoint& e_;
    SftpSession* s_;
  };
  /// A connected session, or why there is none. `wait`: how long to wait for a free one.
  Result<SessionLease> connected_session(std::chrono::milliseconds wait);
  /// Connects `lease` if needed; a reused connection that died while idle is opened again.
  Result<void> ensure_connected(SessionLease& lease);
  Result<std::size_t> poll_inbox(TransportHost& host);
  /// One worker of a poll: takes files from `state` until none are left or its session fails.
  void take_files(TransportHost& host, SessionLease lease, PollState& state);
  /// Downloads, stores and acknowledges one file; true when it was stored.
  bool take(TransportHost& host, SftpSession& session, const RemoteFile& file);
  void acknowledge(TransportHost& host, SftpSession& session, const RemoteFile& file, const IntakeReceipt& receipt);
  /// One upload; `first_request_failed`: it failed at its first request (opening the file).
  SendResult upload(SftpSession& session, const OutboundDocument& doc, bool& first_request_failed);
  void set_health(bool ok, std::string detail);
  std::string remote_id(const std::string& name) const;

  TransportConfig config_;
  EndpointSettings settings_;
  std::string key_;        ///< connection_key(settings_.session)
  std::string transport_;  ///< "sftp:<name>", ReceivedDocument::transport
  std::shared_ptr<SessionPool> pool_;
  std::atomic<bool> stop_{false};
  std::mutex in_use_mutex_;
  std::multiset<SftpSession*> in_use_;  ///< sessions running a call for this endpoint now
  mutable std::mutex health_mutex_;
  TransportHealth health_;
};

}  // namespace edigate::sftp
