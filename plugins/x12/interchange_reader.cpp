// Envelope state machine. One segment is handled per step; a step queues the events it
// completes. A segment that closes structures it does not belong to (ISA/GS/IEA while a set is
// open) is pushed back and handled again once the closing events are out, so at most one
// materialised transaction is ever pending and its arena is not reused under the caller.
#include "interchange_reader.hpp"

#include "ebcdic.hpp"
#include "envelope_checks.hpp"
#include "envelope_facts.hpp"

#include <algorithm>
#include <cctype>
#include <new>

namespace edigate::x12 {
namespace {

constexpr std::size_t kMaxIssues = 100;  // per structure: garbage input must not grow memory

// ASCII only, no locale: this runs once per segment.
bool is_tag(std::string_view t, bool& lowercase) {
  lowercase = false;
  if (t.size() < 2 || t.size() > 3) return false;
  for (char c : t) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) continue;
    if (c >= 'a' && c <= 'z') {
      lowercase = true;
      continue;
    }
    return false;
  }
  char f = t[0];
  return (f >= 'A' && f <= 'Z') || (f >= 'a' && f <= 'z');
}

Error severity(Error e, bool warning) {
  if (warning) e.severity = Severity::warning;
  return e;
}

}  // namespace

InterchangeReader::InterchangeReader(InputStream& in, const ReaderOptions& options)
    : opt_(options), tok_(in, opt_), file_(options.file.empty() ? in.name() : options.file) {}

Result<bool> InterchangeReader::next(Event& event) noexcept {
  try {
    while (queue_.empty() && !done_) {
      auto r = step();
      if (!r) return std::move(r).error();
    }
    if (queue_.empty()) return false;
    current_ = std::move(queue_.front());
    queue_.pop_front();
    event = Event{};
    event.kind = current_.kind;
    event.segment = current_.segment ? &current_.segment->segment() : nullptr;
    event.issues = current_.issues;
    event.delimiters = current_.has_delimiters ? &delims_ : nullptr;
    event.interchange = current_.interchange;
    event.group = current_.group;
    event.transaction = current_.transaction;
    if (current_.kind == EventKind::transaction) {
      event.info.set_id = current_.set_id;
      event.info.control = current_.control;
      event.info.version = current_.version;
      event.info.release = current_.release;
      event.info.segment_count = current_.segment_count;
      if (current_.materialized) event.segments = tx_segments_;
    }
    if ((current_.kind == EventKind::interchange_begin || current_.kind == EventKind::group_begin) && event.segment) {
      auto facts = envelope_facts(*event.segment, delims_);
      if (facts) {
        facts_ = std::move(*facts);
        event.envelope = &facts_;
      }
    }
    return true;
  } catch (const std::bad_alloc&) {
    Position p;
    p.file = file_;
    p.offset = tok_.offset();
    p.has_offset = true;
    return Error("x12.memory", "out of memory while reading").at(std::move(p));
  } catch (const std::exception& e) {
    return Error("x12.internal", e.what()).as(ErrorCategory::internal);
  }
}

InterchangeReader::Pending InterchangeReader::make(EventKind kind) {
  Pending p;
  p.kind = kind;
  p.interchange = interchanges_;
  p.group = level_ == Level::group || level_ == Level::transaction ? groups_ : 0;
  p.transaction = level_ == Level::transaction ? transactions_ : 0;
  p.has_delimiters = kind != EventKind::issue;
  return p;
}

void InterchangeReader::queue(Pending p) { queue_.push_back(std::move(p)); }

void InterchangeReader::add_issue(std::vector<Error>& to, Error e) {
  if (to.size() < kMaxIssues) {
    if (e.position.file.empty()) e.position.file = file_;
    to.push_back(std::move(e));
  } else if (to.size() == kMaxIssues) {
    Error more("x12.issues.truncated", "too many problems; the rest are not reported");
    more.position = e.position;
    to.push_back(std::move(more));
  }
}

std::vector<Error>& InterchangeReader::current_issues() {
  switch (level_) {
    case Level::transaction:
      return tx_issues_;
    case Level::group:
      return group_issues_;
    default:
      return interchange_issues_;
  }
}

void InterchangeReader::flush_segment_issues(std::vector<Error>& to) {
  for (auto& e : seg_issues_) add_issue(to, std::move(e));
  seg_issues_.clear();
}

Error InterchangeReader::at_segment(const RawSegment& seg, std::string_view tag, const char* code,
                                    std::string msg) const {
  Position p;
  p.file = file_;
  p.offset = seg.offset;
  p.has_offset = true;
  p.segment_index = seg.index;
  p.segment_tag = std::string(tag);
  return Error(code, std::move(msg)).at(std::move(p));
}

Result<void> InterchangeReader::step() {
  if (level_ == Level::outside) {
    Junk junk;
    EDIGATE_TRY(bool found, tok_.find_isa(junk));
    if (junk.byte_order_mark) pending_bom_ = true;
    if (junk.length) {
      Pending p = make(EventKind::issue);
      Position pos;
      pos.file = file_;
      pos.offset = junk.offset;
      pos.has_offset = true;
      bool structural = junk.sample.rfind("GS", 0) == 0 || junk.sample.rfind("ST", 0) == 0 ||
                        junk.sample.rfind("IEA", 0) == 0 || junk.sample.rfind("GE", 0) == 0;
      Error e(structural ? "x12.envelope.outside_interchange" : "x12.junk",
              std::to_string(junk.length) + (structural ? " bytes of segments outside any ISA/IEA interchange"
                                                        : " bytes of data outside any interchange skipped"));
      e.at(pos);
      e.expected = "ISA";
      e.found = junk.sample;
      bool warn = !structural && opt_.tolerance.junk_between_interchanges && (found || interchanges_ > 0);
      p.issues.push_back(severity(std::move(e), warn));
      queue(std::move(p));
    }
    if (!found) {
      if (interchanges_ == 0) {
        Pending p = make(EventKind::issue);
        Position pos;
        pos.file = file_;
        pos.offset = tok_.offset();
        pos.has_offset = true;
        p.issues.push_back(
            Error("x12.no_interchange", "no X12 interchange (ISA) found in the input").at(pos).want("ISA", ""));
        queue(std::move(p));
      }
      done_ = true;
      return {};
    }
    return begin_interchange();
  }
  RawSegment seg;
  EDIGATE_TRY(TokenStatus status, tok_.next(seg));
  if (status == TokenStatus::end) {
    RawSegment where;
    where.offset = tok_.offset();
    where.index = last_index_;
    close_all(&where);
    return {};
  }
  if (status == TokenStatus::isa) {
    RawSegment where;
    where.offset = tok_.offset();
    where.index = last_index_ + 1;
    close_all(&where);  // the ISA is handled again from the outside level
    return {};
  }
  last_index_ = seg.index;
  last_offset_ = seg.offset;
  char tag_buf[4];
  std::string_view tag = read_tag(seg.bytes, delims_.element, tag_buf);
  segment_flags(seg, tag);
  char upper[4] = {};
  bool lower = false;
  if (seg.too_long) {
    add_issue(current_issues(), at_segment(seg, tag, "x12.segment.too_long", "segment longer than the limit")
                                    .want("at most " + std::to_string(opt_.max_segment_length) + " bytes", ""));
    if (level_ == Level::transaction) ++seg_count_;
    flush_segment_issues(current_issues());
    return {};
  }
  if (seg.bytes.empty()) {
    add_issue(current_issues(), severity(at_segment(seg, "", "x12.segment.empty", "empty segment"), true));
    --last_index_;
    flush_segment_issues(current_issues());
    return {};
  }
  if (!is_tag(tag, lower)) {
    seg_issues_.push_back(at_segment(seg, tag, "x12.segment.tag", "invalid segment identifier")
                              .want("2-3 uppercase letters/digits", std::string(tag)));
  } else if (lower) {
    seg_issues_.push_back(severity(at_segment(seg, tag, "x12.segment.lowercase_tag", "lowercase segment identifier"),
                                   opt_.tolerance.lowercase_tags));
    if (opt_.tolerance.lowercase_tags) {
      for (std::size_t i = 0; i < tag.size(); ++i)
        upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(tag[i])));
      tag = std::string_view(upper, tag.size());
    }
  }
  dispatch(seg, tag);
  return {};
}

void InterchangeReader::segment_flags(const RawSegment& seg, std::string_view tag) {
  const Tolerance& tol = opt_.tolerance;
  if (seg.line_breaks && (!tol.hard_wrapped_lines || !wrap_warned_)) {
    wrap_warned_ = true;
    seg_issues_.push_back(
        severity(at_segment(seg, tag, "x12.segment.line_break", "line break inside a segment (hard-wrapped file)"),
                 tol.hard_wrapped_lines));
  }
  if (seg.indented && (!tol.trailing_spaces || !indent_warned_)) {
    indent_warned_ = true;
    seg_issues_.push_back(severity(at_segment(seg, tag, "x12.segment.indented", "spaces or tabs before the segment"),
                                   tol.trailing_spaces));
  }
  if (seg.unterminated)
    seg_issues_.push_back(
        severity(at_segment(seg, tag, "x12.segment.unterminated", "input ends without a segment terminator")
                     .want(Error::printable(delims_.segment), ""),
                 tol.missing_final_terminator));
  if (seg.bad_binary_length)
    seg_issues_.push_back(at_segment(seg, tag, "x12.bin.length", "BIN01 does not give the length of BIN02"));
  if (seg.bad_utf8) {
    Error e = at_segment(seg, tag, "x12.encoding.utf8", "invalid UTF-8 byte sequence");
    e.position.offset = seg.bad_utf8_offset;
    seg_issues_.push_back(std::move(e).want("UTF-8", ""));
  }
}

void InterchangeReader::dispatch(const RawSegment& seg, std::string_view tag) {
  const bool warn_counts = opt_.tolerance.count_mismatch_is_warning;
  switch (level_) {
    case Level::transaction:
      if (tag == "SE") {
        ++seg_count_;
        materialize(seg);
        close_transaction(&seg, &seg);
      } else if (tag == "ST" || tag == "GS" || tag == "GE" || tag == "IEA") {
        seg_issues_.clear();
        close_transaction(nullptr, &seg);
        tok_.unread();
      } else {
        ++seg_count_;
        if (tag == "HL") check_hl(seg);
        materialize(seg);
        flush_segment_issues(tx_issues_);
      }
      return;
    case Level::group:
      if (tag == "ST") {
        open_transaction(seg);
      } else if (tag == "GE") {
        close_group(&seg, &seg);
      } else if (tag == "GS" || tag == "IEA") {
        seg_issues_.clear();
        close_group(nullptr, &seg);
        tok_.unread();
      } else {
        seg_issues_.push_back(at_segment(seg, tag,
                                         tag == "SE" ? "x12.se.unexpected" : "x12.segment.outside_transaction",
                                         "segment outside a transaction set (ST..SE)"));
        flush_segment_issues(group_issues_);
      }
      return;
    case Level::orphan_set:
      if (tag == "SE") {
        level_ = Level::interchange;
      } else if (tag == "GS" || tag == "GE" || tag == "IEA") {
        level_ = Level::interchange;
        tok_.unread();
      }
      seg_issues_.clear();
      return;
    case Level::interchange:
      if (tag == "GS") {
        open_group(seg);
      } else if (tag == "IEA") {
        close_interchange(&seg, &seg);
      } else if (tag == "ST") {
        seg_issues_.push_back(
            at_segment(seg, tag, "x12.st.outside_group", "transaction set outside a functional group (GS)")
                .want("GS", "ST"));
        flush_segment_issues(interchange_issues_);
        level_ = Level::orphan_set;
      } else if (tag == "ISB" || tag == "ISE" || tag == "TA1") {
        // Interchange-level service segments: allowed between ISA and the first GS (TA1 anywhere).
        if (tag != "TA1" && saw_group_)
          seg_issues_.push_back(
              at_segment(seg, tag, "x12.segment.unexpected", "interchange service segment after a group"));
        flush_segment_issues(interchange_issues_);
      } else {
        seg_issues_.push_back(at_segment(seg, tag, tag == "GE" ? "x12.ge.unexpected" : "x12.segment.outside_group",
                                         "segment outside a functional group (GS..GE)"));
        flush_segment_issues(interchange_issues_);
      }
      (void)warn_counts;
      return;
    case Level::outside:
      return;
  }
}

Result<void> InterchangeReader::begin_interchange() {
  IsaLayout isa;
  Error err;
  std::uint64_t offset = 0, index = 0;
  EDIGATE_TRY(IsaScan r, tok_.read_isa(isa, err, offset, index));
  if (r != IsaScan::ok) {
    Pending p = make(EventKind::issue);
    err.position.file = file_;
    err.position.segment_tag = "ISA";
    p.issues.push_back(std::move(err));
    queue(std::move(p));
    tok_.skip(1);  // resynchronise at the next ISA
    return {};
  }
  ++interchanges_;
  last_index_ = index;
  last_offset_ = offset;
  delims_ = isa.delimiters;
  // Whoever answers this interchange (997, TA1) writes in the encoding it came in.
  delims_.encoding = tok_.ebcdic() ? kCp037 : "";
  tok_.set_delimiters(delims_);
  Position base;
  base.file = file_;
  base.offset = offset;
  base.has_offset = true;
  base.segment_index = index;
  base.segment_tag = "ISA";
  Pending p = make(EventKind::interchange_begin);
  p.segment =
      std::make_unique<OwnedSegment>(std::vector<std::string>(isa.fields.begin(), isa.fields.end()), offset, index);
  p.issues = validate_isa(isa, base, opt_.tolerance);
  if (pending_bom_) {
    pending_bom_ = false;
    Position b;
    b.file = file_;
    b.has_offset = true;
    p.issues.push_back(severity(Error("x12.bom", "UTF-8 byte order mark before the interchange").at(b),
                                opt_.tolerance.byte_order_mark));
  }
  isa_control_ = std::string(trim_isa_field(isa.fields[13]));
  {
    // The same interchange twice in one file (a resend appended, a copy concatenated) would
    // otherwise be acknowledged and translated twice. Keyed by sender, receiver and ISA13;
    // at most kMaxTrackedInterchanges remembered, so memory stays bounded.
    constexpr std::size_t kMaxTrackedInterchanges = 1 << 16;
    std::string key = std::string(trim_isa_field(isa.fields[5])) + '/' + std::string(trim_isa_field(isa.fields[6])) +
                      '|' + std::string(trim_isa_field(isa.fields[7])) + '/' +
                      std::string(trim_isa_field(isa.fields[8])) + '|' + isa_control_;
    bool repeated = seen_interchanges_.count(key) > 0;
    if (!repeated && seen_interchanges_.size() < kMaxTrackedInterchanges) seen_interchanges_.insert(std::move(key));
    if (repeated && !isa_control_.empty()) {
      Position at13 = base;
      at13.element = 13;
      p.issues.push_back(
          Error("x12.isa.duplicate_control", "interchange repeated in this file: same sender, receiver and ISA13")
              .at(at13)
              .want("a unique ISA13", isa_control_));
    }
  }
  group_count_ = 0;
  interchange_issues_.clear();
  wrap_warned_ = isa.line_breaks;
  indent_warned_ = false;
  saw_group_ = false;
  if (delimiters_unusable(delims_)) {
    // Segments cannot be told apart: report, then look for the next ISA.
    queue(std::move(p));
    Pending end = make(EventKind::interchange_end);
    queue(std::move(end));
    level_ = Level::outside;
    return {};
  }
  level_ = Level::interchange;
  queue(std::move(p));
  return {};
}

}  // namespace edigate::x12
