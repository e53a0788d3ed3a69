#pragma once
// Streaming reader contract. A format plugin turns a byte stream into envelope events and
// whole transactions, one at a time, in memory bounded by the largest transaction (not the
// input). Envelope problems travel with the event they belong to, so an acknowledgement can
// accept good transactions and reject bad ones in the same group.
#include <edigate/delimiters.hpp>
#include <edigate/envelope.hpp>
#include <edigate/error.hpp>
#include <edigate/result.hpp>
#include <edigate/segment.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace edigate {

/// Leniency switches. Defaults read what real partners send and report it as a warning;
/// switching one off turns that warning into an error. Partner profiles set these.
struct Tolerance {
  bool byte_order_mark = true;             ///< skip a UTF-8 byte order mark
  bool hard_wrapped_lines = true;          ///< drop CR/LF inside segments (files wrapped at 80 columns)
  bool variable_length_isa = true;         ///< ISA fields trimmed or padded (e.g. with U+00A0): read by separators
  bool junk_between_interchanges = true;   ///< skip bytes before ISA/UNA/UNB/UNH (warning)
  bool missing_final_terminator = true;    ///< last segment without its terminator (warning)
  bool lowercase_tags = false;             ///< accept "isa", "unh" as tags (warning)
  bool trailing_spaces = true;             ///< spaces/tabs around segments (indentation) are ignored
  bool count_mismatch_is_warning = false;  ///< SE01/GE01/IEA01, UNT/UNE/UNZ counts and references
  bool bare_messages = true;               ///< EDIFACT UNH..UNT with no UNB/UNZ around it
  bool ebcdic = true;                      ///< decode an EBCDIC-encoded X12 input

  /// No leniency at all: every quirk above is an error (counts stay errors too).
  static Tolerance strict() {
    Tolerance t;
    t.byte_order_mark = t.hard_wrapped_lines = t.variable_length_isa = false;
    t.junk_between_interchanges = t.missing_final_terminator = t.trailing_spaces = false;
    t.bare_messages = t.ebcdic = false;
    return t;
  }
};

struct ReaderOptions {
  std::string file;                          ///< name put in positions ("-" for stdin)
  std::size_t chunk_size = 64 * 1024;        ///< bytes per read from the stream
  std::size_t max_segment_length = 1 << 20;  ///< a longer segment is an error, not a memory spike
  /// Bound on one materialised transaction: its bytes plus what each segment and element costs
  /// to keep, so many tiny or empty segments reach it too. Past it, segments are not kept.
  std::size_t max_transaction_bytes = 64 << 20;
  bool materialize = true;  ///< false: transaction events carry no segments (envelope checks only)
  Tolerance tolerance;
};

enum class EventKind : std::uint8_t {
  interchange_begin,  ///< segment = ISA / UNB (nullptr for bare EDIFACT messages)
  group_begin,        ///< segment = GS / UNG (nullptr for an implicit EDIFACT group)
  transaction,        ///< segments = ST..SE / UNH..UNT; info describes it
  group_end,          ///< segment = GE / UNE (nullptr when implicit or missing)
  interchange_end,    ///< segment = IEA / UNZ (nullptr when missing)
  issue,              ///< problems outside any interchange (junk, unreadable bytes)
};

struct TransactionInfo {
  std::string_view set_id;          ///< ST01 / UNH S009 0065 ("850", "ORDERS")
  std::string_view control;         ///< ST02 / UNH 0062
  std::string_view version;         ///< schema version key: "004010", "005010", "D96A", "D01B"
  std::string_view release;         ///< full version as sent: "004010VICS", "005010X222A1", "D:96A:UN:EAN008"
  std::uint64_t segment_count = 0;  ///< segments counted between header and trailer, inclusive
};

struct Event {
  EventKind kind = EventKind::issue;
  const Segment* segment = nullptr;   ///< the envelope segment of a begin/end event
  std::span<const Segment> segments;  ///< a transaction's segments, when materialised
  TransactionInfo info;               ///< for transaction events
  std::span<const Error> issues;      ///< problems (errors and warnings) of this structure
  const Delimiters* delimiters = nullptr;
  /// interchange_begin / group_begin: what the header says (null without a header segment,
  /// e.g. bare EDIFACT messages or an implicit group)
  const EnvelopeFacts* envelope = nullptr;
  std::uint32_t interchange = 0;  ///< 1-based ordinals in the input
  std::uint32_t group = 0;
  std::uint32_t transaction = 0;
};

/// Pull reader. Everything an event points to stays valid until the next call to next().
class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  /// Fills `event` and returns true, or returns false at the end of input. An Error means
  /// the input cannot be read further (I/O failure); malformed content is reported in
  /// events and reading goes on wherever the standard allows resynchronising.
  virtual Result<bool> next(Event& event) noexcept = 0;
  /// Bytes consumed so far.
  virtual std::uint64_t offset() const noexcept = 0;
};

}  // namespace edigate
