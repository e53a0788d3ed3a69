#pragma once
// Inbound translation of one file: EDI (X12, EDIFACT) or carrier JSON -> canonical messages.
//
// EDI is read with the format plugin's streaming reader, ONE transaction at a time (memory
// bounded by the largest transaction, whatever the file size). Each transaction is checked
// (envelope issues from the reader, then its schema), its partner's inbound document for the
// set is looked up, the document's map runs, and the message (envelope + body) goes to the
// sink. A transaction that fails produces positioned errors and no message; the others still
// translate. The partner is the one given, else the one claiming the interchange's sender
// identity (ISA05/06, UNB S002), looked up per interchange.
//
// JSON input (first non-blank byte '{' or '[') goes whole through the partner's JSON-source
// inbound map (one message per match of the map's messages= path).
#include "io/peek_input.hpp"
#include "partners/registry.hpp"
#include "translation/services.hpp"

#include <Poco/JSON/Object.h>

#include <edigate/reader.hpp>

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
};

struct InboundSink {
  std::function<void(const Poco::JSON::Object::Ptr&)> on_message;  ///< one canonical message
  /// One canonical message as its JSON line (canonical::to_json_line's text, no newline), for
  /// callers that only write messages out (the CLI): used when on_message is not set, it lets
  /// translation write the line without building the message's objects.
  std::function<void(std::string_view)> on_line;
  std::function<void(const Error&)> on_issue;                      ///< errors and warnings, input order
};

struct InboundSummary {
  std::uint64_t transactions = 0;  ///< transactions (or JSON documents) seen
  std::uint64_t messages = 0;      ///< messages emitted
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
  bool ok() const { return errors == 0; }
};

/// Translates `in` to the end. Content problems go to on_issue and the summary; an Error is
/// returned only when the input cannot be read (io.*) or is neither EDI nor JSON
/// (translate.format.unknown).
Result<InboundSummary> translate_inbound(const Services& services, io::PeekInput& in, const InboundOptions& options,
                                         const InboundSink& sink);

}  // namespace edigate::translation
