#pragma once
// Test helpers: run the X12 reader over bytes and collect what it emitted.
#include "x12_plugin.hpp"

#include <edigate/sdk.hpp>

#include <memory>
#include <string>
#include <vector>

namespace edigate::x12::test {

struct Collected {
  struct Ev {
    EventKind kind;
    std::string tag;                    // envelope segment tag, "" when none
    std::vector<SegmentData> segments;  // transaction segments (materialised)
    std::vector<Error> issues;
    std::string set_id, control, version, release;
    std::uint64_t segment_count = 0;
    std::uint64_t seg_offset = 0, seg_index = 0;
    Delimiters delimiters;
  };
  std::vector<Ev> events;
  std::vector<Error> all_issues;
  bool io_error = false;

  std::size_t count(EventKind k) const {
    std::size_t n = 0;
    for (const auto& e : events) n += e.kind == k;
    return n;
  }
  const Error* find(const std::string& code) const {
    for (const auto& e : all_issues)
      if (e.code == code) return &e;
    return nullptr;
  }
  std::size_t errors() const {
    std::size_t n = 0;
    for (const auto& e : all_issues) n += !e.is_warning();
    return n;
  }
};

inline std::unique_ptr<FormatPlugin> plugin() {
  return std::unique_ptr<FormatPlugin>(static_cast<FormatPlugin*>(create_plugin()));
}

inline Collected read_all(std::string_view bytes, ReaderOptions opt = {}) {
  Collected out;
  auto p = plugin();
  MemoryInput in(bytes, "t.x12");
  if (opt.file.empty()) opt.file = "t.x12";
  auto reader = p->open(in, opt);
  if (!reader) {
    out.io_error = true;
    return out;
  }
  Event ev;
  for (;;) {
    auto more = (*reader)->next(ev);
    if (!more) {
      out.io_error = true;
      break;
    }
    if (!*more) break;
    Collected::Ev e;
    e.kind = ev.kind;
    if (ev.delimiters) e.delimiters = *ev.delimiters;
    if (ev.segment) {
      e.tag = std::string(ev.segment->tag());
      e.seg_offset = ev.segment->offset;
      e.seg_index = ev.segment->index;
    }
    for (const auto& s : ev.segments) e.segments.push_back(SegmentData::from(s, *ev.delimiters));
    e.issues.assign(ev.issues.begin(), ev.issues.end());
    out.all_issues.insert(out.all_issues.end(), ev.issues.begin(), ev.issues.end());
    e.set_id = std::string(ev.info.set_id);
    e.control = std::string(ev.info.control);
    e.version = std::string(ev.info.version);
    e.release = std::string(ev.info.release);
    e.segment_count = ev.info.segment_count;
    out.events.push_back(std::move(e));
  }
  return out;
}

}  // namespace edigate::x12::test
