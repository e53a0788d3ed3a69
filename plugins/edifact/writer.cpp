#include "writer.hpp"

#include "una.hpp"

#include <algorithm>

namespace edigate::edifact {
namespace {

class Writer {
 public:
  Writer(const Delimiters& d, std::string& out) : d_(d), out_(out) {}

  Result<void> segment(const SegmentData& s, std::uint64_t index) {
    out_ += s.tag;
    for (std::size_t e = 0; e < s.elements.size(); ++e) {
      out_ += d_.element;
      const Element& el = s.elements[e];
      for (std::size_t r = 0; r < el.size(); ++r) {
        if (r) {
          if (!d_.repetition) return fail(s, index, e + 1, "a repeated element needs a repetition separator");
          out_ += d_.repetition;
        }
        for (std::size_t c = 0; c < el[r].size(); ++c) {
          if (c) out_ += d_.component;
          EDIGATE_TRY_VOID(value(el[r][c], s, index, e + 1));
        }
      }
    }
    terminate();
    return {};
  }

  void terminate() {
    out_ += d_.segment;
    out_ += d_.suffix;
  }

 private:
  bool special(char c) const {
    return c == d_.element || c == d_.component || c == d_.segment[0] || (d_.release && c == d_.release) ||
           (d_.repetition && c == d_.repetition);
  }

  Result<void> value(const std::string& v, const SegmentData& s, std::uint64_t index, std::size_t element) {
    for (char c : v) {
      if (special(c)) {
        if (!d_.release) return fail(s, index, element, "value holds a delimiter and there is no release character", v);
        out_ += d_.release;
      }
      out_ += c;
    }
    return {};
  }

  Error fail(const SegmentData& s, std::uint64_t index, std::size_t element, const char* what, std::string found = {}) {
    Position p;
    p.segment_index = index;
    p.segment_tag = s.tag;
    p.element = static_cast<std::uint32_t>(element);
    Error e("edifact.write.unescapable", what);
    e.at(std::move(p));
    e.found = std::move(found);
    return e;
  }

  const Delimiters& d_;
  std::string& out_;
};

/// Trailer value element 1/2, keeping the original text when it already says the same number
/// (leading zeros survive a round trip).
void set_count(SegmentData& t, std::uint64_t count, const std::string& reference) {
  std::string old = t.value(1);
  bool same = !old.empty() && old.size() < 19 &&
              std::all_of(old.begin(), old.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
              std::stoull(old) == count;
  if (!same) t.set(1, std::to_string(count));
  if (t.value(2) != reference) t.set(2, reference);
}

bool syntax4(const InterchangeData& doc) { return doc.header && doc.header->value(1, 2) == "4"; }

}  // namespace

Result<std::string> write_interchange(const InterchangeData& in, const WriteOptions& options) {
  const Delimiters& d = in.delimiters;
  if (d.segment.size() != 1 || d.element == d.component || d.segment[0] == d.element || d.segment[0] == d.component ||
      (d.release && (d.release == d.element || d.release == d.component || d.release == d.segment[0])))
    return Error("edifact.write.delimiters", "delimiters are not usable for EDIFACT")
        .want("distinct one-byte separators", std::string{d.element, d.component, d.release} + d.segment);

  // Counts are computed on a copy so the caller's document stays as given.
  InterchangeData doc = in;
  if (options.compute_counts) {
    std::uint64_t messages = 0, groups = 0;
    for (GroupData& g : doc.groups) {
      for (TransactionData& t : g.transactions) {
        if (t.segments.empty()) continue;
        if (t.segments.back().tag != "UNT") t.segments.push_back(SegmentData("UNT"));
        set_count(t.segments.back(), t.segments.size(), t.segments.front().value(1));
      }
      messages += g.transactions.size();
      if (g.header) {
        ++groups;
        if (!g.trailer) g.trailer = SegmentData("UNE");
        set_count(*g.trailer, g.transactions.size(), g.header->value(5));
      }
    }
    if (doc.header) {
      if (!doc.trailer) doc.trailer = SegmentData("UNZ");
      set_count(*doc.trailer, groups ? groups : messages, doc.header->value(5));
    }
  }

  std::string out;
  try {
    Delimiters def = default_delimiters(syntax4(doc));
    bool differs = d.component != def.component || d.element != def.element || d.decimal != def.decimal ||
                   d.release != def.release || d.repetition != def.repetition || d.segment != def.segment;
    if (doc.service_advice || differs) {
      out += "UNA";
      out += d.component;
      out += d.element;
      out += d.decimal;
      out += d.release ? d.release : ' ';
      out += d.repetition ? d.repetition : ' ';
      out += d.segment;
      out += d.suffix;
    }
    Writer w(d, out);
    std::uint64_t index = 0;
    auto seg = [&](const SegmentData& s) { return w.segment(s, ++index); };
    if (doc.header) EDIGATE_TRY_VOID(seg(*doc.header));
    for (const auto& s : doc.services) EDIGATE_TRY_VOID(seg(s));
    for (const GroupData& g : doc.groups) {
      if (g.header) EDIGATE_TRY_VOID(seg(*g.header));
      for (const TransactionData& t : g.transactions)
        for (const SegmentData& s : t.segments) EDIGATE_TRY_VOID(seg(s));
      if (g.trailer) EDIGATE_TRY_VOID(seg(*g.trailer));
    }
    if (doc.trailer) EDIGATE_TRY_VOID(seg(*doc.trailer));
  } catch (const std::exception& e) {
    return Error("edifact.write.memory", e.what());
  }
  return out;
}

}  // namespace edigate::edifact
