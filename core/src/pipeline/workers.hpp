#pragma once
// The worker pool: N threads claiming work items from the store and running the stage for their
// kind. Partner- and ERP-bound work (send, deliver) is claimed before new inputs are processed,
// so a backlog drains instead of growing; within a kind the store's order applies (priority
// lane, then due time). Partner- and ERP-bound items are claimed several at a time, of one kind
// per claim (Store::claim_many), and the kinds with a batch stage (deliveries) record the
// batch's outcomes in one commit; inputs are claimed one at a time, so idle workers share a
// trickle of them. A stage that fails to record its outcome (the database is busy, the disk
// full) leaves its item leased; the lease expires and the item runs again.
#include "store/store.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace edigate::pipeline {

class Workers {
 public:
  using Stage = std::function<Result<void>(const store::WorkItem&)>;
  /// Runs several claimed items of one kind; it ends every one of them (or leaves it leased on
  /// an error, like Stage).
  using BatchStage = std::function<Result<void>(std::span<const store::WorkItem>)>;

  struct Options {
    unsigned count = 2;
    store::Millis lease = 5 * 60 * 1000;  ///< longer than any stage (delivery timeouts included)
    store::Millis idle_poll = 250;        ///< how often an idle worker looks for due retries
    std::string owner = "edigate";        ///< lease owner prefix (node name)
    /// At most this many send and deliver items per claim. Measured on the backlog bench
    /// (docs/performance.md): 1 -> 16 took the store's claims and delivery commits from about
    /// four per transaction to a fraction of one; at a trickle a claim finds one or two items,
    /// so latency does not wait for a batch to fill.
    int batch = 16;
  };

  Workers(store::Store& store, std::map<store::WorkKind, Stage> stages, Options options,
          std::function<void(const Error&)> on_error, std::map<store::WorkKind, BatchStage> batches = {});
  ~Workers();

  void start();
  /// Lets each worker finish the item it holds, then joins them. Queued work stays queued.
  void stop();
  /// New work was queued: wake an idle worker now rather than at its next poll.
  void wake();
  /// Several new items were queued: wake every idle worker.
  void wake_all();
  /// Items claimed and finished (or failed) since start.
  std::uint64_t completed() const { return completed_; }
  std::uint64_t busy() const { return busy_; }

 private:
  void run(unsigned index);
  bool run_one(const std::string& owner);
  void report(const store::WorkItem& item, Result<void> done);

  store::Store& store_;
  std::map<store::WorkKind, Stage> stages_;
  std::map<store::WorkKind, BatchStage> batches_;
  Options options_;
  std::function<void(const Error&)> on_error_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> completed_{0};
  std::atomic<std::uint64_t> busy_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::uint64_t wakeups_ = 0;
};

}  // namespace edigate::pipeline
