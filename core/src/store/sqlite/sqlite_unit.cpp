#include "store/sqlite/sqlite_unit.hpp"

namespace edigate::store::sqlite {

Result<InterchangeClaim> SqliteUnit::claim_interchange(const std::string& key, std::int64_t input_id) {
  {
    // This input's own claim first: reprocessing an input is not a repeat of itself.
    EDIGATE_TRY(Statement * s, db_.prepare("SELECT input_id FROM interchanges WHERE key = ?1 AND claimed_at >= ?2 "
                                           "ORDER BY (input_id = ?3) DESC LIMIT 1"));
    StatementUse use(s);
    s->bind(1, key).bind(2, now_ - options_.duplicate_window).bind(3, input_id);
    EDIGATE_TRY(bool seen, s->step());
    if (seen) return s->integer(0) == input_id ? InterchangeClaim::again : InterchangeClaim::duplicate;
  }
  EDIGATE_TRY(Statement * s, db_.prepare("INSERT INTO interchanges (key, input_id, claimed_at) VALUES (?1, ?2, ?3)"));
  StatementUse use(s);
  s->bind(1, key).bind(2, input_id).bind(3, now_);
  EDIGATE_TRY_VOID(s->run());
  return InterchangeClaim::fresh;
}

Result<std::uint64_t> SqliteUnit::next_control(const std::string& scope, const std::string& counter,
                                               std::uint64_t start) {
  // One statement, portable to PostgreSQL: the first use stores `start`, later ones add one.
  EDIGATE_TRY(Statement * s, db_.prepare("INSERT INTO counters (scope, name, value) VALUES (?1, ?2, ?3) "
                                         "ON CONFLICT (scope, name) DO UPDATE SET value = value + 1 RETURNING value"));
  StatementUse use(s);
  s->bind(1, scope).bind(2, counter).bind(3, static_cast<std::int64_t>(start));
  EDIGATE_TRY(bool row, s->step());
  if (!row) return Error("store.sql", "counter " + scope + "/" + counter + " returned no value");
  return static_cast<std::uint64_t>(s->integer(0));
}

Result<bool> SqliteUnit::put_message(const MessageRecord& m, const std::vector<CorrelationKey>& keys) {
  bool is_new = true;
  {
    EDIGATE_TRY(Statement * s, db_.prepare("SELECT 1 FROM messages WHERE id = ?1"));
    StatementUse use(s);
    s->bind(1, m.id);
    EDIGATE_TRY(bool found, s->step());
    is_new = !found;
  }
  if (is_new) {
    EDIGATE_TRY(Statement * s, db_.prepare("INSERT INTO messages (id, input_id, partner, type, direction, status, "
                                           "correlation_id, created_at, updated_at, body) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)"));
    StatementUse use(s);
    s->bind(1, m.id).bind(3, m.partner).bind(4, m.type).bind(5, m.direction).bind(6, m.status);
    if (m.input_id) {
      s->bind(2, m.input_id);
    } else {
      s->bind_null(2);
    }
    s->bind(7, m.correlation_id).bind(8, m.created_at ? m.created_at : now_).bind(9, m.body);
    EDIGATE_TRY_VOID(s->run());
  } else {
    EDIGATE_TRY(Statement * s,
                db_.prepare("UPDATE messages SET body = ?2, status = ?3, updated_at = ?4 WHERE id = ?1"));
    StatementUse use(s);
    s->bind(1, m.id).bind(2, m.body).bind(3, m.status).bind(4, now_);
    EDIGATE_TRY_VOID(s->run());
  }
  for (const CorrelationKey& key : keys) {
    if (key.value.empty()) continue;
    EDIGATE_TRY(Statement * s, db_.prepare("INSERT INTO correlation_keys (message_id, kind, value) VALUES (?1, ?2, ?3) "
                                           "ON CONFLICT DO NOTHING"));
    StatementUse use(s);
    s->bind(1, m.id).bind(2, key.kind).bind(3, key.value);
    EDIGATE_TRY_VOID(s->run());
  }
  return is_new;
}

Result<void> SqliteUnit::set_message_status(const std::string& id, const std::string& status) {
  EDIGATE_TRY(Statement * s, db_.prepare("UPDATE messages SET status = ?2, updated_at = ?3 WHERE id = ?1"));
  StatementUse use(s);
  s->bind(1, id).bind(2, status).bind(3, now_);
  return s->run();
}

Result<std::int64_t> SqliteUnit::put_outbound(const OutboundRecord& r) {
  EDIGATE_TRY(Statement * s, db_.prepare("INSERT INTO outbound (partner, kind, type, file_name, body, interchange_key, "
                                         "state, created_at, ack_due_at, ack_status, in_reply_to, message_id) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
  StatementUse use(s);
  s->bind(1, r.partner).bind(2, r.kind).bind(3, r.type).bind(4, r.file_name).bind_blob(5, r.body);
  s->bind(6, r.interchange_key).bind(7, r.state).bind(8, r.created_at ? r.created_at : now_).bind(9, r.ack_due_at);
  s->bind(10, r.ack_status).bind(11, r.in_reply_to).bind(12, r.message_id);
  EDIGATE_TRY_VOID(s->run());
  return db_.last_insert_id();
}

Result<void> SqliteUnit::set_outbound_state(std::int64_t id, const std::string& state) {
  EDIGATE_TRY(Statement * s, db_.prepare("UPDATE outbound SET state = ?2 WHERE id = ?1"));
  StatementUse use(s);
  s->bind(1, id).bind(2, state);
  return s->run();
}

Result<bool> SqliteUnit::reconcile_ack(const std::string& interchange_key, const std::string& status) {
  EDIGATE_TRY(Statement * s, db_.prepare("UPDATE outbound SET ack_status = ?2 WHERE interchange_key = ?1 "
                                         "AND kind = 'document'"));
  StatementUse use(s);
  s->bind(1, interchange_key).bind(2, status);
  EDIGATE_TRY_VOID(s->run());
  return db_.changes() > 0;
}

Result<void> SqliteUnit::set_input_state(std::int64_t id, const std::string& state, std::int64_t duplicate_of) {
  EDIGATE_TRY(Statement * s, db_.prepare("UPDATE inputs SET state = ?2, duplicate_of = NULLIF(?3, 0) WHERE id = ?1"));
  StatementUse use(s);
  s->bind(1, id).bind(2, state).bind(3, duplicate_of);
  return s->run();
}

Result<std::int64_t> SqliteUnit::enqueue(WorkKind kind, const std::string& subject, const std::string& target,
                                         int priority, Millis not_before) {
  EDIGATE_TRY(Statement * s, db_.prepare("INSERT INTO work (kind, subject, target, priority, not_before, created_at, "
                                         "state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'ready')"));
  StatementUse use(s);
  s->bind(1, std::string_view(to_string(kind))).bind(2, subject).bind(3, target).bind(4, priority);
  s->bind(5, not_before ? not_before : now_).bind(6, now_);
  EDIGATE_TRY_VOID(s->run());
  return db_.last_insert_id();
}

Result<void> SqliteUnit::finish(const WorkItem& item, const WorkOutcome& outcome) {
  const char* state = outcome.kind == WorkOutcome::Kind::done    ? "done"
                      : outcome.kind == WorkOutcome::Kind::retry ? "ready"
                                                                 : "dead";
  EDIGATE_TRY(Statement * s, db_.prepare("UPDATE work SET state = ?2, attempts = attempts + ?5, lease_owner = '', "
                                         "lease_until = 0, not_before = ?3, last_error = ?4 WHERE id = ?1"));
  StatementUse use(s);
  s->bind(1, item.id).bind(2, std::string_view(state)).bind(5, std::int64_t{outcome.counts ? 1 : 0});
  s->bind(3, outcome.kind == WorkOutcome::Kind::retry ? outcome.retry_at : item.not_before);
  s->bind(4, outcome.kind == WorkOutcome::Kind::done ? std::string() : outcome.detail);
  return s->run();
}

Result<void> SqliteUnit::event(const std::string& subject, const std::string& stage, const std::string& outcome,
                               const std::string& detail) {
  EDIGATE_TRY(Statement * s,
              db_.prepare("INSERT INTO events (at, subject, stage, outcome, detail) VALUES (?1, ?2, ?3, ?4, ?5)"));
  StatementUse use(s);
  s->bind(1, now_).bind(2, subject).bind(3, stage).bind(4, outcome).bind(5, detail);
  return s->run();
}

Result<std::int64_t> SqliteUnit::open_work(WorkKind kind, const std::string& subject) {
  EDIGATE_TRY(Statement * s, db_.prepare("SELECT COUNT(*) FROM work WHERE subject = ?1 AND kind = ?2 "
                                         "AND state IN ('ready', 'leased')"));
  StatementUse use(s);
  s->bind(1, subject).bind(2, std::string_view(to_string(kind)));
  EDIGATE_TRY(bool row, s->step());
  return row ? s->integer(0) : 0;
}

}  // namespace edigate::store::sqlite
