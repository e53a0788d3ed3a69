#pragma once
// Test helper: reads a whole input through the EDIFACT reader into owned records.
#include "interchange_reader.hpp"

#include <edigate/sdk.hpp>

#include <optional>
#include <string>
#include <vector>

namespace edigate::edifact::test {

struct Rec {
  EventKind kind;
  std::string tag;  // envelope segment tag, "" when nullptr
  std::optional<SegmentData> envelope;
  std::vector<Error> issues;
  std::string set_id, control, version, release;
  std::uint64_t segment_count = 0;
  std::vector<SegmentData> segments;  // materialised transaction
  Delimiters delimiters;
  std::uint32_t interchange = 0, group = 0, transaction = 0;
};

inline std::vector<Rec> read_all(std::string_view input, ReaderOptions opt = {}) {
  MemoryInput in(input, "t.edi");
  if (opt.file.empty()) opt.file = "t.edi";
  InterchangeReader r(in, opt);
  std::vector<Rec> out;
  Event ev;
  for (int guard = 0; guard < 1000000; ++guard) {
    auto more = r.next(ev);
    if (!more || !*more) break;
    Rec rec;
    rec.kind = ev.kind;
    if (ev.segment) {
      rec.tag = std::string(ev.segment->tag());
      rec.envelope = SegmentData::from(*ev.segment, *ev.delimiters);
    }
    rec.issues.assign(ev.issues.begin(), ev.issues.end());
    rec.set_id = ev.info.set_id;
    rec.control = ev.info.control;
    rec.version = ev.info.version;
    rec.release = ev.info.release;
    rec.segment_count = ev.info.segment_count;
    if (ev.delimiters) rec.delimiters = *ev.delimiters;
    for (const auto& s : ev.segments) rec.segments.push_back(SegmentData::from(s, *ev.delimiters));
    rec.interchange = ev.interchange;
    rec.group = ev.group;
    rec.transaction = ev.transaction;
    out.push_back(std::move(rec));
  }
  return out;
}

inline std::vector<Error> errors_of(const std::vector<Rec>& recs, bool include_warnings = false) {
  std::vector<Error> out;
  for (const auto& r : recs)
    for (const auto& e : r.issues)
      if (include_warnings || !e.is_warning()) out.push_back(e);
  return out;
}

inline const Error* find_code(const std::vector<Rec>& recs, std::string_view code) {
  for (const auto& r : recs)
    for (const auto& e : r.issues)
      if (e.code == code) return &e;
  return nullptr;
}

/// "IB GB T(ORDERS) GE IE" style summary of the event sequence.
inline std::string shape(const std::vector<Rec>& recs) {
  std::string s;
  for (const auto& r : recs) {
    if (!s.empty()) s += ' ';
    switch (r.kind) {
      case EventKind::interchange_begin:
        s += "IB";
        break;
      case EventKind::group_begin:
        s += "GB";
        break;
      case EventKind::transaction:
        s += "T(" + r.set_id + ")";
        break;
      case EventKind::group_end:
        s += "GE";
        break;
      case EventKind::interchange_end:
        s += "IE";
        break;
      case EventKind::issue:
        s += "I";
        break;
    }
    if (r.kind != EventKind::transaction && r.kind != EventKind::issue && r.tag.empty()) s += "-";
  }
  return s;
}

}  // namespace edigate::edifact::test
