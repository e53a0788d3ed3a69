#pragma once
// The durable store behind `edigate serve`: the only code that knows SQL lives below this
// interface (SQLite now, PostgreSQL later: several gateway nodes on one database, work claimed
// with FOR UPDATE SKIP LOCKED, so nothing here assumes one process or one writer).
//
// Rules every implementation keeps:
// - `receive` commits the raw bytes, their metadata and the processing work item in one
//   transaction before it returns: only then may a transport acknowledge or delete its copy.
// - A stage reads its input from the store and writes its outputs, its events and the next
//   stage's work items in ONE unit (`run`), so a crash repeats at most one stage, and stages are
//   idempotent by key (message ids are deterministic; interchange keys are claimed once).
// - Nothing changes state without an event row.
#include "store/records.hpp"

#include <edigate/input.hpp>
#include <edigate/result.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace edigate::store {

/// The writes of one stage, applied atomically when the function given to `Store::run` returns
/// success (and discarded when it returns an error or the process dies).
class Unit {
 public:
  virtual ~Unit() = default;
  /// Claims an interchange key (sender|receiver|control) for `input_id`: fresh; again (this
  /// input claimed it before: it is being reprocessed); or duplicate (another input claimed it
  /// within the duplicate window: a repeat, not to be processed or acknowledged again).
  virtual Result<InterchangeClaim> claim_interchange(const std::string& key, std::int64_t input_id) = 0;
  /// The next value of a control-number counter, starting at `start`; never handed out twice,
  /// even across a crash (allocated in the unit that stores what uses it).
  virtual Result<std::uint64_t> next_control(const std::string& scope, const std::string& counter,
                                             std::uint64_t start) = 0;
  /// Inserts the message, or replaces the body of an existing one with the same id
  /// (reprocessing after a map fix). Returns true when it is new.
  virtual Result<bool> put_message(const MessageRecord& message, const std::vector<CorrelationKey>& keys) = 0;
  virtual Result<void> set_message_status(const std::string& id, const std::string& status) = 0;
  virtual Result<std::int64_t> put_outbound(const OutboundRecord& record) = 0;
  virtual Result<void> set_outbound_state(std::int64_t id, const std::string& state) = 0;
  /// Records an inbound functional ack's verdict on what we sent (matched by interchange key).
  /// False when no outbound document has that key.
  virtual Result<bool> reconcile_ack(const std::string& interchange_key, const std::string& status) = 0;
  virtual Result<void> set_input_state(std::int64_t id, const std::string& state, std::int64_t duplicate_of) = 0;
  virtual Result<std::int64_t> enqueue(WorkKind kind, const std::string& subject, const std::string& target,
                                       int priority, Millis not_before) = 0;
  /// Ends a claimed work item: done, back to ready at retry_at with attempts + 1, or dead.
  virtual Result<void> finish(const WorkItem& item, const WorkOutcome& outcome) = 0;
  virtual Result<void> event(const std::string& subject, const std::string& stage, const std::string& outcome,
                             const std::string& detail) = 0;
  /// How many work items of `kind` for `subject` are still open (ready, waiting or leased),
  /// this unit's own writes included: a message is delivered once none of its deliveries is
  /// open. Asked inside the unit, so two workers finishing a message's last two deliveries at
  /// once cannot both see the other's as still open.
  virtual Result<std::int64_t> open_work(WorkKind kind, const std::string& subject) = 0;
};

/// How far a unit's commit must have reached when `Store::run` returns.
enum class Commit {
  /// On disk (fsync) first: anything whose loss in a power cut would lose or repeat work that
  /// cannot be repeated harmlessly (inputs, translations, control numbers, acks queued).
  durable,
  /// Safe from a process crash at once, and on disk with the next durable commit (or
  /// checkpoint), so a power cut may undo it. Only for stages whose repeat is harmless: a
  /// delivery receivers dedupe by its idempotency key (a folder destination rewrites the same
  /// file), its retry schedule, its dead letter (the item is retried and dead-lettered again).
  repeatable,
};

struct StoreOptions {
  Millis duplicate_window = 30LL * 24 * 3600 * 1000;  ///< transport and interchange dedupe
  /// Inputs larger than this are kept as content-addressed files beside the database
  /// (blobs/ab/abcdef...), not in a row.
  std::uint64_t inline_limit = 1u << 20;
  /// How long a statement waits for another process's write lock before `store.busy`.
  int busy_timeout_ms = 5000;
};

struct CheckReport {
  int schema_version = 0;
  int latest_version = 0;
  std::vector<std::string> problems;  ///< empty: healthy
  std::int64_t inputs = 0, messages = 0, outbound = 0, events = 0;
  QueueCounts queue;
};

/// Messages of `type` older than `created_before` that no message of `answer_types` shares a
/// correlation key of `key_kinds` with: the POs with no ship notice, the ship notices with no
/// tracking (`edigate report`).
struct UnansweredQuery {
  std::string type;
  std::vector<std::string> key_kinds;
  std::vector<std::string> answer_types;
  Millis created_before = 0;
  int limit = 1000;
};

/// Dead work items of one kind and target (a destination for deliveries; empty for inputs).
struct DeadLetterCount {
  WorkKind kind = WorkKind::deliver;
  std::string target;
  std::int64_t count = 0;
  Millis oldest = 0;  ///< when the oldest of them was created
};

/// What `migrate_sqlite_store` did: schema version before and after.
struct MigrationReport {
  int from = 0;
  int to = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  /// Durably stores a received input and queues its processing; see the rules above.
  virtual Result<Receipt> receive(const NewInput& input) = 0;
  /// As receive, with the bytes pulled from `body` in chunks (`input.bytes` is ignored), so memory
  /// stays within StoreOptions::inline_limit plus one chunk whatever the size. An input larger
  /// than inline_limit is written to a temporary file under DATA/blobs/incoming/ while it is
  /// hashed, flushed, renamed to its content address (blobs/ab/abcdef...) and only then is its
  /// row committed (dedupe by transport key + sha256 as receive). Nothing is stored when `body`
  /// fails (its error is returned) or when `expected_size` (>= 0) differs from the length read
  /// (`store.input.size_mismatch`, transient).
  virtual Result<Receipt> receive_stream(const NewInput& input, InputStream& body, std::int64_t expected_size) = 0;
  virtual Result<InputRecord> input(std::int64_t id) = 0;
  /// The input's bytes in memory (a blob file is read whole: for small inputs and tools).
  virtual Result<std::string> input_bytes(std::int64_t id) = 0;
  /// The input's bytes as a stream: a row's bytes from memory, a blob file read in chunks.
  /// `name` is what the stream calls itself (error positions): the file name, usually.
  virtual Result<std::unique_ptr<InputStream>> open_input(std::int64_t id, const std::string& name) = 0;

  /// Claims the most urgent ready work item of one of `kinds` (priority, then not_before, then
  /// age) for `owner` until now + lease. nullopt when there is none.
  virtual Result<std::optional<WorkItem>> claim(std::span<const WorkKind> kinds, const std::string& owner,
                                                Millis lease) = 0;
  /// Claims up to `max` ready items of `kinds`, in the order of `claim`, in one transaction: a
  /// worker that takes a batch pays for one claim (and one commit, when its stage records the
  /// outcomes of the batch in one unit) instead of one per item. A batch holds items of one
  /// kind, the most urgent item's (among the `max` most urgent): a partner-bound ack does not
  /// wait behind a batch of ERP deliveries in one worker. Empty when there is none.
  virtual Result<std::vector<WorkItem>> claim_many(std::span<const WorkKind> kinds, const std::string& owner,
                                                   Millis lease, int max) = 0;
  /// Makes every item leased by a previous run of this gateway claimable again (after a crash).
  virtual Result<std::int64_t> release_leases() = 0;
  /// Runs `stage` in one transaction. Transient failures (a busy database) are retried a few
  /// times before the error is returned. `commit` says how far the commit must have reached
  /// before `run` returns (see Commit).
  virtual Result<void> run(const std::function<Result<void>(Unit&)>& stage, Commit commit = Commit::durable) = 0;

  virtual Result<MessageRecord> message(const std::string& id) = 0;
  /// The messages with these ids, in order, read in one transaction (a batch of deliveries);
  /// nullopt for an id with no message.
  virtual Result<std::vector<std::optional<MessageRecord>>> messages_by_id(std::span<const std::string> ids) = 0;
  virtual Result<std::vector<MessageRecord>> messages(const MessageFilter& filter) = 0;
  /// Messages sharing a correlation key with `value` (any kind), oldest first.
  virtual Result<std::vector<MessageRecord>> correlated(const std::string& value) = 0;
  virtual Result<std::vector<CorrelationKey>> correlation_keys(const std::string& message_id) = 0;
  virtual Result<std::vector<EventRecord>> events(const std::string& subject) = 0;
  virtual Result<OutboundRecord> outbound(std::int64_t id) = 0;
  virtual Result<std::vector<OutboundRecord>> outbound_list(const std::string& partner, int limit) = 0;
  /// Outbound documents whose functional ack is still missing at `now`.
  virtual Result<std::vector<OutboundRecord>> overdue_acks(Millis now) = 0;
  virtual Result<std::vector<WorkItem>> work(const std::string& state, std::span<const WorkKind> kinds, int limit) = 0;
  virtual Result<std::vector<WorkItem>> work_for(const std::string& subject) = 0;
  virtual Result<QueueCounts> queue_counts(WorkKind kind) = 0;
  /// Puts dead work items back to ready (attempts reset), with a `replayed` event each.
  /// Filters: empty matches all.
  virtual Result<std::int64_t> replay_dead(WorkKind kind, const std::string& subject, const std::string& target) = 0;

  /// Retention: removes what is older than `cutoff` and finished: done work items, events,
  /// delivered or failed messages with their correlation keys, processed inputs (and their blob
  /// files), sent outbound documents whose ack came or was not expected, interchange keys past
  /// the duplicate window. Dead work and what it refers to stay until someone acts on them.
  /// Returns the number of rows removed.
  virtual Result<std::int64_t> purge(Millis cutoff) = 0;
  /// See UnansweredQuery; oldest first.
  virtual Result<std::vector<MessageRecord>> unanswered(const UnansweredQuery& query) = 0;
  /// Dead work by kind and target, most first.
  virtual Result<std::vector<DeadLetterCount>> dead_letter_counts() = 0;
  /// The outbound records (submission, rendered document) made from message `message_id`.
  virtual Result<std::vector<OutboundRecord>> outbound_for_message(const std::string& message_id) = 0;
  /// The input with its messages and acks; `store.not_found` when there is no such input.
  virtual Result<InputOutcome> input_outcome(std::int64_t input_id) = 0;

  virtual Result<CheckReport> check() = 0;
  /// A consistent copy of the database (and its blob files) while the gateway runs.
  virtual Result<void> backup(const std::filesystem::path& to) = 0;
};

/// Opens (creating and migrating when `migrate`) the store of a data directory:
/// DATA/edigate.db with DATA/blobs/. `store.version.newer` when the database is from a newer
/// edigate; `store.version.old` when it needs migrating and `migrate` is false.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& data_dir, const StoreOptions& options,
                                                 bool migrate = true);

/// Applies the migrations the database of `data_dir` lacks (`edigate db migrate`), reporting the
/// schema version before and after; the same errors as open_sqlite_store.
Result<MigrationReport> migrate_sqlite_store(const std::filesystem::path& data_dir, const StoreOptions& options);

}  // namespace edigate::store
