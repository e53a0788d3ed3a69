#pragma once
// What the admin HTTP API needs from the gateway, as plain structs of strings and integers so
// the API knows nothing of the store. The serve command implements it over the store and the
// pipeline; tests implement it in a few lines.
//
// Errors: a backend returns an edigate::Error and the API maps it to a status:
//   code ending in ".not_found" -> 404, ".conflict" -> 409, category invalid_input -> 400,
//   transient -> 503, anything else -> 500.
// The body is always {"error":{"code":...,"message":...}}.
#include <edigate/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::api {

struct ReadyState {
  bool ready = false;
  std::string reason;  ///< why not, for /readyz ("store migrating", "draining")
};

/// GET /api/v1/messages query parameters, passed through as given (validated by the backend,
/// except `limit`, which the API checks is 1..kMaxPageLimit).
struct MessageFilter {
  std::string partner;
  std::string type;    ///< canonical type
  std::string status;  ///< received, validated, ..., delivered, dead, duplicate
  std::string since;   ///< RFC 3339 timestamp
  std::uint32_t limit = 100;
  std::string cursor;  ///< opaque: a previous page's next_cursor
};
inline constexpr std::uint32_t kDefaultPageLimit = 100;
inline constexpr std::uint32_t kMaxPageLimit = 1000;

struct MessageSummary {
  std::string id;
  std::string partner;
  std::string type;
  std::string direction;  ///< inbound | outbound
  std::string status;
  std::string correlation_id;
  std::string received_at;  ///< RFC 3339
  std::string updated_at;
};

struct MessagePage {
  std::vector<MessageSummary> items;
  std::string next_cursor;  ///< empty on the last page
};

struct MessageEvent {
  std::string at;  ///< RFC 3339
  std::string stage;
  std::string outcome;
  std::string detail;
};

struct MessageDetail {
  MessageSummary metadata;
  std::string canonical_json;  ///< the canonical message as JSON text (valid JSON); empty: none yet
  std::string raw_link;        ///< where the raw interchange can be fetched or found
  std::vector<MessageEvent> events;
};

struct ReplayResult {
  std::string id;
  std::string status;  ///< the message's status after queueing the replay
};

/// Why a submission was refused (400): the JSON pointer (RFC 6901) of the offending value,
/// "" for the document as a whole.
struct OutboundRejection {
  std::string code;
  std::string message;
  std::string pointer;
};

struct OutboundResult {
  std::vector<std::string> accepted_ids;  ///< message ids queued, in submission order
  std::optional<OutboundRejection> rejected;
};

struct DeadLetter {
  std::string message_id;
  std::string partner;
  std::string type;
  std::string destination;
  std::uint32_t attempts = 0;
  std::string last_error;
  std::string dead_at;  ///< RFC 3339
};

struct OverdueAck {
  std::string partner;
  std::string interchange_control;
  std::string group_control;
  std::string sent_at;  ///< RFC 3339
  std::string due_at;
};

/// An open transport endpoint or listener and how it is doing.
struct TransportState {
  std::string kind;  ///< endpoint | listener
  std::string partner, name, type;
  std::string address;  ///< listeners: where they listen
  bool polls = false, ok = true;
  std::string sends = "nothing";  ///< endpoints: documents | acknowledgements | nothing
  std::string detail;
};

class AdminBackend {
 public:
  virtual ~AdminBackend() = default;
  virtual ReadyState ready() = 0;
  /// The Prometheus text exposition (metrics::Registry::render()).
  virtual std::string metrics_text() = 0;
  virtual Result<MessagePage> list_messages(const MessageFilter& filter) = 0;
  /// `*.not_found` when there is no such message.
  virtual Result<MessageDetail> get_message(const std::string& id) = 0;
  /// Queues the message's delivery (or translation) again; `*.not_found`, `*.conflict` (e.g. a
  /// replay already queued).
  virtual Result<ReplayResult> replay(const std::string& id) = 0;
  /// Sends a partner-bound document again (`edigate replay --outbound N`): `id` is its outbound
  /// number as text; `*.not_found`, `*.conflict` (a send queued, an MDN awaited).
  virtual Result<ReplayResult> replay_outbound(const std::string& id) = 0;
  /// `json`: one canonical message or a JSON array of them (the request body as received).
  /// `partner`: the ?partner= query parameter, empty when not given.
  virtual Result<OutboundResult> submit_outbound(std::string_view json, const std::string& partner) = 0;
  virtual Result<std::vector<DeadLetter>> list_dead_letters() = 0;
  virtual Result<std::vector<OverdueAck>> list_overdue_acks() = 0;
  virtual Result<std::vector<TransportState>> list_transports() = 0;
};

}  // namespace edigate::api
