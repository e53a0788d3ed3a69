#pragma once
// DocumentReader for EDIFACT: tokenizer segments -> envelope events (reader.hpp), with the
// envelope rules of ISO 9735 attached to the event of the structure they concern, so a CONTRL
// can reject one message and acknowledge its neighbours.
//
// Structure: [UNA] UNB ( UNG (UNH..UNT)* UNE | (UNH..UNT)* ) UNZ, repeated. Messages without
// UNB/UNZ ("bare", Tolerance::bare_messages) get an interchange_begin and a group_begin with
// nullptr segments. A segment that implies the end of an open structure (UNB while a message
// is open, end of input, ...) closes it with a "missing trailer" error and is then read again.
#include "envelope.hpp"
#include "message_buffer.hpp"
#include "tokenizer.hpp"

#include <edigate/reader.hpp>

#include <deque>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace edigate::edifact {

class InterchangeReader final : public DocumentReader {
 public:
  InterchangeReader(InputStream& in, const ReaderOptions& options);
  Result<bool> next(Event& event) noexcept override;
  std::uint64_t offset() const noexcept override { return tokenizer_.offset(); }

 private:
  bool step();                      ///< reads one token, queues 0+ events; false on I/O error (tokenizer_.io_error())
  void on_segment(const Token& t);  ///< may set pushback_
  void on_una(const Token& t);
  void on_end();
  void begin_interchange(const RawSegment* unb);
  void begin_group(const RawSegment* ung, const RawSegment& trigger, bool mixed);
  void close_all(std::uint64_t at);
  void loose(Error e);
  void begin_message(const RawSegment& unh, const Segment& view);
  /// Counts and keeps one segment of the open message; `tag_ok`: valid_tag(split_[0]).
  void add_to_message(const RawSegment& seg, bool tag_ok);
  [[gnu::noinline]] void message_too_large(const RawSegment& seg);
  void end_message(const RawSegment* unt, const Segment* view, std::uint64_t at);
  void end_group(const RawSegment* une, std::uint64_t at, bool report_missing);
  void end_interchange(const RawSegment* unz, std::uint64_t at, bool report_missing);
  void segment_problems(const Token& t, std::string_view tag, std::vector<Error>& out);
  void push(EventKind kind, const Segment* seg, const std::vector<Error>& issues);
  Position at_offset(std::uint64_t at) const;

  ReaderOptions options_;
  Tokenizer tokenizer_;
  CheckContext cx_;
  Delimiters delims_;
  Charset charset_ = Charset::other;
  std::deque<Event> queue_;
  EnvelopeFacts facts_;         ///< of the last begin event handed out (Event::envelope points here)
  bool pushback_ = false;       ///< re-read the current token on the next step
  const Token* tok_ = nullptr;  ///< current token, owned by the tokenizer
  bool done_ = false;

  // Open structures.
  bool in_interchange_ = false, bare_ = false, in_group_ = false, group_implicit_ = false, in_message_ = false;
  bool any_real_group_ = false, any_ungrouped_ = false;
  std::string unb_ref_, ung_ref_;
  std::unordered_set<std::string> seen_interchanges_;  ///< sender|recipient|0020 of this input
  std::uint64_t groups_in_interchange_ = 0, messages_in_interchange_ = 0, messages_in_group_ = 0;
  std::uint32_t interchange_no_ = 0, group_no_ = 0, transaction_no_ = 0;
  std::optional<Error> una_error_;
  bool outside_reported_ = false;  ///< one issue per run of segments outside any message

  // Storage the events point to (valid until the next call to next()).
  OwnedSegment unb_, ung_, une_, unz_, unh_, unt_;
  std::vector<Error> interchange_issues_, interchange_end_issues_, group_issues_, group_end_issues_,
      transaction_issues_, loose_issues_;
  std::vector<Error> deferred_;  ///< interchange-level problems found between messages, reported at its end
  MessageBuffer message_;
  bool message_overflow_ = false, charset_warned_ = false;
  std::uint64_t segment_count_ = 0;
  UnhFields unh_fields_;
  std::vector<std::string_view> split_;
};

}  // namespace edigate::edifact
