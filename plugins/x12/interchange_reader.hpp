#pragma once
// The X12 DocumentReader: envelope structure (ISA/GS/ST..SE/GE/IEA), envelope rules, events.
#include "isa.hpp"
#include "segment_store.hpp"
#include "tokenizer.hpp"

#include <edigate/reader.hpp>

#include <deque>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

namespace edigate::x12 {

class InterchangeReader final : public DocumentReader {
 public:
  InterchangeReader(InputStream& in, const ReaderOptions& options);
  Result<bool> next(Event& event) noexcept override;
  std::uint64_t offset() const noexcept override { return tok_.offset(); }

 private:
  enum class Level { outside, interchange, group, transaction, orphan_set };

  EnvelopeFacts facts_;  ///< of the last begin event handed out (Event::envelope points here)

  // An event waiting to be handed out, with everything it points to.
  struct Pending {
    EventKind kind = EventKind::issue;
    std::unique_ptr<OwnedSegment> segment;
    std::vector<Error> issues;
    bool materialized = false;
    std::string set_id, control, version, release;
    std::uint64_t segment_count = 0;
    std::uint32_t interchange = 0, group = 0, transaction = 0;
    bool has_delimiters = false;
  };

  Result<void> step();
  Result<void> begin_interchange();
  void dispatch(const RawSegment& seg, std::string_view tag);
  void segment_flags(const RawSegment& seg, std::string_view tag);
  void add_issue(std::vector<Error>& to, Error e);
  std::vector<Error>& current_issues();
  void flush_segment_issues(std::vector<Error>& to);
  Error at_segment(const RawSegment& seg, std::string_view tag, const char* code, std::string msg) const;

  void open_group(const RawSegment& seg);
  void close_group(const RawSegment* ge, const RawSegment* where);
  void open_transaction(const RawSegment& seg);
  void materialize(const RawSegment& seg);
  void check_hl(const RawSegment& seg);
  void close_transaction(const RawSegment* se, const RawSegment* where);
  void close_interchange(const RawSegment* iea, const RawSegment* where);
  void close_all(const RawSegment* where);
  void queue(Pending p);
  Pending make(EventKind kind);

  ReaderOptions opt_;  // before tok_, which keeps a reference to it
  Tokenizer tok_;
  std::string file_;
  std::deque<Pending> queue_;
  Pending current_;
  Segment current_segment_view_;
  bool done_ = false;

  Level level_ = Level::outside;
  Delimiters delims_;
  bool pending_bom_ = false;
  std::uint32_t interchanges_ = 0, groups_ = 0, transactions_ = 0;
  std::uint64_t last_index_ = 0, last_offset_ = 0;

  // interchange
  std::string isa_control_;
  std::uint64_t group_count_ = 0;
  std::vector<Error> interchange_issues_;
  bool wrap_warned_ = false, indent_warned_ = false, saw_group_ = false;

  // group
  std::string gs_control_, gs_version_;
  std::uint64_t set_count_ = 0;
  std::vector<Error> group_issues_;
  std::unordered_set<std::string> controls_;
  std::unordered_set<std::string> seen_interchanges_;  ///< sender|receiver|ISA13 of this input

  // transaction
  std::unique_ptr<OwnedSegment> st_;
  std::uint64_t seg_count_ = 0;
  std::vector<Error> tx_issues_;
  bool tx_truncated_ = false;
  Arena arena_;
  std::size_t tx_bytes_ = 0;                ///< memory charged to the open transaction (bytes + bookkeeping)
  std::unordered_set<std::string> hl_ids_;  ///< HL01 values of the open set (check_hl)
  std::vector<std::string_view> tx_views_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tx_ranges_;
  std::vector<Segment> tx_segments_;

  std::vector<Error> seg_issues_;  // issues of the segment being dispatched
};

}  // namespace edigate::x12
