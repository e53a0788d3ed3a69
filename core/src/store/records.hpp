#pragma once
// What the store keeps, as plain values: received inputs (raw bytes + metadata), canonical
// messages, outbound documents (acks and rendered documents for partners), work items and the
// event history of each. No SQL type leaks out of core/src/store: a PostgreSQL store fills the
// same records.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edigate::store {

/// Milliseconds since the Unix epoch, UTC. Stored as integers so ordering and windows are
/// plain comparisons in any SQL dialect.
using Millis = std::int64_t;
Millis now_millis();
/// "2026-12-03T11:53:05.123Z".
std::string iso_utc(Millis at);

/// One file, AS2 message or API body as a transport handed it over.
struct NewInput {
  std::string transport;      ///< "folder", "sftp", "as2", "http"
  std::string transport_key;  ///< file name, AS2 Message-ID: with sha256 the transport-level dedupe key
  std::string partner_hint;   ///< the partner the transport received it for (inbox folder); may be empty
  std::string file_name;      ///< as received, for people
  std::string bytes;
  /// How the bytes are read: "" (detected: X12, EDIFACT, carrier JSON) or "canonical:<type>" (a
  /// canonical JSON message of that type, checked against its schema before it was stored).
  std::string content;
};

struct InputRecord {
  std::int64_t id = 0;
  Millis received_at = 0;
  std::string transport, transport_key, partner_hint, file_name;
  std::uint64_t size = 0;
  std::string sha256;  ///< lowercase hex
  std::string state;   ///< received | processed | rejected | duplicate
  std::int64_t duplicate_of = 0;
  std::string content;  ///< as NewInput::content
};

/// What `Store::receive` did: committed a new input with its processing work, or recognised a
/// repeat of one already received within the duplicate window (recorded, nothing queued).
struct Receipt {
  std::int64_t input_id = 0;
  bool duplicate = false;
  std::int64_t duplicate_of = 0;
};

enum class InterchangeClaim : std::uint8_t { fresh, again, duplicate };

enum class WorkKind : std::uint8_t {
  process,  ///< subject: input id. Validate, acknowledge, translate, route.
  deliver,  ///< subject: message id, target: destination name
  send,     ///< subject: outbound id, target: partner transport name ("" = the partner's outbox)
  render,   ///< subject: outbound id of a canonical submission waiting to be rendered
};
const char* to_string(WorkKind k);
std::optional<WorkKind> work_kind_from(const std::string& text);

struct WorkItem {
  std::int64_t id = 0;
  WorkKind kind = WorkKind::process;
  std::string subject;
  std::string target;
  int priority = 0;  ///< lower runs first
  int attempts = 0;  ///< attempts finished before this one
  Millis not_before = 0;
  Millis created_at = 0;
  std::string state;       ///< ready | leased | done | dead
  std::string last_error;  ///< the last attempt's failure
};

/// How an attempt ended.
struct WorkOutcome {
  enum class Kind : std::uint8_t { done, retry, dead } kind = Kind::done;
  Millis retry_at = 0;  ///< retry: when it may run again
  std::string detail;   ///< why it failed (retry, dead) or what it did (done)
  /// false: the attempt never happened (a destination's circuit breaker was open), so it does
  /// not count towards the attempts that lead to a dead letter.
  bool counts = true;
};

struct MessageRecord {
  std::string id;  ///< the canonical message_id (deterministic: reprocessing gives the same)
  std::int64_t input_id = 0;
  std::string partner, type, direction;
  std::string status;  ///< translated | routed | delivered | failed | dead
  std::string correlation_id;
  Millis created_at = 0, updated_at = 0;
  std::string body;  ///< canonical JSON
};

/// A link used by `edigate trace` and the reports: this message names that PO number,
/// shipment id, bill of lading or tracking number.
struct CorrelationKey {
  std::string kind;  ///< po_number | shipment_id | bol | tracking_number
  std::string value;
};

struct OutboundRecord {
  std::int64_t id = 0;
  std::string partner;
  std::string kind;  ///< ack | document | submission
  std::string type;  ///< 997, 999, TA1, CONTRL, 855, DESADV ...; submission: canonical type
  std::string file_name;
  std::string body;
  std::string interchange_key;  ///< sender|receiver|control of what we send (ack reconciliation)
  std::string state;            ///< queued | sent | failed | rendered | rejected
  Millis created_at = 0;
  Millis ack_due_at = 0;         ///< 0: no functional ack expected
  std::string ack_status;        ///< "" (none yet) | accepted | rejected | partially_accepted
  std::int64_t in_reply_to = 0;  ///< the input an ack answers
  std::string message_id;        ///< the canonical message a document was rendered from
};

/// What became of one input: the messages translated from it and the acknowledgements sent
/// for it (the supplier API's status answer).
struct InputOutcome {
  InputRecord input;
  std::vector<std::string> message_ids;
  std::vector<OutboundRecord> acks;  ///< outbound acks whose in_reply_to is this input
};

struct EventRecord {
  std::int64_t id = 0;
  Millis at = 0;
  std::string subject;  ///< "input:12", "message:m-...", "outbound:7"
  std::string stage;    ///< received, validated, acknowledged, translated, routed, delivered ...
  std::string outcome;  ///< ok | warning | failed | duplicate | retry | dead | replayed
  std::string detail;
};

struct MessageFilter {
  std::string partner, type, status;
  Millis since = 0;
  std::string after_id;  ///< paging cursor: items strictly after this (created_at, id)
  Millis after_created = 0;
  int limit = 100;
};

struct QueueCounts {
  std::int64_t ready = 0, leased = 0, waiting = 0, dead = 0;  ///< waiting: ready but not_before in the future
};

}  // namespace edigate::store
