#pragma once
// Read an input into owned InterchangeData (one per ISA), as a host would before writing.
#include "reader_helpers.hpp"

namespace edigate::x12::test {

struct ReadBack {
  std::vector<InterchangeData> interchanges;
  std::size_t issues = 0;  // errors and warnings
};

inline ReadBack to_documents(std::string_view bytes) {
  ReadBack out;
  auto p = plugin();
  MemoryInput in(bytes, "rt.x12");
  auto reader = p->open(in, ReaderOptions{});
  if (!reader) return out;
  Event ev;
  for (;;) {
    auto more = (*reader)->next(ev);
    if (!more || !*more) break;
    out.issues += ev.issues.size();
    switch (ev.kind) {
      case EventKind::interchange_begin:
        out.interchanges.emplace_back();
        out.interchanges.back().delimiters = *ev.delimiters;
        out.interchanges.back().header = SegmentData::from(*ev.segment, *ev.delimiters);
        break;
      case EventKind::group_begin:
        out.interchanges.back().groups.emplace_back();
        out.interchanges.back().groups.back().header = SegmentData::from(*ev.segment, *ev.delimiters);
        break;
      case EventKind::transaction: {
        TransactionData t;
        for (const auto& s : ev.segments) t.segments.push_back(SegmentData::from(s, *ev.delimiters));
        out.interchanges.back().groups.back().transactions.push_back(std::move(t));
        break;
      }
      case EventKind::group_end:
        if (ev.segment) out.interchanges.back().groups.back().trailer = SegmentData::from(*ev.segment, *ev.delimiters);
        break;
      case EventKind::interchange_end:
        if (ev.segment) out.interchanges.back().trailer = SegmentData::from(*ev.segment, *ev.delimiters);
        break;
      case EventKind::issue:
        break;
    }
  }
  return out;
}

inline std::string write_documents(const ReadBack& docs, bool* ok = nullptr) {
  auto p = plugin();
  std::string out;
  if (ok) *ok = true;
  for (const auto& d : docs.interchanges) {
    auto w = p->write(d, WriteOptions{});
    if (!w) {
      if (ok) *ok = false;
      return w.error().to_string();
    }
    out += *w;
  }
  return out;
}

}  // namespace edigate::x12::test
