#pragma once
// The embedded store: one SQLite file in the data directory (WAL; durable commits are on disk
// before they return, by group commit: wal_sync.hpp), large inputs as content-addressed files
// under blobs/. One connection, serialised by a mutex: SQLite has one writer anyway, and every
// stage keeps its transaction short (no network inside, no fsync under the lock).
#include "store/sqlite/connection.hpp"
#include "store/sqlite/wal_sync.hpp"
#include "store/store.hpp"

#include <mutex>

namespace edigate::store::sqlite {

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> db, std::filesystem::path data_dir, StoreOptions options)
      : db_(std::move(db)),
        data_dir_(std::move(data_dir)),
        options_(options),
        wal_sync_(data_dir_ / "edigate.db-wal") {}

  Result<Receipt> receive(const NewInput& input) override;
  Result<Receipt> receive_stream(const NewInput& input, InputStream& body, std::int64_t expected_size) override;
  Result<InputRecord> input(std::int64_t id) override;
  Result<std::string> input_bytes(std::int64_t id) override;
  Result<std::unique_ptr<InputStream>> open_input(std::int64_t id, const std::string& name) override;
  Result<std::optional<WorkItem>> claim(std::span<const WorkKind> kinds, const std::string& owner,
                                        Millis lease) override;
  Result<std::vector<WorkItem>> claim_many(std::span<const WorkKind> kinds, const std::string& owner, Millis lease,
                                           int max) override;
  Result<std::int64_t> release_leases() override;
  Result<void> run(const std::function<Result<void>(Unit&)>& stage, Commit commit) override;

  Result<MessageRecord> message(const std::string& id) override;
  Result<std::vector<std::optional<MessageRecord>>> messages_by_id(std::span<const std::string> ids) override;
  Result<std::vector<MessageRecord>> messages(const MessageFilter& filter) override;
  Result<std::vector<MessageRecord>> correlated(const std::string& value) override;
  Result<std::vector<CorrelationKey>> correlation_keys(const std::string& message_id) override;
  Result<std::vector<EventRecord>> events(const std::string& subject) override;
  Result<OutboundRecord> outbound(std::int64_t id) override;
  Result<std::vector<OutboundRecord>> outbound_list(const std::string& partner, int limit) override;
  Result<std::vector<OutboundRecord>> overdue_acks(Millis now) override;
  Result<std::vector<WorkItem>> work(const std::string& state, std::span<const WorkKind> kinds, int limit) override;
  Result<std::vector<WorkItem>> work_for(const std::string& subject) override;
  Result<QueueCounts> queue_counts(WorkKind kind) override;
  Result<std::int64_t> replay_dead(WorkKind kind, const std::string& subject, const std::string& target) override;
  Result<std::int64_t> purge(Millis cutoff) override;
  Result<std::vector<MessageRecord>> unanswered(const UnansweredQuery& query) override;
  Result<std::vector<DeadLetterCount>> dead_letter_counts() override;
  Result<std::vector<OutboundRecord>> outbound_for_message(const std::string& message_id) override;
  Result<InputOutcome> input_outcome(std::int64_t input_id) override;
  Result<CheckReport> check() override;
  Result<void> backup(const std::filesystem::path& to) override;

  const StoreOptions& options() const { return options_; }
  /// The group commit's tickets (tests: what is visible against what is on disk).
  WalSync& wal_sync() { return wal_sync_; }

 private:
  /// Runs `body` inside BEGIN IMMEDIATE ... COMMIT with the lock held; rolls back on error.
  Result<void> transaction(const std::function<Result<void>()>& body);
  /// `body` in a transaction committed without its own fsync (the lock held); returns the
  /// commit's WalSync ticket.
  Result<std::uint64_t> commit_unsynced(const std::function<Result<void>()>& body);
  Result<std::string> write_blob(const std::string& sha256, const std::string& bytes);
  /// receive's transaction: the input row (inline `bytes`, or `blob_path` relative to the data
  /// directory), its event and its processing work, or a duplicate's row; on disk when it returns.
  Result<Receipt> commit_input(const NewInput& input, const std::string& digest, std::uint64_t size,
                               std::string_view bytes, const std::string& blob_path);
  /// Where an input's bytes are: in memory (`bytes`) or in a blob file (`blob_path`, relative).
  Result<std::pair<std::optional<std::string>, std::string>> input_location(std::int64_t id);

  std::mutex mutex_;
  std::unique_ptr<Connection> db_;
  std::filesystem::path data_dir_;
  StoreOptions options_;
  WalSync wal_sync_;  ///< receive's and run's commits: on disk by group commit (wal_sync.hpp)
  friend class SqliteUnit;
};

/// Row readers shared by the query files.
MessageRecord read_message(const Statement& s, int first_column);
OutboundRecord read_outbound(const Statement& s, int first_column);
WorkItem read_work(const Statement& s, int first_column);
extern const char* const kMessageColumns;
extern const char* const kOutboundColumns;
extern const char* const kWorkColumns;

}  // namespace edigate::store::sqlite
