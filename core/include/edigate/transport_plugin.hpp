#pragma once
// Transport plugins: how documents reach us from a partner and go to one (folder, SFTP, AS2, a
// supplier HTTP API, anything else). Loaded with Boost.DLL like format plugins; no entry point
// throws, and nothing a plugin returns may outlive the plugin object.
//
// The contract that keeps partners' documents safe:
// - Receiving: hand each document to TransportHost::intake and acknowledge the remote side
//   (delete or move the remote file, answer 2xx, send the MDN) only after intake succeeded: it
//   returns after the store has committed the bytes. On an error, leave the remote copy where it
//   is; it is taken again later (the store recognises a repeat by remote id + content).
// - Sending: the host calls send() from its queue and records what it returns: delivered (with
//   the remote's id: the file name written, the MDN's Message-ID), pending (the answer comes later:
//   report it with TransportHost::settle), retry (with an optional delay) or permanent. Retries,
//   backoff, dead letters and replay are the host's; a plugin does one attempt per call.
// - Configuration: the plugin declares every setting it reads (TransportSpec); the host checks a
//   profile's element against it (an undeclared setting or a missing required one is an error
//   naming the profile) and resolves secrets (env:NAME, file:PATH) before open().
#include <edigate/input.hpp>
#include <edigate/plugin.hpp>
#include <edigate/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edigate {

/// One setting a transport reads: an attribute of its element in a partner profile
/// (`<sftp host="..."/>`, `<transport type="..."><option name="..." value="..."/></transport>`)
/// or of its listener in the gateway configuration.
struct TransportOption {
  std::string name;           ///< "host", "poll-seconds"
  bool required = false;      ///< missing -> the endpoint is not opened (error names the profile)
  bool secret = false;        ///< an env:NAME or file:PATH reference; the value reaches the plugin
                              ///< only in TransportConfig::secrets, and is never logged
  std::string default_value;  ///< filled in when the setting is absent (empty: none)
  std::string description;    ///< one line, shown by `edigate plugins show`
};

/// What a transport plugin is and what it reads.
struct TransportSpec {
  std::string type;                       ///< profile element / transport type: "sftp", "as2"
  std::vector<TransportOption> options;   ///< per partner endpoint
  bool polls = false;                     ///< endpoints of this type can receive by poll(): the host
                                          ///< schedules it every `poll-seconds` (declared option)
  bool sends = true;                      ///< endpoints of this type can send; what one endpoint
                                          ///< does is its TransportEndpoint::role()
  std::vector<TransportOption> listener;  ///< gateway-level listener settings; empty: no listener
};

/// One partner's configured transport: its profile element checked against the spec.
struct TransportConfig {
  std::string partner;                         ///< partner id
  std::string name;                            ///< the endpoint's name in the profile
  std::filesystem::path base;                  ///< profile folder: base of relative paths
  std::filesystem::path work_dir;              ///< private, durable folder for the plugin's state
  std::map<std::string, std::string> options;  ///< declared non-secret settings, defaults filled in
  std::map<std::string, std::string> secrets;  ///< resolved secret values by option name

  /// The option's value, or "" when absent.
  std::string option(std::string_view key) const {
    auto it = options.find(std::string(key));
    return it == options.end() ? std::string() : it->second;
  }
};

/// A gateway-level listener (the AS2 receive URL, the supplier API): one per transport type,
/// serving every partner that has an endpoint of that type.
struct ListenerConfig {
  std::string type;
  std::filesystem::path base;      ///< folder of the gateway configuration file
  std::filesystem::path work_dir;  ///< private, durable folder for the listener's state
  std::map<std::string, std::string> options;
  std::map<std::string, std::string> secrets;

  std::string option(std::string_view key) const {
    auto it = options.find(std::string(key));
    return it == options.end() ? std::string() : it->second;
  }
};

enum class LogLevel : std::uint8_t { debug, info, warn, error };

/// A document a transport received.
struct ReceivedDocument {
  std::string partner;    ///< the partner it came from (the endpoint's; a listener's authenticated
                          ///< sender); empty when only the envelope can tell
  std::string transport;  ///< "sftp:main", "as2", "http-api": the endpoint or listener it came through
  std::string remote_id;  ///< remote path, AS2 Message-ID, request id: with the content's hash,
                          ///< what recognises a repeat
  std::string file_name;  ///< for people (no path)
  std::string bytes;
  /// How the host reads it: "" (detect: X12, EDIFACT, carrier JSON) or "canonical:<type>"
  /// (a canonical JSON message of that type, validated against its schema before it is stored).
  std::string content;
};

struct IntakeReceipt {
  std::int64_t input_id = 0;
  bool duplicate = false;  ///< received before with the same remote id and content: nothing queued
  std::int64_t duplicate_of = 0;
};

/// Where a received document stands, for transports that answer status queries.
struct DocumentStatus {
  std::int64_t input_id = 0;
  std::string partner;
  std::string state;  ///< received | processed | rejected | duplicate
  std::vector<std::string> message_ids;
  std::string ack_type;      ///< "997", "999", "TA1", "CONTRL"; empty when none was sent
  std::string ack_document;  ///< the acknowledgement as sent
};

/// A partner-bound document handed to send().
struct OutboundDocument {
  std::int64_t id = 0;  ///< the host's id for it: stable across attempts
  std::string partner;
  std::string type;       ///< "997", "856", "DESADV"
  std::string file_name;  ///< suggested remote name (unique per document)
  std::string body;
  std::uint32_t attempt = 0;  ///< 0 on the first attempt
};

struct SendResult {
  enum class Kind : std::uint8_t { delivered, pending, retry, permanent };
  Kind kind = Kind::retry;
  std::string remote_id;                ///< delivered/pending: remote file name, MDN Message-ID
  std::string detail;                   ///< for the document's history (never a secret)
  std::chrono::seconds retry_after{0};  ///< retry: wait at least this long (0: the host's backoff)

  static SendResult delivered(std::string remote_id, std::string detail = {}) {
    return {Kind::delivered, std::move(remote_id), std::move(detail), {}};
  }
  static SendResult pending(std::string remote_id, std::string detail = {}) {
    return {Kind::pending, std::move(remote_id), std::move(detail), {}};
  }
  static SendResult retry(std::string detail, std::chrono::seconds after = {}) {
    return {Kind::retry, {}, std::move(detail), after};
  }
  static SendResult permanent(std::string detail) { return {Kind::permanent, {}, std::move(detail), {}}; }
};

/// A figure a transport reports for /metrics, exported as edigate_transport_<name> with the
/// partner, the transport and these labels: days until a certificate expires, sessions open.
struct TransportGauge {
  std::string name;  ///< lower case and '_': "certificate_days_left"
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct TransportHealth {
  bool ok = true;
  std::string detail;  ///< the last problem, or what is fine ("3 files at 12:00:01")
  std::vector<TransportGauge> gauges;
};

/// The gateway, as a transport sees it. Every member is thread-safe.
class TransportHost {
 public:
  virtual ~TransportHost() = default;
  /// Stores `doc` durably and queues its processing; returns after the commit. Acknowledge the
  /// remote side only after success. Errors: transient (try again later, keep the remote copy),
  /// invalid_input ("canonical:" content that fails its schema: the message names the field),
  /// configuration (unknown partner). For documents already in memory (an HTTP body, an AS2
  /// message); a file or a download goes through intake_stream.
  virtual Result<IntakeReceipt> intake(const ReceivedDocument& doc) noexcept = 0;
  /// As intake, but the host pulls the bytes from `body` in chunks until it returns 0 (end), so
  /// memory stays bounded whatever the size; `doc.bytes` is ignored. The host writes them to a
  /// temporary file while hashing, flushes it, and commits the input only once `body` ended
  /// cleanly: an error from `body.read` (a dropped connection, a checksum the reader verifies at
  /// the end) abandons the intake, nothing is stored and that error is returned. `expected_size`
  /// (-1: unknown) is the size the transport was told (a listing, fstat): a body of another length
  /// is refused (a transient error whose code ends in `.size_mismatch`: it is being written, or
  /// was cut), so a half-transferred document is never committed. `body` is used only during the
  /// call, from the calling thread.
  /// The gateway's host streams; this default (for hosts that wrap another: test recorders) reads
  /// `body` whole into memory and calls intake().
  virtual Result<IntakeReceipt> intake_stream(const ReceivedDocument& doc, InputStream& body,
                                              std::int64_t expected_size) noexcept {
    try {
      ReceivedDocument whole = doc;
      whole.bytes.clear();
      char chunk[64 * 1024];
      for (;;) {
        auto n = body.read(chunk, sizeof chunk);
        if (!n) return std::move(n).error();
        if (*n == 0) break;
        whole.bytes.append(chunk, *n);
      }
      if (expected_size >= 0 && whole.bytes.size() != static_cast<std::uint64_t>(expected_size))
        return Error("transport.intake.size_mismatch", body.name() + ": " + std::to_string(whole.bytes.size()) +
                                                           " bytes read, " + std::to_string(expected_size) +
                                                           " announced; not stored")
            .as(ErrorCategory::transient);
      return intake(whole);
    } catch (const std::exception& e) {
      return Error("transport.intake.failed", e.what()).as(ErrorCategory::internal);
    }
  }
  /// How many more documents the host takes now (backpressure): a poll takes at most this many
  /// and leaves the rest on the remote side for the next poll.
  virtual std::size_t intake_capacity() noexcept = 0;
  /// The state of an input this host stored, by intake's input_id.
  virtual Result<DocumentStatus> status(std::int64_t input_id) noexcept = 0;
  /// The final outcome of a send that returned `pending` (an asynchronous MDN arrived, or it is
  /// known never to arrive): delivered, retry (queued again) or permanent.
  virtual Result<void> settle(std::int64_t outbound_id, const SendResult& result) noexcept = 0;
  /// A structured log line; `detail` must not carry secrets.
  virtual void log(LogLevel level, std::string_view event, std::string_view partner,
                   std::string_view detail) noexcept = 0;
  /// True once the gateway is stopping: long-running polls return early.
  virtual bool stopping() const noexcept = 0;
};

/// Whether a document type is an acknowledgement (997, 999, TA1, CONTRL): what
/// EndpointRole::Sends::acknowledgements covers. The one list host and plugins share.
inline bool is_acknowledgement(std::string_view type) noexcept {
  return type == "997" || type == "999" || type == "TA1" || type == "CONTRL";
}

/// What one opened endpoint does, within what its type can (TransportSpec::polls/sends): an HTTP
/// endpoint with method GET only polls, an SFTP endpoint without a remote outbox only polls, a
/// supplier API endpoint without a URL sends only acknowledgements (its API serves them). The host
/// polls only endpoints that poll, and picks a partner's sender among those whose role covers the
/// document (acknowledgements: is_acknowledgement).
struct EndpointRole {
  enum class Sends : std::uint8_t { nothing, acknowledgements, everything };
  bool polls = true;
  Sends sends = Sends::everything;
};

/// One partner's transport, opened from its profile.
class TransportEndpoint {
 public:
  virtual ~TransportEndpoint() = default;
  /// One receive pass (TransportSpec::polls): takes what is waiting, hands each document to
  /// host.intake, acknowledges the remote only after that. Returns how many were stored. The
  /// host never runs two polls of one endpoint at once.
  virtual Result<std::size_t> poll(TransportHost& host) noexcept = 0;
  /// One attempt to deliver `doc` (may run concurrently with poll and other sends).
  virtual SendResult send(const OutboundDocument& doc) noexcept = 0;
  virtual TransportHealth health() const noexcept = 0;
  /// The gateway stops or the profile changed: interrupt blocking work soon. No call follows.
  virtual void stop() noexcept = 0;
  /// What this endpoint does (fixed once opened). The default: everything its type can.
  virtual EndpointRole role() const noexcept { return {}; }
};

/// A running gateway-level listener.
class TransportListener {
 public:
  virtual ~TransportListener() = default;
  /// Where it listens, as bound ("127.0.0.1:4080"): port 0 in the configuration picks one.
  virtual std::string address() const noexcept = 0;
  virtual TransportHealth health() const noexcept = 0;
  /// Stops accepting, finishes the requests in flight. No call follows.
  virtual void stop() noexcept = 0;
};

class TransportPlugin : public Plugin {
 public:
  virtual TransportSpec spec() const noexcept = 0;
  /// Opens one partner's endpoint (`config` already checked against spec()). The endpoint may keep
  /// `host` until stop().
  virtual Result<std::unique_ptr<TransportEndpoint>> open(const TransportConfig& config,
                                                          TransportHost& host) noexcept = 0;
  /// Starts the listener (only for a spec with listener options). Endpoints opened before and
  /// after are the partners it serves; the plugin keeps that registry.
  virtual Result<std::unique_ptr<TransportListener>> listen(const ListenerConfig& config,
                                                            TransportHost& host) noexcept = 0;
};

}  // namespace edigate
