// Read-side queries of the SQLite store: messages, correlation, events, outbound documents,
// work items; and replay of dead work.
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/sqlite_unit.hpp"

namespace edigate::store::sqlite {

const char* const kMessageColumns =
    "id, COALESCE(input_id, 0), partner, type, direction, status, correlation_id, created_at, updated_at, body";
const char* const kOutboundColumns =
    "id, partner, kind, type, file_name, body, interchange_key, state, created_at, ack_due_at, ack_status, "
    "in_reply_to, message_id";
const char* const kWorkColumns =
    "id, kind, subject, target, priority, attempts, not_before, created_at, state, last_error";

MessageRecord read_message(const Statement& s, int c) {
  MessageRecord m;
  m.id = s.text(c);
  m.input_id = s.integer(c + 1);
  m.partner = s.text(c + 2);
  m.type = s.text(c + 3);
  m.direction = s.text(c + 4);
  m.status = s.text(c + 5);
  m.correlation_id = s.text(c + 6);
  m.created_at = s.integer(c + 7);
  m.updated_at = s.integer(c + 8);
  m.body = s.text(c + 9);
  return m;
}

OutboundRecord read_outbound(const Statement& s, int c) {
  OutboundRecord r;
  r.id = s.integer(c);
  r.partner = s.text(c + 1);
  r.kind = s.text(c + 2);
  r.type = s.text(c + 3);
  r.file_name = s.text(c + 4);
  r.body = s.text(c + 5);
  r.interchange_key = s.text(c + 6);
  r.state = s.text(c + 7);
  r.created_at = s.integer(c + 8);
  r.ack_due_at = s.integer(c + 9);
  r.ack_status = s.text(c + 10);
  r.in_reply_to = s.integer(c + 11);
  r.message_id = s.text(c + 12);
  return r;
}

WorkItem read_work(const Statement& s, int c) {
  WorkItem w;
  w.id = s.integer(c);
  w.kind = work_kind_from(s.text(c + 1)).value_or(WorkKind::process);
  w.subject = s.text(c + 2);
  w.target = s.text(c + 3);
  w.priority = static_cast<int>(s.integer(c + 4));
  w.attempts = static_cast<int>(s.integer(c + 5));
  w.not_before = s.integer(c + 6);
  w.created_at = s.integer(c + 7);
  w.state = s.text(c + 8);
  w.last_error = s.text(c + 9);
  return w;
}

namespace {

template <typename T, typename Reader>
Result<std::vector<T>> collect(Statement* s, Reader read) {
  StatementUse use(s);
  std::vector<T> out;
  while (true) {
    EDIGATE_TRY(bool row, s->step());
    if (!row) break;
    out.push_back(read(*s, 0));
  }
  return out;
}

std::string kinds_list(std::span<const WorkKind> kinds) {
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i) out += (i ? ",'" : "'") + std::string(to_string(kinds[i])) + "'";
  return out;
}

}  // namespace

Result<MessageRecord> SqliteStore::message(const std::string& id) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kMessageColumns) + " FROM messages WHERE id = ?1"));
  StatementUse use(s);
  s->bind(1, id);
  EDIGATE_TRY(bool row, s->step());
  if (!row) return Error("store.message.unknown", "no message " + id).as(ErrorCategory::invalid_input);
  return read_message(*s, 0);
}

Result<std::vector<std::optional<MessageRecord>>> SqliteStore::messages_by_id(std::span<const std::string> ids) {
  std::lock_guard lock(mutex_);
  // One read transaction for the batch: each statement outside one would take and drop the
  // database's and the WAL index's locks (fcntl calls) on its own.
  EDIGATE_TRY_VOID(db_->exec("BEGIN"));
  std::vector<std::optional<MessageRecord>> found;
  auto read = [&]() -> Result<void> {
    EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kMessageColumns) + " FROM messages WHERE id = ?1"));
    for (const auto& id : ids) {
      StatementUse use(s);
      s->bind(1, id);
      EDIGATE_TRY(bool row, s->step());
      found.push_back(row ? std::optional<MessageRecord>(read_message(*s, 0)) : std::nullopt);
    }
    return {};
  }();
  auto ended = db_->exec(read ? "COMMIT" : "ROLLBACK");
  if (!read) return std::move(read).error();
  if (!ended) return std::move(ended).error();
  return found;
}

Result<std::vector<MessageRecord>> SqliteStore::messages(const MessageFilter& f) {
  // Each filter is bound as a parameter; an empty one matches everything, so one statement
  // text (cached) serves every combination.
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kMessageColumns) +
                                          " FROM messages WHERE (?1 = '' OR partner = ?1) AND (?2 = '' OR type = ?2) "
                                          "AND (?3 = '' OR status = ?3) AND created_at >= ?4 "
                                          "AND (created_at > ?5 OR (created_at = ?5 AND id > ?6)) "
                                          "ORDER BY created_at, id LIMIT ?7"));
  s->bind(1, f.partner).bind(2, f.type).bind(3, f.status).bind(4, f.since);
  s->bind(5, f.after_id.empty() ? std::int64_t{-1} : f.after_created).bind(6, f.after_id);
  s->bind(7, static_cast<std::int64_t>(f.limit > 0 ? f.limit : 100));
  return collect<MessageRecord>(s, read_message);
}

Result<std::vector<MessageRecord>> SqliteStore::correlated(const std::string& value) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kMessageColumns) +
                                          " FROM messages WHERE id IN (SELECT message_id FROM correlation_keys "
                                          "WHERE value = ?1) ORDER BY created_at, id"));
  s->bind(1, value);
  return collect<MessageRecord>(s, read_message);
}

Result<std::vector<CorrelationKey>> SqliteStore::correlation_keys(const std::string& message_id) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s,
              db_->prepare("SELECT kind, value FROM correlation_keys WHERE message_id = ?1 ORDER BY kind, value"));
  s->bind(1, message_id);
  return collect<CorrelationKey>(s, [](const Statement& st, int) { return CorrelationKey{st.text(0), st.text(1)}; });
}

Result<std::vector<EventRecord>> SqliteStore::events(const std::string& subject) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT id, at, subject, stage, outcome, detail FROM events "
                                          "WHERE subject = ?1 ORDER BY id"));
  s->bind(1, subject);
  return collect<EventRecord>(s, [](const Statement& st, int) {
    return EventRecord{st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.text(5)};
  });
}

Result<OutboundRecord> SqliteStore::outbound(std::int64_t id) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kOutboundColumns) + " FROM outbound WHERE id = ?1"));
  StatementUse use(s);
  s->bind(1, id);
  EDIGATE_TRY(bool row, s->step());
  if (!row) {
    return Error("store.outbound.unknown", "no outbound document " + std::to_string(id))
        .as(ErrorCategory::invalid_input);
  }
  return read_outbound(*s, 0);
}

Result<std::vector<OutboundRecord>> SqliteStore::outbound_list(const std::string& partner, int limit) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kOutboundColumns) +
                                          " FROM outbound WHERE (?1 = '' OR partner = ?1) ORDER BY id LIMIT ?2"));
  s->bind(1, partner).bind(2, static_cast<std::int64_t>(limit > 0 ? limit : 100));
  return collect<OutboundRecord>(s, read_outbound);
}

Result<std::vector<OutboundRecord>> SqliteStore::overdue_acks(Millis now) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kOutboundColumns) +
                                          " FROM outbound WHERE kind = 'document' AND ack_status = '' "
                                          "AND ack_due_at > 0 AND ack_due_at < ?1 ORDER BY ack_due_at"));
  s->bind(1, now);
  return collect<OutboundRecord>(s, read_outbound);
}

Result<std::vector<WorkItem>> SqliteStore::work(const std::string& state, std::span<const WorkKind> kinds, int limit) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s,
              db_->prepare("SELECT " + std::string(kWorkColumns) + " FROM work WHERE state = ?1 AND kind IN (" +
                           kinds_list(kinds) + ") ORDER BY priority, not_before, id LIMIT ?2"));
  s->bind(1, state).bind(2, static_cast<std::int64_t>(limit > 0 ? limit : 100));
  return collect<WorkItem>(s, read_work);
}

Result<std::vector<WorkItem>> SqliteStore::work_for(const std::string& subject) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s,
              db_->prepare("SELECT " + std::string(kWorkColumns) + " FROM work WHERE subject = ?1 ORDER BY id"));
  s->bind(1, subject);
  return collect<WorkItem>(s, read_work);
}

Result<QueueCounts> SqliteStore::queue_counts(WorkKind kind) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT "
                                          "SUM(CASE WHEN state = 'ready' AND not_before <= ?2 THEN 1 ELSE 0 END), "
                                          "SUM(CASE WHEN state = 'leased' THEN 1 ELSE 0 END), "
                                          "SUM(CASE WHEN state = 'ready' AND not_before > ?2 THEN 1 ELSE 0 END), "
                                          "SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) "
                                          "FROM work WHERE kind = ?1 AND state <> 'done'"));
  StatementUse use(s);
  s->bind(1, std::string_view(to_string(kind))).bind(2, now_millis());
  EDIGATE_TRY(bool row, s->step());
  QueueCounts counts;
  if (row) {
    counts.ready = s->integer(0);
    counts.leased = s->integer(1);
    counts.waiting = s->integer(2);
    counts.dead = s->integer(3);
  }
  return counts;
}

Result<std::int64_t> SqliteStore::replay_dead(WorkKind kind, const std::string& subject, const std::string& target) {
  std::lock_guard lock(mutex_);
  std::int64_t replayed = 0;
  EDIGATE_TRY_VOID(transaction([&]() -> Result<void> {
    replayed = 0;
    std::vector<WorkItem> items;
    {
      EDIGATE_TRY(Statement * s,
                  db_->prepare("SELECT " + std::string(kWorkColumns) +
                               " FROM work WHERE state = 'dead' AND kind = ?1 "
                               "AND (?2 = '' OR subject = ?2) AND (?3 = '' OR target = ?3) ORDER BY id"));
      s->bind(1, std::string_view(to_string(kind))).bind(2, subject).bind(3, target);
      EDIGATE_TRY(items, collect<WorkItem>(s, read_work));
    }
    const Millis now = now_millis();
    SqliteUnit unit(*db_, options_, now);
    for (const WorkItem& item : items) {
      EDIGATE_TRY(Statement * s, db_->prepare("UPDATE work SET state = 'ready', attempts = 0, not_before = ?2, "
                                              "last_error = '' WHERE id = ?1"));
      StatementUse use(s);
      s->bind(1, item.id).bind(2, now);
      EDIGATE_TRY_VOID(s->run());
      const std::string subject_name = (kind == WorkKind::deliver   ? "message:"
                                        : kind == WorkKind::process ? "input:"
                                                                    : "outbound:") +
                                       item.subject;
      EDIGATE_TRY_VOID(unit.event(subject_name, "replayed", "ok",
                                  std::string(to_string(kind)) + (item.target.empty() ? "" : " to " + item.target) +
                                      " after: " + item.last_error));
      ++replayed;
    }
    return {};
  }));
  return replayed;
}

}  // namespace edigate::store::sqlite
