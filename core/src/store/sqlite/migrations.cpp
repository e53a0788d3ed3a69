#include "store/sqlite/migrations.hpp"

#include <string>
#include <vector>

namespace edigate::store::sqlite {
namespace {

// Append only: a released migration never changes (databases in the field ran it already).
// Times are integer milliseconds since the epoch (UTC), ids of messages are text.
const std::vector<std::string>& migrations() {
  static const std::vector<std::string> list = {
      // 1: inputs, messages, correlation keys, outbound documents, work queue, events, counters.
      R"sql(
CREATE TABLE inputs (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  transport TEXT NOT NULL,
  transport_key TEXT NOT NULL,
  partner_hint TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  body BLOB,
  blob_path TEXT,
  state TEXT NOT NULL,
  duplicate_of INTEGER
);
CREATE INDEX inputs_dedupe ON inputs (transport, transport_key, sha256, received_at);
CREATE TABLE interchanges (
  key TEXT NOT NULL,
  input_id INTEGER NOT NULL REFERENCES inputs (id),
  claimed_at INTEGER NOT NULL
);
CREATE INDEX interchanges_key ON interchanges (key, claimed_at);
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  input_id INTEGER REFERENCES inputs (id),
  partner TEXT NOT NULL,
  type TEXT NOT NULL,
  direction TEXT NOT NULL,
  status TEXT NOT NULL,
  correlation_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX messages_listing ON messages (created_at, id);
CREATE INDEX messages_partner ON messages (partner, type, created_at);
CREATE TABLE correlation_keys (
  message_id TEXT NOT NULL REFERENCES messages (id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (message_id, kind, value)
);
CREATE INDEX correlation_value ON correlation_keys (value);
CREATE TABLE outbound (
  id INTEGER PRIMARY KEY,
  partner TEXT NOT NULL,
  kind TEXT NOT NULL,
  type TEXT NOT NULL,
  file_name TEXT NOT NULL,
  body BLOB NOT NULL,
  interchange_key TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ack_due_at INTEGER NOT NULL DEFAULT 0,
  ack_status TEXT NOT NULL DEFAULT '',
  in_reply_to INTEGER NOT NULL DEFAULT 0,
  message_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbound_partner ON outbound (partner, created_at);
CREATE INDEX outbound_interchange ON outbound (interchange_key);
CREATE INDEX outbound_ack_due ON outbound (ack_status, ack_due_at);
CREATE TABLE work (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  priority INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  not_before INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_claim ON work (state, kind, priority, not_before, id);
CREATE INDEX work_subject ON work (subject);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  subject TEXT NOT NULL,
  stage TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_subject ON events (subject, id);
CREATE TABLE counters (
  scope TEXT NOT NULL,
  name TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (scope, name)
);
)sql",
      // 2: how an input's bytes are read (NewInput::content): "" detected, "canonical:<type>" for
      // canonical JSON handed in by a transport (the supplier API). Older rows are all detected.
      R"sql(
ALTER TABLE inputs ADD COLUMN content TEXT NOT NULL DEFAULT '';
)sql",
  };
  return list;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

Result<int> schema_version(Connection& db) {
  EDIGATE_TRY_VOID(db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"));
  EDIGATE_TRY(Statement * s, db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  StatementUse use(s);
  EDIGATE_TRY(bool row, s->step());
  return row ? static_cast<int>(s->integer(0)) : 0;
}

Result<int> migrate(Connection& db) {
  EDIGATE_TRY(int version, schema_version(db));
  if (version > latest_schema_version()) {
    return Error("store.version.newer", db.file().string() + ": the database is at schema version " +
                                            std::to_string(version) + ", this edigate knows up to " +
                                            std::to_string(latest_schema_version()) + "; run a newer edigate")
        .as(ErrorCategory::configuration);
  }
  for (int next = version + 1; next <= latest_schema_version(); ++next) {
    EDIGATE_TRY_VOID(db.exec("BEGIN IMMEDIATE"));
    auto applied = db.exec(migrations()[static_cast<std::size_t>(next - 1)]);
    if (applied) {
      applied = db.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (" + std::to_string(next) +
                        ", CAST(strftime('%s','now') AS INTEGER) * 1000)");
    }
    if (!applied) {
      (void)db.exec("ROLLBACK");
      Error e = std::move(applied).error();
      e.message = "migration " + std::to_string(next) + ": " + e.message;
      return e;
    }
    EDIGATE_TRY_VOID(db.exec("COMMIT"));
  }
  return latest_schema_version();
}

}  // namespace edigate::store::sqlite
