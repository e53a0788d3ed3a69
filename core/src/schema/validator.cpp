// Segment order, loops and usage: a cursor walks the compiled structure with X12 loop semantics
// (the same for EDIFACT segment groups).
//
// The cursor is a stack of open loops; each frame remembers the child it is at and how often
// that child has occurred in the current repetition. A segment is looked for from the current
// child onwards in the innermost loop, then in each enclosing loop: a match further on advances
// (mandatory children passed over are missing), a match on the current child repeats it, a
// match in an enclosing loop closes the inner ones, and a loop's trigger opens a new
// repetition. A segment found nowhere is reported and skipped without moving the cursor, so
// one stray segment costs one error, not a cascade.
#include "schema/compiled_schema.hpp"
#include "schema/element_check.hpp"
#include "schema/error_sink.hpp"

#include <edigate/codes.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace edigate::schema {
namespace {

struct Frame {
  std::uint32_t node;   ///< the loop (node 0 = the transaction)
  std::uint32_t pos;    ///< current child, 0-based within the loop
  std::uint32_t count;  ///< occurrences of that child in this repetition
};

/// The first i in [from, n) with children[i] == def, else n. Four entries at a time (the scan
/// one by one was a third of the walker's instructions on EDIFACT line items, whose groups have
/// 20-40 children); it may read the kChildSegmentPadding entries after the last child.
inline std::uint32_t find_child(const std::uint32_t* children, std::uint32_t from, std::uint32_t n,
                                std::uint32_t def) noexcept {
#if defined(__SSE2__)
  const __m128i want = _mm_set1_epi32(static_cast<int>(def));
  for (std::uint32_t i = from; i < n; i += 4) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(children + i));
    const unsigned hits = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(v, want))));
    if (hits) {
      const std::uint32_t at = i + static_cast<std::uint32_t>(__builtin_ctz(hits));
      return at < n ? at : n;
    }
  }
  return n;
#else
  while (from < n && children[from] != def) ++from;
  return from;
#endif
}

class Walker {
 public:
  /// `stack` is reused storage (per thread), cleared here.
  Walker(const CompiledSchema& s, ErrorSink& sink, std::vector<Frame>& stack) : s_(s), sink_(sink), stack_(stack) {
    stack_.clear();
    stack_.reserve(s.max_depth + 1);
    stack_.push_back({0, 0, 0});
  }

  /// Places a segment; false when it cannot occur here (reported).
  bool place(const Segment& seg, std::uint32_t def) {
    for (std::size_t k = stack_.size(); k-- > 0;) {
      const Frame& f = stack_[k];
      const Node& loop = s_.nodes[f.node];
      std::uint32_t n = loop.child_end - loop.child_begin;
      std::uint32_t full = kNone;  // the current position, when it already has its maximum
      const std::uint32_t* child_segments = s_.child_segments.data() + loop.child_begin;
      // An open loop's trigger starts a new repetition: that is the parent frame's match.
      for (std::uint32_t i = find_child(child_segments, k > 0 && f.pos == 0 ? 1 : f.pos, n, def); i < n;
           i = find_child(child_segments, i + 1, n, def)) {
        const Node& c = s_.nodes[s_.children[loop.child_begin + i]];
        // A position at its maximum yields to a later one with the same tag: EDIFACT messages
        // with a detail section have UNS twice (UNS+D, then UNS+S), both M 1.
        if (i == f.pos && f.count >= c.max && full == kNone) {
          full = i;
          continue;
        }
        while (stack_.size() > k + 1) close_top(seg);
        advance(k, i, seg);
        return true;
      }
      if (full != kNone) {
        while (stack_.size() > k + 1) close_top(seg);
        advance(k, full, seg);
        return true;
      }
    }
    sink_.add(seg, codes::segment_unexpected, "segment " + s_.segments[def].id + " is not expected here", {},
              seg.tag());
    return false;
  }

  /// End of the transaction: whatever mandatory part is still missing is reported at `last`.
  void finish(const Segment& last) {
    while (!stack_.empty()) close_top(last);
  }

 private:
  void advance(std::size_t k, std::uint32_t i, const Segment& seg) {
    Frame& f = stack_[k];
    std::uint32_t child = s_.children[s_.nodes[f.node].child_begin + i];
    const Node& c = s_.nodes[child];
    if (i == f.pos) {
      ++f.count;
      if (f.count > c.max) [[unlikely]]
        report_too_many(c, seg, f.count);
    } else {
      report_missing(f, f.count ? f.pos + 1 : f.pos, i, seg);
      f.pos = i;
      f.count = 1;
    }
    if (c.loop) stack_.push_back({child, 0, 1});
  }

  // `found` says which repetition went over ("RFF, the 11th"): the tag alone repeats the
  // position and does not tell an analyst how far over the limit the document is.
  [[gnu::noinline]] void report_too_many(const Node& c, const Segment& seg, std::uint32_t count) {
    const std::string found = std::string(seg.tag()) + ", the " + ordinal(count);
    if (c.loop)
      sink_.add(seg, codes::loop_too_many, "loop " + c.id + " exceeds its maximum repeats",
                "at most " + std::to_string(c.max) + " repetitions", found);
    else
      sink_.add(seg, codes::segment_too_many, "segment " + s_.segments[c.segment].id + " exceeds its maximum use",
                "at most " + std::to_string(c.max) + (c.max == 1 ? " use" : " uses"), found);
  }

  static std::string ordinal(std::uint32_t n) {
    const std::uint32_t last = n % 10, last2 = n % 100;
    const char* suffix = (last2 >= 11 && last2 <= 13) ? "th"
                         : last == 1                  ? "st"
                         : last == 2                  ? "nd"
                         : last == 3                  ? "rd"
                                                      : "th";
    return std::to_string(n) + suffix;
  }

  void close_top(const Segment& seg) {
    const Frame& f = stack_.back();
    const Node& loop = s_.nodes[f.node];
    report_missing(f, f.count ? f.pos + 1 : f.pos, loop.child_end - loop.child_begin, seg);
    stack_.pop_back();
  }

  /// Reports the mandatory children of f's loop in [from, to). Inline for the usual answer,
  /// none (next_mandatory says so in one load); the reporting is out of line.
  void report_missing(const Frame& f, std::uint32_t from, std::uint32_t to, const Segment& seg) {
    if (from >= to) return;
    const Node& loop = s_.nodes[f.node];
    const std::uint32_t first = s_.next_mandatory[loop.child_begin + from];
    if (first >= to || first >= loop.child_end - loop.child_begin) return;
    report_missing_from(f, first, to, seg);
  }

  [[gnu::noinline]] void report_missing_from(const Frame& f, std::uint32_t from, std::uint32_t to, const Segment& seg) {
    const Node& loop = s_.nodes[f.node];
    std::uint32_t n = loop.child_end - loop.child_begin;
    for (std::uint32_t i = from; i < to; ++i) {
      i = s_.next_mandatory[loop.child_begin + i];
      if (i >= to || i >= n) break;
      const Node& c = s_.nodes[s_.children[loop.child_begin + i]];
      const std::string& id = s_.segments[c.segment].id;
      std::string msg =
          c.loop ? "mandatory loop " + c.id + " (" + id + ") missing" : "mandatory segment " + id + " missing";
      // The position names the missing segment (what 997 AK3 and CONTRL UCS report); found says
      // which segment stands where it was expected.
      sink_.add(seg, codes::segment_missing, std::move(msg), id, seg.tag(), 0, 0, 0, id);
    }
  }

  const CompiledSchema& s_;
  ErrorSink& sink_;
  std::vector<Frame>& stack_;
};

// Acknowledgements quote the data element reference number (AK402/IK402, UCD): derived once
// per error from the segment definition rather than threaded through every check.
void name_element_refs(const CompiledSchema& s, std::span<Error> errors) {
  for (Error& e : errors) {
    const Position& p = e.position;
    if (!p.element || !p.element_ref.empty()) continue;
    std::uint32_t def = s.find_segment(p.segment_tag);
    if (def == kNone) continue;
    const SegmentDef& sd = s.segments[def];
    if (p.element > sd.ref_end - sd.ref_begin) continue;
    const ElementRef& ref = s.element_refs[sd.ref_begin + p.element - 1];
    if (!ref.composite) {
      e.position.element_ref = s.elements[ref.def].id;
      continue;
    }
    const CompositeDef& c = s.composites[ref.def];
    if (p.component && p.component <= c.comp_end - c.comp_begin)
      e.position.element_ref = s.elements[s.components[c.comp_begin + p.component - 1].element].id;
    else
      e.position.element_ref = c.id;
  }
}

/// The byte classes of an interchange's delimiters, rebuilt only when they change (building
/// the table for every transaction cost more than looking up its segments).
const ByteClasses& classes_for(const Delimiters& d) {
  struct Cache {
    char component = 0, repetition = 0, release = 0;
    bool built = false;
    ByteClasses classes{Delimiters{}};
  };
  thread_local Cache cache;
  if (!cache.built || cache.component != d.component || cache.repetition != d.repetition ||
      cache.release != d.release) {
    cache.classes = ByteClasses(d);
    cache.component = d.component;
    cache.repetition = d.repetition;
    cache.release = d.release;
    cache.built = true;
  }
  return cache.classes;
}

}  // namespace

void validate(const CompiledSchema& schema, std::span<const Segment> segments, const Delimiters& delimiters,
              const std::string& file, std::vector<Error>& out) {
  if (segments.empty()) return;
  const std::size_t first_new = out.size();
  try {
    ErrorSink sink(file, out);
    thread_local std::vector<Frame> stack;
    Walker walker(schema, sink, stack);
    // Per thread and reused, so a transaction allocates nothing once the buffers have grown;
    // trimmed when one odd value (thousands of components) made them large.
    thread_local ElementScratch scratch;
    if (scratch.components.capacity() > 1024) scratch.components = {};
    if (scratch.unescaped.capacity() > 64 * 1024) scratch.unescaped = {};
    const ByteClasses& classes = classes_for(delimiters);
    for (const Segment& seg : segments) {
      if (sink.full()) return;
      std::uint32_t def = schema.find_segment(seg.tag());
      if (def == kNone) {
        sink.add(seg, codes::segment_unrecognized, "unrecognized segment id", {}, seg.tag());
        continue;
      }
      const SegmentDef& sd = schema.segments[def];
      if (!sd.placed) {
        sink.add(seg, codes::segment_not_in_set, "segment " + sd.id + " is not used in this transaction set", {},
                 seg.tag());
        continue;
      }
      if (!walker.place(seg, def)) continue;
      check_elements(schema, sd, seg, delimiters, classes, sink, scratch);
    }
    if (!sink.full()) walker.finish(segments.back());
    name_element_refs(schema, std::span<Error>(out).subspan(first_new));
  } catch (const std::exception& ex) {
    // Only allocation can throw here; report rather than let it escape into the pipeline.
    out.emplace_back("schema.internal", std::string("validation aborted: ") + ex.what());
  }
}

}  // namespace edigate::schema
