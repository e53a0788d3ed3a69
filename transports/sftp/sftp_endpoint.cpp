#include "sftp/sftp_endpoint.hpp"

#include "sftp/remote_name.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <thread>

namespace edigate::sftp {

namespace {

// Files per parallel session in a poll: below this a second login costs more than it saves.
constexpr std::size_t kFilesPerSession = 16;
// Reconnects one poll worker tries after its connection dropped, before leaving the rest.
constexpr int kReconnects = 1;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

SendResult failed(const Error& e) {
  return e.category == ErrorCategory::transient ? SendResult::retry(e.to_string())
                                                : SendResult::permanent(e.to_string());
}

}  // namespace

struct SftpEndpoint::PollState {
  std::vector<RemoteFile> files;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> taken{0};
  std::atomic<std::size_t> left{0};  ///< not taken this time: unreadable, not stored, interrupted
  std::mutex mutex;
  std::optional<Error> connection;  ///< the last connection failure of a worker
};

SftpEndpoint::SftpEndpoint(const TransportConfig& config, EndpointSettings settings, std::shared_ptr<SessionPool> pool)
    : config_(config),
      settings_(std::move(settings)),
      key_(connection_key(settings_.session)),
      transport_("sftp:" + config.name),
      pool_(std::move(pool)) {
  health_.detail = "not polled yet";
}

void SftpEndpoint::stop() noexcept {
  stop_ = true;
  pool_->wake();
  // A transfer in progress ends now, not after io-timeout: its socket is shut down, the call
  // fails as a dropped connection does, and nothing half-read is stored.
  std::lock_guard lock(in_use_mutex_);
  for (SftpSession* s : in_use_) s->interrupt();
}

SftpEndpoint::InUse::InUse(SftpEndpoint& e, SftpSession& s) : e_(e), s_(&s) {
  std::lock_guard lock(e_.in_use_mutex_);
  e_.in_use_.insert(s_);
  if (e_.stop_) s_->interrupt();  // stop() ran just before: nothing new starts
}

SftpEndpoint::InUse::~InUse() {
  std::lock_guard lock(e_.in_use_mutex_);
  e_.in_use_.erase(e_.in_use_.find(s_));
}

void SftpEndpoint::set_health(bool ok, std::string detail) {
  std::lock_guard lock(health_mutex_);
  health_.ok = ok;
  health_.detail = std::move(detail);
}

TransportHealth SftpEndpoint::health() const noexcept {
  TransportHealth h;
  {
    std::lock_guard lock(health_mutex_);
    h = health_;
  }
  h.gauges.push_back({"sftp_sessions_open", {}, static_cast<double>(pool_->open())});
  h.gauges.push_back({"sftp_sessions_idle", {}, static_cast<double>(pool_->idle())});
  return h;
}

std::string SftpEndpoint::remote_id(const std::string& name) const {
  const SftpOptions& o = settings_.session;
  return "sftp://" + o.user + "@" + o.host + ":" + std::to_string(o.port) + "/" + join_remote(settings_.inbox, name);
}

Result<void> SftpEndpoint::ensure_connected(SessionLease& lease) {
  if (lease->connected()) return {};
  lease.mark_fresh();
  return lease->connect();
}

Result<SessionLease> SftpEndpoint::connected_session(std::chrono::milliseconds wait) {
  SessionLease lease = pool_->acquire(key_, settings_.session, wait, stop_);
  if (!lease) {
    if (stop_) return Error("transport.sftp.stopping", "the endpoint is stopping").as(ErrorCategory::transient);
    return Error("transport.sftp.busy", "all " + std::to_string(settings_.max_sessions) + " sessions to partner '" +
                                            config_.partner + "' are in use")
        .as(ErrorCategory::transient);
  }
  EDIGATE_TRY_VOID(ensure_connected(lease));
  return lease;
}

EndpointRole SftpEndpoint::role() const noexcept {
  return {!settings_.inbox.empty(),
          settings_.outbox.empty() ? EndpointRole::Sends::nothing : EndpointRole::Sends::everything};
}

Result<std::size_t> SftpEndpoint::poll(TransportHost& host) noexcept {
  try {
    auto result = poll_inbox(host);
    if (!result) set_health(false, result.error().to_string());
    return result;
  } catch (const std::exception& e) {
    set_health(false, std::string("poll failed: ") + e.what());
    return Error("transport.sftp.poll", std::string("poll failed: ") + e.what()).as(ErrorCategory::internal);
  }
}

Result<std::size_t> SftpEndpoint::poll_inbox(TransportHost& host) {
  if (settings_.inbox.empty() || stop_ || host.stopping()) return std::size_t{0};
  const std::size_t capacity = std::min(host.intake_capacity(), settings_.max_files);
  if (capacity == 0) {  // backpressure: the files wait on the partner's server, not in memory
    set_health(true, "the gateway's queue is full; the inbox is read at a later poll");
    return std::size_t{0};
  }
  EDIGATE_TRY(SessionLease lease, connected_session(settings_.session.io_timeout));
  Result<Listing> listing = Error("transport.sftp.stopping", "not listed");
  {
    InUse in_use(*this, *lease);
    listing = lease->list(settings_.inbox);
    if (!listing && !lease->connected() && lease.reused() && !stop_) {  // the listing is the first request
      // The server dropped the connection while it sat idle: one fresh attempt.
      EDIGATE_TRY_VOID(ensure_connected(lease));
      listing = lease->list(settings_.inbox);
    }
  }
  if (!listing) return std::move(listing).error();
  for (const Error& refused : listing->refused)
    host.log(LogLevel::warn, "intake.sftp.name_refused", config_.partner, refused.to_string());

  PollState state;
  for (RemoteFile& f : listing->files) {
    // Dot files and our own temporary suffix are uploads still in progress by convention.
    if (f.name.front() == '.' || ends_with(f.name, settings_.session.temp_suffix)) continue;
    if (::fnmatch(settings_.file_pattern.c_str(), f.name.c_str(), FNM_PERIOD) != 0) continue;
    state.files.push_back(std::move(f));
  }
  // Oldest first, so a backlog drains in the order the partner wrote it.
  std::sort(state.files.begin(), state.files.end(), [](const RemoteFile& a, const RemoteFile& b) {
    return a.mtime != b.mtime ? a.mtime < b.mtime : a.name < b.name;
  });
  if (state.files.size() > capacity) state.files.resize(capacity);

  // More sessions for a backlog: downloads and the store's commits overlap (the store groups
  // concurrent commits into one fsync). Only sessions free right now; sends may need the rest.
  std::vector<SessionLease> extra;
  const std::size_t wanted =
      std::min(settings_.max_sessions, (state.files.size() + kFilesPerSession - 1) / kFilesPerSession);
  while (extra.size() + 1 < wanted) {
    SessionLease more = pool_->acquire(key_, settings_.session, std::chrono::milliseconds(0), stop_);
    if (!more) break;
    extra.push_back(std::move(more));
  }
  std::vector<std::thread> helpers;
  for (auto& more : extra)
    helpers.emplace_back([&, l = std::move(more)]() mutable {
      try {
        take_files(host, std::move(l), state);
      } catch (const std::exception& e) {  // no exception may end a thread: the files stay remote
        host.log(LogLevel::error, "intake.sftp.worker_failed", config_.partner, e.what());
      }
    });
  std::exception_ptr failure;  // the helpers are joined first, whatever happens here
  try {
    take_files(host, std::move(lease), state);
  } catch (...) {
    failure = std::current_exception();
  }
  for (auto& t : helpers) t.join();
  if (failure) std::rethrow_exception(failure);

  const std::size_t taken = state.taken.load();
  const std::size_t left = state.left.load() + (state.files.size() - std::min(state.next.load(), state.files.size()));
  if (taken == 0 && state.connection) return std::move(*state.connection);
  set_health(left == 0, std::to_string(taken) + " file(s) taken at the last poll" +
                            (left ? ", " + std::to_string(left) + " left for the next one" : std::string()));
  return taken;
}

void SftpEndpoint::take_files(TransportHost& host, SessionLease lease, PollState& state) {
  InUse in_use(*this, *lease);                   // ends before `lease` goes back to the pool
  int reconnects = lease->connected() ? 0 : -1;  // a helper session's first connect is no reconnect
  for (;;) {
    if (stop_ || host.stopping()) return;
    if (!lease->connected()) {
      // Not yet connected, or the connection dropped during the last file: (re)connect once,
      // else leave the rest for the next poll.
      auto again = reconnects++ < kReconnects
                       ? ensure_connected(lease)
                       : Result<void>(Error("transport.sftp.connection_lost",
                                            "the connection dropped again; the remaining files wait for the next poll")
                                          .as(ErrorCategory::transient));
      if (!again) {
        host.log(LogLevel::warn, "intake.sftp.connection_lost", config_.partner, again.error().to_string());
        std::lock_guard lock(state.mutex);
        state.connection = std::move(again).error();
        return;
      }
    }
    const std::size_t k = state.next++;
    if (k >= state.files.size()) return;
    if (take(host, *lease, state.files[k]))
      ++state.taken;
    else
      ++state.left;
  }
}

bool SftpEndpoint::take(TransportHost& host, SftpSession& session, const RemoteFile& file) {
  ReceivedDocument doc;
  doc.partner = config_.partner;
  doc.transport = transport_;
  doc.remote_id = remote_id(file.name);
  doc.file_name = file.name;
  Result<IntakeReceipt> receipt = Error();
  {
    auto download = session.open_download(settings_.inbox, file.name);
    if (!download) {
      // Vanished, not a regular file, connection gone: nothing is stored; the next poll sees it.
      host.log(LogLevel::warn, "intake.sftp.download_failed", config_.partner, download.error().to_string());
      return false;
    }
    // Straight into the store, chunk by chunk, checked against the listing's size: the host
    // commits only a download that ended cleanly at that size (the reader also checks the size
    // the server reports before and after), so a half-downloaded file is never stored.
    receipt = host.intake_stream(doc, **download, static_cast<std::int64_t>(file.size));
  }  // the remote handle is closed before the file is moved or deleted
  if (!receipt) {
    // Half read, still growing, vanished, or the store failed: the server keeps it.
    const bool transfer = receipt.error().code.rfind("sftp.", 0) == 0 ||
                          receipt.error().code == "transport.intake.size_mismatch" ||
                          receipt.error().code == "store.input.size_mismatch";
    host.log(transfer ? LogLevel::warn : LogLevel::error,
             transfer ? "intake.sftp.download_failed" : "intake.store.failed", config_.partner,
             doc.remote_id + ": " + receipt.error().to_string());
    return false;
  }
  acknowledge(host, session, file, *receipt);  // committed: only now may the remote copy go
  return true;
}

void SftpEndpoint::acknowledge(TransportHost& host, SftpSession& session, const RemoteFile& file,
                               const IntakeReceipt& receipt) {
  if (settings_.after == AfterDownload::move) {
    auto moved = session.rename(settings_.inbox, file.name, settings_.archive, file.name);
    if (moved) return;
    // An archived file of that name already (partners reuse names): keep both, told apart by
    // the input id; if even that fails, delete, as a stored file left behind would come back as
    // a repeat at every poll.
    if (session.connected()) {
      const std::string unique = file.name + "." + std::to_string(receipt.input_id);
      if (session.rename(settings_.inbox, file.name, settings_.archive, unique)) return;
    }
    host.log(LogLevel::warn, "intake.sftp.archive_failed", config_.partner,
             moved.error().to_string() + (session.connected() ? " (deleted instead)" : ""));
    if (!session.connected()) return;
  }
  if (auto removed = session.remove(settings_.inbox, file.name); !removed)
    // Stored already: the next poll takes it again and the store recognises the repeat.
    host.log(LogLevel::warn, "intake.sftp.delete_failed", config_.partner, removed.error().to_string());
}

SendResult SftpEndpoint::send(const OutboundDocument& doc) noexcept {
  try {
    if (settings_.outbox.empty())
      return SendResult::permanent("SFTP transport '" + config_.name + "' of partner '" + config_.partner +
                                   "' has no outbox");
    if (auto name = check_remote_name(doc.file_name, settings_.outbox); !name)
      return SendResult::permanent(name.error().to_string());
    auto lease = connected_session(settings_.session.io_timeout);
    if (!lease) {
      const Error& e = lease.error();
      if (e.code == "transport.sftp.busy") return SendResult::retry(e.to_string(), std::chrono::seconds(5));
      return failed(e);
    }
    InUse in_use(*this, **lease);
    bool first_request_failed = false;
    SendResult result = upload(**lease, doc, first_request_failed);
    if (first_request_failed && lease->reused() && !(*lease)->connected() && !stop_) {
      // The reused connection had died while idle (its very first request failed): nothing
      // reached the server; one fresh connection. A drop later in the transfer is a retry.
      if (auto again = ensure_connected(*lease); !again) return failed(again.error());
      result = upload(**lease, doc, first_request_failed);
    }
    return result;
  } catch (const std::exception& e) {
    return SendResult::retry(std::string("SFTP send failed: ") + e.what());
  }
}

SendResult SftpEndpoint::upload(SftpSession& session, const OutboundDocument& doc, bool& first_request_failed) {
  const std::string path = join_remote(settings_.outbox, doc.file_name);
  auto uploaded = session.upload(settings_.outbox, doc.file_name, doc.body);
  first_request_failed = !uploaded && uploaded.error().code == "sftp.upload.open";
  if (uploaded) return SendResult::delivered(path, "uploaded to " + path);
  if (session.connected()) {
    // The rename refuses an existing name. An earlier attempt may have completed with its answer
    // lost: the same bytes there mean delivered; different ones are someone else's file.
    if (auto there = session.download(settings_.outbox, doc.file_name)) {
      if (*there == doc.body) return SendResult::delivered(path, "already in the outbox from an earlier attempt");
      return SendResult::permanent(path + ": a different file of that name is already in the partner's outbox");
    }
  }
  return failed(uploaded.error());
}

}  // namespace edigate::sftp
