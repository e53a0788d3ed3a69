#include "sftp/session_pool.hpp"

namespace edigate::sftp {

namespace {
// A server may drop a connection that sat idle (ClientAliveInterval, NAT timeouts); past this age
// an idle one is closed rather than tried, which would cost a failed request and a reconnect.
constexpr auto kIdleMax = std::chrono::seconds(120);
}  // namespace

SessionLease::SessionLease(std::shared_ptr<SessionPool> pool, std::string key, std::unique_ptr<SftpSession> session,
                           bool reused)
    : pool_(std::move(pool)), key_(std::move(key)), session_(std::move(session)), reused_(reused) {}

SessionLease& SessionLease::operator=(SessionLease&& other) noexcept {
  if (this != &other) {
    give_back();
    pool_ = std::move(other.pool_);
    key_ = std::move(other.key_);
    session_ = std::move(other.session_);
    reused_ = other.reused_;
  }
  return *this;
}

SessionLease::~SessionLease() { give_back(); }

void SessionLease::give_back() {
  if (pool_ && session_) pool_->release(key_, std::move(session_));
  pool_.reset();
}

void SessionPool::set_limit(std::size_t limit) {
  std::lock_guard lock(mutex_);
  limit_ = limit;
  freed_.notify_all();
}

SessionLease SessionPool::acquire(const std::string& key, const SftpOptions& options, std::chrono::milliseconds wait,
                                  const std::atomic<bool>& stop) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::unique_ptr<SftpSession> evicted;  // closed outside the lock (a goodbye may take a moment)
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stop) return {};
    const auto now = std::chrono::steady_clock::now();
    for (auto it = idle_.begin(); it != idle_.end();) {
      if (now - it->since > kIdleMax) {
        it = idle_.erase(it);  // closes it; rare, so under the lock
        --open_;
      } else {
        ++it;
      }
    }
    for (auto it = idle_.begin(); it != idle_.end(); ++it) {
      if (it->key != key) continue;
      auto session = std::move(it->session);
      idle_.erase(it);
      return SessionLease(shared_from_this(), key, std::move(session), true);
    }
    if (open_ < limit_ || !idle_.empty()) {
      if (open_ >= limit_) {  // room only by closing another server's idle connection
        evicted = std::move(idle_.front().session);
        idle_.erase(idle_.begin());
      } else {
        ++open_;
      }
      lock.unlock();
      evicted.reset();
      return SessionLease(shared_from_this(), key, std::make_unique<SftpSession>(options), false);
    }
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && std::chrono::steady_clock::now() >= deadline)
      return {};
  }
}

void SessionPool::release(const std::string& key, std::unique_ptr<SftpSession> session) {
  std::unique_lock lock(mutex_);
  if (session->connected() && open_ <= limit_) {
    idle_.push_back({key, std::move(session), std::chrono::steady_clock::now()});
  } else {
    --open_;  // dead, or over a lowered limit: close it
    lock.unlock();
    session.reset();
    lock.lock();
  }
  freed_.notify_one();
}

void SessionPool::wake() {
  std::lock_guard lock(mutex_);
  freed_.notify_all();
}

std::size_t SessionPool::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::size_t SessionPool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

std::shared_ptr<SessionPool> SessionPools::for_endpoint(const std::string& partner, const std::string& name,
                                                        std::size_t limit) {
  std::lock_guard lock(mutex_);
  auto& slot = pools_[partner + '\n' + name];  // no partner id holds a line break
  auto pool = slot.lock();
  if (pool) {
    pool->set_limit(limit);
  } else {
    pool = std::make_shared<SessionPool>(limit);
    slot = pool;
  }
  return pool;
}

}  // namespace edigate::sftp
