#pragma once
// The one inbound pass: EDI (X12, EDIFACT) or carrier JSON in; validation verdicts,
// acknowledgement reports and canonical messages out. `validate`, `ack`, `translate`,
// `partners check` and the gateway service all read input through it, so they cannot disagree
// about what a partner sent.
//
// EDI is read with the format plugin's streaming reader, ONE transaction at a time (memory
// bounded by the largest transaction, whatever the file size). Each interchange is routed by
// its envelope facts (the plugin's EnvelopeFacts: sender and receiver) to a partner, whose
// tolerance the reader uses (sniffed from the first header before reading). Each transaction is
// validated once (reader issues, then its schema: the partner's override or the installed one);
// that verdict goes into the interchange's acknowledgement report, and, when translating, a
// valid transaction runs through the partner's inbound map to a canonical message. A
// transaction that fails produces positioned errors and no message; the others still go on.
//
// JSON input (first non-blank byte '{' or '[') goes whole through the partner's JSON-source
// inbound map (one message per match of the map's messages= path).
#include "io/peek_input.hpp"
#include "partners/registry.hpp"
#include "translation/services.hpp"

#include <Poco/JSON/Object.h>

#include <edigate/format_plugin.hpp>
#include <edigate/reader.hpp>
#include <edigate/report.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace edigate::translation {

/// Largest JSON document accepted (carrier API responses are kilobytes).
inline constexpr std::size_t kMaxJsonInput = 64u << 20;

struct InboundOptions {
  std::string file;  ///< name in positions and in source.file ("-" for stdin)
  /// The sending partner; null: route each interchange by its sender identity in `registry`.
  std::shared_ptr<const partners::Profile> partner;
  std::shared_ptr<const partners::RegistrySnapshot> registry;
  /// Reader options when no partner is known; with a partner its tolerance replaces
  /// reader.tolerance (unless `strict`), the other fields stay.
  ReaderOptions reader;
  bool strict = false;
  std::string standard;  ///< "X12"/"EDIFACT" to skip detection; empty: detect
  /// When the partner declares no inbound document for a set, use the base map
  /// base/<x12|edifact>/<version>/<SET>.inbound.xml if it exists (round-trip checks).
  bool base_map_fallback = false;
  /// false: validate (and report for acknowledgements) only; no maps run, and an interchange
  /// no profile claims is read with the default tolerance without complaint.
  bool translate = true;
};

struct InboundSink {
  std::function<void(const Poco::JSON::Object::Ptr&)> on_message;  ///< one canonical message
  /// One canonical message as its JSON line (canonical::to_json_line's text, no newline), for
  /// callers that only write messages out (the CLI): used when on_message is not set, it lets
  /// translation write the line without building the message's objects.
  std::function<void(std::string_view)> on_line;
  std::function<void(const Error&)> on_issue;  ///< errors and warnings, input order
  /// When set, each interchange's acknowledgement report when it ends, with the partner it was
  /// routed to (null when none) and the format plugin that read it (which acknowledges and
  /// writes). Not called for an interchange refused by routing (its receiver is not ours): the
  /// gateway does not answer for somebody else.
  std::function<void(InterchangeReport&&, const std::shared_ptr<const partners::Profile>&, FormatPlugin&)>
      on_interchange;
  /// When set, each interchange's envelope facts once it is routed (before its transactions),
  /// with the partner it was routed to (null when none). Messages and the on_interchange call
  /// that follow belong to it until the next call.
  std::function<void(const EnvelopeFacts&, const std::shared_ptr<const partners::Profile>&)> on_interchange_begin;
};

struct InboundSummary {
  std::string standard;     ///< the format plugin's ("X12", "EDIFACT"), or "json"
  std::uint64_t bytes = 0;  ///< EDI bytes read
  std::uint64_t interchanges = 0;
  std::uint64_t groups = 0;
  std::uint64_t segments = 0;
  std::uint64_t transactions = 0;           ///< transactions (or JSON documents) seen
  std::uint64_t transactions_rejected = 0;  ///< with an error in their validation verdict
  std::uint64_t messages = 0;               ///< messages emitted
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
  std::array<std::uint64_t, 4> errors_by_category{};  ///< indexed by ErrorCategory
  bool ok() const { return errors == 0; }
  std::uint64_t errors_of(ErrorCategory c) const { return errors_by_category[static_cast<std::size_t>(c)]; }
};

/// Whether input starting with `head` is JSON (first non-blank byte after an optional UTF-8 BOM
/// is '{' or '['): the pass's own test for carrier JSON versus EDI.
bool looks_like_json(std::string_view head);

/// Translates `in` to the end. Content problems go to on_issue and the summary; an Error is
/// returned only when the input cannot be read (io.*) or is neither EDI nor JSON
/// (translate.format.unknown).
Result<InboundSummary> translate_inbound(const Services& services, io::PeekInput& in, const InboundOptions& options,
                                         const InboundSink& sink);

}  // namespace edigate::translation
