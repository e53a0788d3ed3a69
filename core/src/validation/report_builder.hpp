#pragma once
// Collects reader events into the InterchangeReport shape acknowledgements are made from, one
// interchange at a time, for the inbound pass (translation/edi_inbound.cpp).
#include <edigate/reader.hpp>
#include <edigate/report.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace edigate::validation {

// Collects reader events into the report shape acknowledgements need.
class ReportBuilder {
 public:
  explicit ReportBuilder(const std::string& file) : file_(file) {}

  void begin_interchange(const Event& ev) {
    report_.emplace();
    report_->file = file_;
    if (ev.delimiters) report_->delimiters = *ev.delimiters;
    if (ev.segment && ev.delimiters) report_->header = SegmentData::from(*ev.segment, *ev.delimiters);
    append(report_->issues, ev.issues);
  }
  void begin_group(const Event& ev) {
    if (!report_) return;
    GroupReport g;
    if (ev.segment && ev.delimiters) g.header = SegmentData::from(*ev.segment, *ev.delimiters);
    append(g.issues, ev.issues);
    report_->groups.push_back(std::move(g));
  }
  void transaction(const Event& ev, const std::vector<Error>& issues) {
    if (!report_) return;
    if (report_->groups.empty()) report_->groups.emplace_back();  // sets outside a group
    TransactionReport t;
    const Delimiters& d = ev.delimiters ? *ev.delimiters : report_->delimiters;
    if (!ev.segments.empty()) {
      t.header = SegmentData::from(ev.segments.front(), d);
      if (ev.segments.size() > 1) t.trailer = SegmentData::from(ev.segments.back(), d);
    } else {
      t.header = SegmentData(std::string(ev.info.set_id));
    }
    t.version = std::string(ev.info.version);
    t.segment_count = ev.info.segment_count;
    t.issues = issues;
    report_->groups.back().transactions.push_back(std::move(t));
  }
  void mark_schema_checked() {
    if (report_ && !report_->groups.empty() && !report_->groups.back().transactions.empty())
      report_->groups.back().transactions.back().schema_checked = true;
  }
  void end_group(const Event& ev) {
    if (!report_) return;
    if (report_->groups.empty()) report_->groups.emplace_back();
    auto& g = report_->groups.back();
    if (ev.segment && ev.delimiters) g.trailer = SegmentData::from(*ev.segment, *ev.delimiters);
    append(g.issues, ev.issues);
  }
  std::optional<InterchangeReport> end_interchange(const Event& ev) {
    if (!report_) return std::nullopt;
    if (ev.segment && ev.delimiters) report_->trailer = SegmentData::from(*ev.segment, *ev.delimiters);
    append(report_->issues, ev.issues);
    auto out = std::move(report_);
    report_.reset();
    return out;
  }

 private:
  static void append(std::vector<Error>& to, std::span<const Error> from) {
    to.insert(to.end(), from.begin(), from.end());
  }
  std::string file_;
  std::optional<InterchangeReport> report_;
};

}  // namespace edigate::validation
