// Queries behind `edigate report` and `edigate trace`: messages still waiting for their answer
// (a PO with no ship notice, a ship notice with no tracking), dead letters by destination, and
// the outbound records of one message. Plain SQL with numbered parameters, so a PostgreSQL
// store can run the same text.
#include "store/sqlite/sqlite_store.hpp"

namespace edigate::store::sqlite {
namespace {

/// "?3, ?4, ?5" for `count` parameters from `first`: the IN lists are bound, never spliced.
std::string placeholders(int first, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i ? ", ?" : "?") + std::to_string(first + static_cast<int>(i));
  return out;
}

}  // namespace

Result<std::vector<MessageRecord>> SqliteStore::unanswered(const UnansweredQuery& q) {
  if (q.key_kinds.empty() || q.answer_types.empty()) {
    return Error("store.query.invalid", "an unanswered-message query needs key kinds and answer types");
  }
  const int kinds_at = 4;
  const int answers_at = kinds_at + static_cast<int>(q.key_kinds.size());
  // m's keys of the chosen kinds, joined to any other message's key of the same kind and value;
  // m is unanswered when none of those messages is of an answer type.
  const std::string sql = "SELECT " + std::string(kMessageColumns) +
                          " FROM messages m WHERE m.type = ?1 AND m.created_at < ?2 AND NOT EXISTS ("
                          "SELECT 1 FROM correlation_keys k JOIN correlation_keys a "
                          "ON a.kind = k.kind AND a.value = k.value AND a.message_id <> k.message_id "
                          "JOIN messages r ON r.id = a.message_id "
                          "WHERE k.message_id = m.id AND k.kind IN (" +
                          placeholders(kinds_at, q.key_kinds.size()) + ") AND r.type IN (" +
                          placeholders(answers_at, q.answer_types.size()) + ")) ORDER BY m.created_at, m.id LIMIT ?3";
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare(sql));
  StatementUse use(s);
  s->bind(1, q.type).bind(2, q.created_before).bind(3, static_cast<std::int64_t>(q.limit > 0 ? q.limit : 1000));
  for (std::size_t i = 0; i < q.key_kinds.size(); ++i) s->bind(kinds_at + static_cast<int>(i), q.key_kinds[i]);
  for (std::size_t i = 0; i < q.answer_types.size(); ++i) s->bind(answers_at + static_cast<int>(i), q.answer_types[i]);
  std::vector<MessageRecord> out;
  while (true) {
    EDIGATE_TRY(bool row, s->step());
    if (!row) break;
    out.push_back(read_message(*s, 0));
  }
  return out;
}

Result<std::vector<DeadLetterCount>> SqliteStore::dead_letter_counts() {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT kind, target, COUNT(*), MIN(created_at) FROM work "
                                          "WHERE state = 'dead' GROUP BY kind, target "
                                          "ORDER BY COUNT(*) DESC, kind, target"));
  StatementUse use(s);
  std::vector<DeadLetterCount> out;
  while (true) {
    EDIGATE_TRY(bool row, s->step());
    if (!row) break;
    DeadLetterCount c;
    c.kind = work_kind_from(s->text(0)).value_or(WorkKind::deliver);
    c.target = s->text(1);
    c.count = s->integer(2);
    c.oldest = s->integer(3);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<OutboundRecord>> SqliteStore::outbound_for_message(const std::string& message_id) {
  std::lock_guard lock(mutex_);
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kOutboundColumns) +
                                          " FROM outbound WHERE message_id = ?1 ORDER BY id"));
  StatementUse use(s);
  s->bind(1, message_id);
  std::vector<OutboundRecord> out;
  while (true) {
    EDIGATE_TRY(bool row, s->step());
    if (!row) break;
    out.push_back(read_outbound(*s, 0));
  }
  return out;
}

Result<InputOutcome> SqliteStore::input_outcome(std::int64_t input_id) {
  InputOutcome out;
  EDIGATE_TRY(out.input, input(input_id));
  std::lock_guard lock(mutex_);
  {
    EDIGATE_TRY(Statement * s, db_->prepare("SELECT id FROM messages WHERE input_id = ?1 ORDER BY created_at, id"));
    StatementUse use(s);
    s->bind(1, input_id);
    while (true) {
      EDIGATE_TRY(bool row, s->step());
      if (!row) break;
      out.message_ids.push_back(s->text(0));
    }
  }
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT " + std::string(kOutboundColumns) +
                                          " FROM outbound WHERE in_reply_to = ?1 AND kind = 'ack' ORDER BY id"));
  StatementUse use(s);
  s->bind(1, input_id);
  while (true) {
    EDIGATE_TRY(bool row, s->step());
    if (!row) break;
    out.acks.push_back(read_outbound(*s, 0));
  }
  return out;
}

}  // namespace edigate::store::sqlite
