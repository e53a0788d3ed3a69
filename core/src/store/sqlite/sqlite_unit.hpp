#pragma once
// The writes of one stage inside an open SQLite transaction (see store::Unit).
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace edigate::store::sqlite {

class SqliteUnit final : public Unit {
 public:
  SqliteUnit(Connection& db, const StoreOptions& options, Millis now) : db_(db), options_(options), now_(now) {}

  Result<InterchangeClaim> claim_interchange(const std::string& key, std::int64_t input_id) override;
  Result<std::uint64_t> next_control(const std::string& scope, const std::string& counter,
                                     std::uint64_t start) override;
  Result<bool> put_message(const MessageRecord& message, const std::vector<CorrelationKey>& keys) override;
  Result<void> set_message_status(const std::string& id, const std::string& status) override;
  Result<std::int64_t> put_outbound(const OutboundRecord& record) override;
  Result<void> set_outbound_state(std::int64_t id, const std::string& state) override;
  Result<bool> reconcile_ack(const std::string& interchange_key, const std::string& status) override;
  Result<void> set_input_state(std::int64_t id, const std::string& state, std::int64_t duplicate_of) override;
  Result<std::int64_t> enqueue(WorkKind kind, const std::string& subject, const std::string& target, int priority,
                               Millis not_before) override;
  Result<void> finish(const WorkItem& item, const WorkOutcome& outcome) override;
  Result<void> event(const std::string& subject, const std::string& stage, const std::string& outcome,
                     const std::string& detail) override;
  Result<std::int64_t> open_work(WorkKind kind, const std::string& subject) override;

 private:
  Connection& db_;
  const StoreOptions& options_;
  Millis now_;
};

}  // namespace edigate::store::sqlite
