#include "store/sqlite/sqlite_store.hpp"

#include <file/durable_file.hpp>
#include "io/sha256.hpp"
#include "store/sqlite/incoming_blob.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_unit.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace edigate::store::sqlite {
namespace {

namespace fs = std::filesystem;

Error file_error(const std::string& code, const fs::path& path, const std::string& what, int err) {
  const bool transient = err == ENOSPC || err == EIO || err == EDQUOT || err == EAGAIN;
  return Error(code, path.string() + ": " + what + ": " + std::strerror(err))
      .as(transient ? ErrorCategory::transient : ErrorCategory::configuration);
}

}  // namespace

Result<void> SqliteStore::transaction(const std::function<Result<void>()>& body) {
  // A busy database (another process holding the write lock past the busy timeout) is
  // transient: try again a few times before giving the error to the caller.
  Result<void> outcome;
  for (int attempt = 0; attempt < 3; ++attempt) {
    outcome = db_->exec("BEGIN IMMEDIATE");
    if (outcome) {
      outcome = body();
      if (outcome) outcome = db_->exec("COMMIT");
      if (!outcome) (void)db_->exec("ROLLBACK");
    }
    if (outcome || outcome.error().code != "store.busy") return outcome;
  }
  return outcome;
}

Result<std::uint64_t> SqliteStore::commit_unsynced(const std::function<Result<void>()>& body) {
  EDIGATE_TRY_VOID(db_->exec("PRAGMA synchronous=NORMAL"));
  auto done = transaction(body);
  auto restored = db_->exec("PRAGMA synchronous=FULL");
  if (!done) return std::move(done).error();
  if (!restored) return std::move(restored).error();
  return wal_sync_.committed();
}

Result<void> SqliteStore::run(const std::function<Result<void>(Unit&)>& stage, Commit commit) {
  std::unique_lock lock(mutex_);
  // Every unit commits into the WAL without its own fsync (synchronous=NORMAL: safe from a
  // process crash at once). A durable one then waits, outside the lock, for the group's fsync
  // of the WAL (wal_sync.hpp); a repeatable one does not wait and reaches the disk with the
  // next sync. Measured: one fsync per commit, under the lock, was the pipeline's bottleneck
  // (docs/performance.md).
  EDIGATE_TRY(auto ticket, commit_unsynced([&]() -> Result<void> {
                SqliteUnit unit(*db_, options_, now_millis());
                return stage(unit);
              }));
  lock.unlock();
  if (commit == Commit::repeatable) return {};
  return wal_sync_.wait(ticket);
}

Result<Receipt> SqliteStore::receive(const NewInput& input) {
  const std::string digest = io::sha256_hex(input.bytes);
  std::string blob_path;
  if (input.bytes.size() > options_.inline_limit) {
    // Written (and flushed) before the row that points at it is committed.
    EDIGATE_TRY(blob_path, write_blob(digest, input.bytes));
  }
  return commit_input(input, digest, input.bytes.size(), input.bytes, blob_path);
}

Result<Receipt> SqliteStore::commit_input(const NewInput& input, const std::string& digest, std::uint64_t size,
                                          std::string_view bytes, const std::string& blob_path) {
  std::unique_lock lock(mutex_);
  Receipt receipt;
  auto stored = commit_unsynced([&]() -> Result<void> {
    const Millis now = now_millis();
    receipt = Receipt{};
    {
      EDIGATE_TRY(Statement * s, db_->prepare("SELECT id FROM inputs WHERE transport = ?1 AND transport_key = ?2 "
                                              "AND sha256 = ?3 AND received_at >= ?4 AND state <> 'duplicate' "
                                              "ORDER BY id LIMIT 1"));
      StatementUse use(s);
      s->bind(1, input.transport).bind(2, input.transport_key).bind(3, digest);
      s->bind(4, now - options_.duplicate_window);
      EDIGATE_TRY(bool seen, s->step());
      if (seen) receipt.duplicate_of = s->integer(0);
    }
    receipt.duplicate = receipt.duplicate_of != 0;
    {
      EDIGATE_TRY(Statement * s, db_->prepare("INSERT INTO inputs (received_at, transport, transport_key, "
                                              "partner_hint, file_name, size, sha256, body, blob_path, state, "
                                              "duplicate_of, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                              "?10, ?11, ?12)"));
      StatementUse use(s);
      s->bind(1, now).bind(2, input.transport).bind(3, input.transport_key).bind(4, input.partner_hint);
      s->bind(5, input.file_name).bind(6, static_cast<std::int64_t>(size)).bind(7, digest);
      // A repeat keeps its metadata only: its bytes are the original's.
      if (receipt.duplicate || !blob_path.empty()) {
        s->bind_null(8);
      } else {
        s->bind_blob(8, bytes);
      }
      if (blob_path.empty() || receipt.duplicate) {
        s->bind_null(9);
      } else {
        s->bind(9, blob_path);
      }
      s->bind(10, std::string_view(receipt.duplicate ? "duplicate" : "received"));
      if (receipt.duplicate) {
        s->bind(11, receipt.duplicate_of);
      } else {
        s->bind_null(11);
      }
      s->bind(12, input.content);
      EDIGATE_TRY_VOID(s->run());
    }
    receipt.input_id = db_->last_insert_id();
    SqliteUnit unit(*db_, options_, now);
    const std::string subject = "input:" + std::to_string(receipt.input_id);
    std::string detail = input.transport + " " + input.file_name + " (" + std::to_string(size) + " bytes, sha256 " +
                         digest.substr(0, 16) + ")";
    if (receipt.duplicate) {
      return unit.event(subject, "received", "duplicate",
                        detail + ": same name and content as input " + std::to_string(receipt.duplicate_of));
    }
    EDIGATE_TRY_VOID(unit.event(subject, "received", "ok", detail));
    EDIGATE_TRY(std::int64_t work, unit.enqueue(WorkKind::process, std::to_string(receipt.input_id), "", 0, now));
    (void)work;
    return {};
  });
  if (!stored) return std::move(stored).error();
  lock.unlock();
  // On disk before the caller may acknowledge or delete its copy (group commit, wal_sync.hpp).
  EDIGATE_TRY_VOID(wal_sync_.wait(*stored));
  return receipt;
}

Result<InputRecord> SqliteStore::input(std::int64_t id) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT id, received_at, transport, transport_key, partner_hint, file_name, "
                                          "size, sha256, state, COALESCE(duplicate_of, 0), content FROM inputs "
                                          "WHERE id = ?1"));
  StatementUse use(s);
  s->bind(1, id);
  EDIGATE_TRY(bool row, s->step());
  if (!row) return Error("store.input.unknown", "no input " + std::to_string(id)).as(ErrorCategory::invalid_input);
  InputRecord r;
  r.id = s->integer(0);
  r.received_at = s->integer(1);
  r.transport = s->text(2);
  r.transport_key = s->text(3);
  r.partner_hint = s->text(4);
  r.file_name = s->text(5);
  r.size = static_cast<std::uint64_t>(s->integer(6));
  r.sha256 = s->text(7);
  r.state = s->text(8);
  r.duplicate_of = s->integer(9);
  r.content = s->text(10);
  return r;
}

Result<std::optional<WorkItem>> SqliteStore::claim(std::span<const WorkKind> kinds, const std::string& owner,
                                                   Millis lease) {
  EDIGATE_TRY(auto claimed, claim_many(kinds, owner, lease, 1));
  if (claimed.empty()) return std::optional<WorkItem>();
  return std::optional<WorkItem>(std::move(claimed.front()));
}

Result<std::vector<WorkItem>> SqliteStore::claim_many(std::span<const WorkKind> kinds, const std::string& owner,
                                                      Millis lease, int max) {
  std::string sql =
      "SELECT " + std::string(kWorkColumns) + " FROM work WHERE state = 'ready' AND not_before <= ?1 AND kind IN (";
  for (std::size_t i = 0; i < kinds.size(); ++i) sql += (i ? ",'" : "'") + std::string(to_string(kinds[i])) + "'";
  sql += ") ORDER BY priority, not_before, id LIMIT ?2";
  std::unique_lock lock(mutex_);
  // A claim needs no fsync: if it is lost in a crash the items are simply ready again, which is
  // what recovery wants. Commits that store data stay synchronous=FULL.
  EDIGATE_TRY_VOID(db_->exec("PRAGMA synchronous=NORMAL"));
  // Every commit this claim can see, including the ones that made its items ready.
  const std::uint64_t seen = wal_sync_.latest();
  std::vector<WorkItem> claimed;
  auto done = transaction([&]() -> Result<void> {
    claimed.clear();
    const Millis now = now_millis();
    {
      EDIGATE_TRY(Statement * s, db_->prepare("UPDATE work SET state = 'ready', lease_owner = '' "
                                              "WHERE state = 'leased' AND lease_until < ?1"));
      StatementUse use(s);
      s->bind(1, now);
      EDIGATE_TRY_VOID(s->run());
    }
    {
      EDIGATE_TRY(Statement * s, db_->prepare(sql));
      StatementUse use(s);
      s->bind(1, now).bind(2, std::int64_t{std::max(max, 1)});
      while (true) {
        EDIGATE_TRY(bool row, s->step());
        if (!row) break;
        WorkItem item = read_work(*s, 0);
        // One kind per batch, the most urgent item's: the rest stay for other workers.
        if (claimed.empty() || item.kind == claimed.front().kind) claimed.push_back(std::move(item));
      }
    }
    EDIGATE_TRY(Statement * s, db_->prepare("UPDATE work SET state = 'leased', lease_owner = ?2, lease_until = ?3 "
                                            "WHERE id = ?1"));
    for (auto& item : claimed) {
      StatementUse use(s);
      s->bind(1, item.id).bind(2, owner).bind(3, now + lease);
      EDIGATE_TRY_VOID(s->run());
      item.state = "leased";
    }
    return {};
  });
  auto restored = db_->exec("PRAGMA synchronous=FULL");
  if (!done) return std::move(done).error();
  if (!restored) return std::move(restored).error();
  lock.unlock();
  // A group commit is visible to every worker before its shared fsync has ended
  // (wal_sync.hpp). A worker acts outside the store on what it claims (sends a 997, delivers a
  // message), so it waits until the commits behind its items are on disk: otherwise a power
  // cut could take back an interchange whose 997 has already gone out, and its re-intake would
  // acknowledge it a second time. Usually a no-op: the producing unit waited for the same sync.
  if (!claimed.empty()) EDIGATE_TRY_VOID(wal_sync_.wait(seen));
  return claimed;
}

Result<std::int64_t> SqliteStore::release_leases() {
  std::lock_guard lock(mutex_);
  std::int64_t released = 0;
  EDIGATE_TRY_VOID(transaction([&]() -> Result<void> {
    EDIGATE_TRY(Statement * s, db_->prepare("UPDATE work SET state = 'ready', lease_owner = '', lease_until = 0 "
                                            "WHERE state = 'leased'"));
    StatementUse use(s);
    EDIGATE_TRY_VOID(s->run());
    released = db_->changes();
    return {};
  }));
  return released;
}

Result<CheckReport> SqliteStore::check() {
  std::lock_guard lock(mutex_);
  CheckReport report;
  EDIGATE_TRY(report.schema_version, schema_version(*db_));
  report.latest_version = latest_schema_version();
  if (report.schema_version != report.latest_version) {
    report.problems.push_back("schema version " + std::to_string(report.schema_version) + ", expected " +
                              std::to_string(report.latest_version));
  }
  {
    EDIGATE_TRY(Statement * s, db_->prepare("PRAGMA quick_check"));
    StatementUse use(s);
    while (true) {
      EDIGATE_TRY(bool row, s->step());
      if (!row) break;
      const std::string line = s->text(0);
      if (line != "ok") report.problems.push_back("integrity: " + line);
    }
  }
  auto count = [&](const char* sql, std::int64_t& into) -> Result<void> {
    EDIGATE_TRY(Statement * s, db_->prepare(sql));
    StatementUse use(s);
    EDIGATE_TRY(bool row, s->step());
    into = row ? s->integer(0) : 0;
    return {};
  };
  EDIGATE_TRY_VOID(count("SELECT COUNT(*) FROM inputs", report.inputs));
  EDIGATE_TRY_VOID(count("SELECT COUNT(*) FROM messages", report.messages));
  EDIGATE_TRY_VOID(count("SELECT COUNT(*) FROM outbound", report.outbound));
  EDIGATE_TRY_VOID(count("SELECT COUNT(*) FROM events", report.events));
  EDIGATE_TRY_VOID(count("SELECT COUNT(*) FROM work WHERE state = 'ready'", report.queue.ready));
  EDIGATE_TRY_VOID(count("SELECT COUNT(*) FROM work WHERE state = 'leased'", report.queue.leased));
  EDIGATE_TRY_VOID(count("SELECT COUNT(*) FROM work WHERE state = 'dead'", report.queue.dead));
  // Every stored input must have its bytes: a row or a blob file.
  {
    EDIGATE_TRY(Statement * s, db_->prepare("SELECT id, blob_path FROM inputs WHERE blob_path IS NOT NULL"));
    StatementUse use(s);
    while (true) {
      EDIGATE_TRY(bool row, s->step());
      if (!row) break;
      std::error_code ec;
      if (!fs::exists(data_dir_ / s->text(1), ec)) {
        report.problems.push_back("input " + std::to_string(s->integer(0)) + ": blob " + s->text(1) + " is missing");
      }
    }
  }
  return report;
}

Result<void> SqliteStore::backup(const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) return file_error("store.backup", to, "cannot create", ec.value());
  const fs::path target = to / "edigate.db";
  if (fs::exists(target, ec)) {
    return Error("store.backup.exists", target.string() + ": a backup is already there; choose an empty folder")
        .as(ErrorCategory::configuration);
  }
  {
    std::lock_guard lock(mutex_);
    // VACUUM INTO writes a consistent, compacted copy while readers and the WAL stay as they are.
    EDIGATE_TRY(Statement * s, db_->prepare("VACUUM INTO ?1"));
    StatementUse use(s);
    s->bind(1, target.string());
    EDIGATE_TRY_VOID(s->run());
  }
  // Blobs are written before the rows that name them and never change, so copying them after
  // the database copy covers every blob it references.
  const fs::path blobs = data_dir_ / "blobs";
  if (fs::exists(blobs, ec)) {
    fs::copy(blobs, to / "blobs", fs::copy_options::recursive | fs::copy_options::skip_existing, ec);
    if (ec) return file_error("store.backup", to / "blobs", "cannot copy the blob files", ec.value());
  }
  return {};
}

}  // namespace edigate::store::sqlite

namespace edigate::store {
namespace {

/// DATA/edigate.db, the data directory created when missing.
Result<std::unique_ptr<sqlite::Connection>> open_database(const std::filesystem::path& data_dir,
                                                          const StoreOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return Error("store.open", data_dir.string() + ": cannot create the data directory: " + ec.message())
        .as(ErrorCategory::configuration);
  }
  return sqlite::Connection::open(data_dir / "edigate.db", options.busy_timeout_ms);
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& data_dir, const StoreOptions& options,
                                                 bool migrate_now) {
  EDIGATE_TRY(auto db, open_database(data_dir, options));
  if (migrate_now) {
    EDIGATE_TRY(int version, sqlite::migrate(*db));
    (void)version;
  } else {
    EDIGATE_TRY(int version, sqlite::schema_version(*db));
    if (version != sqlite::latest_schema_version()) {
      return Error(version > sqlite::latest_schema_version() ? "store.version.newer" : "store.version.old",
                   db->file().string() + ": the database is at schema version " + std::to_string(version) +
                       ", this edigate writes " + std::to_string(sqlite::latest_schema_version()) +
                       (version > sqlite::latest_schema_version() ? "; run a newer edigate"
                                                                  : "; run 'edigate db migrate'"))
          .as(ErrorCategory::configuration);
    }
  }
  // Temporary files of streamed intakes a crash interrupted (nothing points at them).
  sqlite::IncomingBlob::remove_abandoned(data_dir);
  return std::unique_ptr<Store>(new sqlite::SqliteStore(std::move(db), data_dir, options));
}

Result<MigrationReport> migrate_sqlite_store(const std::filesystem::path& data_dir, const StoreOptions& options) {
  EDIGATE_TRY(auto db, open_database(data_dir, options));
  MigrationReport report;
  EDIGATE_TRY(report.from, sqlite::schema_version(*db));
  EDIGATE_TRY(report.to, sqlite::migrate(*db));
  return report;
}

}  // namespace edigate::store
