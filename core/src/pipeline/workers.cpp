#include "pipeline/workers.hpp"

#include <chrono>

namespace edigate::pipeline {

Workers::Workers(store::Store& store, std::map<store::WorkKind, Stage> stages, Options options,
                 std::function<void(const Error&)> on_error, std::map<store::WorkKind, BatchStage> batches)
    : store_(store),
      stages_(std::move(stages)),
      batches_(std::move(batches)),
      options_(std::move(options)),
      on_error_(std::move(on_error)) {}

Workers::~Workers() { stop(); }

void Workers::start() {
  stopping_ = false;
  for (unsigned i = 0; i < options_.count; ++i) threads_.emplace_back([this, i] { run(i); });
}

void Workers::stop() {
  stopping_ = true;
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void Workers::wake() {
  {
    std::lock_guard lock(mutex_);
    ++wakeups_;
  }
  wake_.notify_one();
}

void Workers::wake_all() {
  {
    std::lock_guard lock(mutex_);
    ++wakeups_;
  }
  wake_.notify_all();
}

void Workers::report(const store::WorkItem& item, Result<void> done) {
  if (done || !on_error_) return;
  Error e = std::move(done).error();
  e.message = std::string(store::to_string(item.kind)) + " " + item.subject +
              (item.target.empty() ? "" : " to " + item.target) + ": " + e.message;
  on_error_(e);
}

bool Workers::run_one(const std::string& owner) {
  using store::WorkKind;
  static const WorkKind outbound[] = {WorkKind::send, WorkKind::deliver};
  static const WorkKind inbound[] = {WorkKind::process, WorkKind::render};
  for (auto kinds : {std::span<const WorkKind>(outbound), std::span<const WorkKind>(inbound)}) {
    std::vector<WorkKind> wanted;
    for (auto k : kinds)
      if (stages_.count(k) || batches_.count(k)) wanted.push_back(k);
    if (wanted.empty()) continue;
    const bool batched = kinds.data() == outbound;
    auto claimed = store_.claim_many(wanted, owner, options_.lease, batched ? options_.batch : 1);
    if (!claimed) {
      if (on_error_) on_error_(claimed.error());
      return false;
    }
    if (claimed->empty()) continue;
    ++busy_;
    bool woke = false;
    // Items of a kind with a batch stage go to it together; the others run one by one, in the
    // order claimed (priority lane, then due time).
    std::map<WorkKind, std::vector<store::WorkItem>> grouped;
    for (auto& item : *claimed) {
      if (batches_.count(item.kind)) {
        grouped[item.kind].push_back(std::move(item));
        continue;
      }
      auto done = stages_.at(item.kind)(item);
      ++completed_;
      // A processed input or a rendered document has queued the next stages' items (deliveries,
      // an ack to send): idle workers take them now, not at their next idle poll (measured at
      // 100 transactions/s offered, 8 workers: p50 latency 44 -> 22 ms).
      if (done && !woke && (item.kind == WorkKind::process || item.kind == WorkKind::render)) {
        wake_all();
        woke = true;
      }
      report(item, std::move(done));
    }
    for (auto& [kind, items] : grouped) {
      auto done = batches_.at(kind)(items);
      completed_ += items.size();
      if (!done) report(items.front(), std::move(done));
    }
    --busy_;
    return true;
  }
  return false;
}

void Workers::run(unsigned index) {
  const std::string owner = options_.owner + "/" + std::to_string(index);
  while (!stopping_) {
    std::uint64_t seen;
    {
      std::lock_guard lock(mutex_);
      seen = wakeups_;
    }
    if (run_one(owner)) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(options_.idle_poll),
                   [&] { return stopping_.load() || wakeups_ != seen; });
  }
}

}  // namespace edigate::pipeline
