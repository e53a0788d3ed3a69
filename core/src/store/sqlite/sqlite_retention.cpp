// Retention of the SQLite store (Store::purge).
#include "store/sqlite/sqlite_store.hpp"

#include <system_error>

namespace edigate::store::sqlite {

Result<std::int64_t> SqliteStore::purge(Millis cutoff) {
  std::vector<std::string> blobs;
  std::int64_t removed = 0;
  {
    std::lock_guard lock(mutex_);
    auto done = transaction([&]() -> Result<void> {
      removed = 0;
      // What dead work still names is kept: an operator replays or inspects it.
      static const char* const kKeep = "SELECT subject FROM work WHERE state IN ('dead', 'ready', 'leased')";
      {
        EDIGATE_TRY(Statement * s, db_->prepare(std::string("SELECT blob_path FROM inputs WHERE received_at < ?1 AND "
                                                            "blob_path IS NOT NULL AND CAST(id AS TEXT) NOT IN (") +
                                                kKeep + ")"));
        StatementUse use(s);
        s->bind(1, cutoff);
        while (true) {
          EDIGATE_TRY(bool row, s->step());
          if (!row) break;
          blobs.push_back(s->text(0));
        }
      }
      const std::string keep(kKeep);
      const std::vector<std::string> statements = {
          "DELETE FROM work WHERE state = 'done' AND created_at < ?1",
          "DELETE FROM events WHERE at < ?1 AND substr(subject, instr(subject, ':') + 1) NOT IN (" + keep + ")",
          "DELETE FROM correlation_keys WHERE message_id IN (SELECT id FROM messages WHERE updated_at < ?1 "
          "AND id NOT IN (" +
              keep + "))",
          "DELETE FROM messages WHERE updated_at < ?1 AND id NOT IN (" + keep + ")",
          "DELETE FROM outbound WHERE created_at < ?1 AND (ack_due_at = 0 OR ack_status <> '') AND "
          "CAST(id AS TEXT) NOT IN (" +
              keep + ")",
          "DELETE FROM interchanges WHERE claimed_at < MIN(?1, ?2)",
          "UPDATE messages SET input_id = NULL WHERE input_id IN (SELECT id FROM inputs WHERE received_at < ?1 AND "
          "CAST(id AS TEXT) NOT IN (" +
              keep + "))",
          "DELETE FROM interchanges WHERE input_id IN (SELECT id FROM inputs WHERE received_at < ?1 AND "
          "CAST(id AS TEXT) NOT IN (" +
              keep + "))",
          "DELETE FROM inputs WHERE received_at < ?1 AND CAST(id AS TEXT) NOT IN (" + keep + ")",
      };
      for (const auto& sql : statements) {
        EDIGATE_TRY(Statement * s, db_->prepare(sql));
        StatementUse use(s);
        s->bind(1, cutoff);
        if (sql.find("?2") != std::string::npos) s->bind(2, now_millis() - options_.duplicate_window);
        EDIGATE_TRY_VOID(s->run());
        removed += db_->changes();
      }
      return {};
    });
    if (!done) return std::move(done).error();
  }
  // After the commit: a blob named by no row any more (content-addressed, so another input
  // with the same bytes may still use it; check before removing).
  for (const auto& blob : blobs) {
    std::lock_guard lock(mutex_);
    EDIGATE_TRY(Statement * s, db_->prepare("SELECT 1 FROM inputs WHERE blob_path = ?1 LIMIT 1"));
    StatementUse use(s);
    s->bind(1, blob);
    EDIGATE_TRY(bool used, s->step());
    std::error_code ec;
    if (!used) std::filesystem::remove(data_dir_ / blob, ec);
  }
  return removed;
}

}  // namespace edigate::store::sqlite
