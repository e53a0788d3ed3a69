// Opening and closing envelope structures: the trailer checks (SE/GE/IEA counts and control
// numbers), missing trailers, and the events each structure produces.
#include "interchange_reader.hpp"

#include "envelope_checks.hpp"

#include <algorithm>

namespace edigate::x12 {
namespace {

Error severity(Error e, bool warning) {
  if (warning) e.severity = Severity::warning;
  return e;
}

}  // namespace

void InterchangeReader::open_group(const RawSegment& seg) {
  level_ = Level::group;
  ++groups_;
  ++group_count_;
  saw_group_ = true;
  set_count_ = 0;
  controls_.clear();
  group_issues_.clear();
  Pending p = make(EventKind::group_begin);
  p.segment = std::make_unique<OwnedSegment>(seg.bytes, delims_.element, seg.line_breaks, seg.offset, seg.index);
  const Segment& gs = p.segment->segment();
  check_gs(p.issues, file_, gs);
  gs_control_ = std::string(trim(gs.element(6)));
  gs_version_ = std::string(trim(gs.element(8)));
  flush_segment_issues(p.issues);
  queue(std::move(p));
}

void InterchangeReader::close_group(const RawSegment* ge, const RawSegment* where) {
  Pending p = make(EventKind::group_end);
  p.issues = std::move(group_issues_);
  group_issues_.clear();
  const bool warn = opt_.tolerance.count_mismatch_is_warning;
  if (ge) {
    p.segment = std::make_unique<OwnedSegment>(ge->bytes, delims_.element, ge->line_breaks, ge->offset, ge->index);
    const Segment& s = p.segment->segment();
    check_count(p.issues, file_, s, 1, set_count_, "x12.ge.count", "GE01 (number of transaction sets)", warn);
    check_control(p.issues, file_, s, 2, gs_control_, "x12.ge.control", "GE02 (group control number)", warn);
    flush_segment_issues(p.issues);
  } else {
    add_issue(p.issues,
              at_segment(*where, "", "x12.gs.missing_ge", "functional group has no GE trailer").want("GE", ""));
  }
  level_ = Level::interchange;
  queue(std::move(p));
}

void InterchangeReader::open_transaction(const RawSegment& seg) {
  level_ = Level::transaction;
  ++transactions_;
  ++set_count_;
  seg_count_ = 1;
  tx_issues_.clear();
  tx_truncated_ = false;
  arena_.reset();
  tx_bytes_ = 0;
  hl_ids_.clear();
  tx_views_.clear();
  tx_ranges_.clear();
  tx_segments_.clear();
  st_ = std::make_unique<OwnedSegment>(seg.bytes, delims_.element, seg.line_breaks, seg.offset, seg.index);
  const Segment& st = st_->segment();
  check_st(tx_issues_, file_, st);
  std::string control(trim(st.element(2)));
  // Duplicate detection remembers at most kMaxTrackedControls numbers per group, so a giant
  // group cannot grow memory without bound.
  constexpr std::size_t kMaxTrackedControls = 1 << 20;
  bool duplicate = !control.empty() && (controls_.size() < kMaxTrackedControls ? !controls_.insert(control).second
                                                                               : controls_.count(control) > 0);
  if (duplicate) {
    // Uniqueness within the group is a rule from 005010 (AK502 code 23); before, a warning.
    bool warn = gs_version_ < "005010" || opt_.tolerance.count_mismatch_is_warning;
    add_issue(tx_issues_,
              severity(Error("x12.st.duplicate_control", "transaction set control number repeated in the group")
                           .at(position_of(file_, st, 2))
                           .want("a unique ST02", control),
                       warn));
  }
  materialize(seg);
  flush_segment_issues(tx_issues_);
}

void InterchangeReader::check_hl(const RawSegment& seg) {
  // X12 hierarchies point upwards: HL02 names an HL01 seen earlier in the set. A parent that
  // is the segment itself or comes later makes a cycle or an orphan the mapper would have to
  // guess about. At most kMaxTrackedHl ids are remembered per set (bounded memory).
  constexpr std::size_t kMaxTrackedHl = 1 << 20;
  OwnedSegment hl(seg.bytes, delims_.element, seg.line_breaks, seg.offset, seg.index);
  std::string id(trim(hl.segment().element(1)));
  std::string parent(trim(hl.segment().element(2)));
  auto at = [&](std::uint32_t element) {
    Position p = position_of(file_, hl.segment(), element);
    return p;
  };
  if (!parent.empty() && (parent == id || !hl_ids_.count(parent)) && hl_ids_.size() < kMaxTrackedHl)
    seg_issues_.push_back(Error("x12.hl.parent", parent == id ? "HL02 (parent id) names the HL itself"
                                                              : "HL02 (parent id) names no earlier HL01 in the set")
                              .at(at(2))
                              .want("the HL01 of an earlier HL", parent));
  if (id.empty()) return;
  if (hl_ids_.count(id))
    seg_issues_.push_back(
        Error("x12.hl.duplicate_id", "HL01 (hierarchical id) repeated in the set").at(at(1)).want("a unique HL01", id));
  else if (hl_ids_.size() < kMaxTrackedHl)
    hl_ids_.insert(std::move(id));
}

void InterchangeReader::materialize(const RawSegment& seg) {
  if (!opt_.materialize || tx_truncated_) return;
  // The limit is on what the transaction costs in memory: besides its bytes, every segment
  // holds a range, a Segment and one view per element. Counting bytes alone let 63 MB of
  // "N9~" (21 million segments) hold 1.5 GB under a 64 MB limit.
  constexpr std::size_t kPerSegment = sizeof(Segment) + sizeof(tx_ranges_[0]);
  auto too_large = [&] {
    tx_truncated_ = true;
    // Past the issue cap too (once per set): earlier garbage must not hide why it was cut.
    Error e = at_segment(seg, "", "x12.transaction.too_large", "transaction set larger than the limit")
                  .want("at most " + std::to_string(opt_.max_transaction_bytes) + " bytes", "");
    e.position.file = file_;
    tx_issues_.push_back(std::move(e));
  };
  if (tx_bytes_ + seg.bytes.size() + kPerSegment > opt_.max_transaction_bytes) return too_large();
  char* dst = arena_.alloc(seg.bytes.size());
  auto first = static_cast<std::uint32_t>(tx_views_.size());
  auto n = static_cast<std::uint32_t>(
      split_segment(seg.bytes, delims_.element, seg.line_breaks, seg.binary, dst, tx_views_));
  tx_bytes_ += std::max<std::size_t>(seg.bytes.size(), 1) + kPerSegment + n * sizeof(std::string_view);
  if (tx_bytes_ > opt_.max_transaction_bytes) {
    tx_views_.resize(first);
    return too_large();
  }
  tx_ranges_.emplace_back(first, n);
  Segment s;
  s.offset = seg.offset;
  s.index = seg.index;
  tx_segments_.push_back(s);
}

void InterchangeReader::close_transaction(const RawSegment* se, const RawSegment* where) {
  Pending p = make(EventKind::transaction);
  const Segment& st = st_->segment();
  p.issues = std::move(tx_issues_);
  tx_issues_.clear();
  const bool warn = opt_.tolerance.count_mismatch_is_warning;
  if (se) {
    OwnedSegment owned(se->bytes, delims_.element, se->line_breaks, se->offset, se->index);
    check_count(p.issues, file_, owned.segment(), 1, seg_count_, "x12.se.count", "SE01 (number of segments)", warn);
    check_control(p.issues, file_, owned.segment(), 2, st.element(2), "x12.se.control",
                  "SE02 (transaction set control number)", warn);
    flush_segment_issues(p.issues);
  } else {
    add_issue(p.issues,
              at_segment(*where, "", "x12.st.missing_se", "transaction set has no SE trailer").want("SE", ""));
  }
  p.set_id = std::string(st.element(1));
  p.control = std::string(st.element(2));
  p.release = gs_version_;
  std::string_view st03 = st.element(3);
  std::string_view key = gs_version_;
  if (!st03.empty() && gs_version_ >= "005010") key = st03;
  p.version = std::string(key.substr(0, 6));
  p.segment_count = seg_count_;
  if (opt_.materialize) {
    for (std::size_t i = 0; i < tx_segments_.size(); ++i)
      tx_segments_[i].elements =
          std::span<const std::string_view>(tx_views_.data() + tx_ranges_[i].first, tx_ranges_[i].second);
    p.materialized = true;
  }
  level_ = Level::group;
  queue(std::move(p));
}

void InterchangeReader::close_interchange(const RawSegment* iea, const RawSegment* where) {
  Pending p = make(EventKind::interchange_end);
  p.issues = std::move(interchange_issues_);
  interchange_issues_.clear();
  const bool warn = opt_.tolerance.count_mismatch_is_warning;
  if (iea) {
    p.segment = std::make_unique<OwnedSegment>(iea->bytes, delims_.element, iea->line_breaks, iea->offset, iea->index);
    const Segment& s = p.segment->segment();
    check_count(p.issues, file_, s, 1, group_count_, "x12.iea.count", "IEA01 (number of functional groups)", warn);
    check_control(p.issues, file_, s, 2, isa_control_, "x12.iea.control", "IEA02 (interchange control number)", warn);
    flush_segment_issues(p.issues);
  } else {
    add_issue(p.issues,
              at_segment(*where, "", "x12.isa.missing_iea", "interchange has no IEA trailer").want("IEA", ""));
  }
  level_ = Level::outside;
  queue(std::move(p));
}

void InterchangeReader::close_all(const RawSegment* where) {
  seg_issues_.clear();
  if (level_ == Level::transaction) close_transaction(nullptr, where);
  if (level_ == Level::orphan_set) level_ = Level::interchange;
  if (level_ == Level::group) close_group(nullptr, where);
  if (level_ == Level::interchange) close_interchange(nullptr, where);
}

}  // namespace edigate::x12
