// X12 writer. Values are never escaped (X12 has no release character): a value holding a
// delimiter cannot be written and is refused with its position.
#include "writer.hpp"

#include "ebcdic.hpp"
#include "envelope_checks.hpp"

#include <cctype>

namespace edigate::x12 {
namespace {

constexpr std::size_t kIsaWidths[17] = {0, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};

class Writer {
 public:
  Writer(const Delimiters& d, std::string& out) : d_(d), out_(out) {}

  Result<void> segment(const SegmentData& s, std::uint32_t skip_check_a = 0, std::uint32_t skip_check_b = 0) {
    ++index_;
    EDIGATE_TRY_VOID(check(s.tag, s, 0, 0, 0));
    out_ += s.tag;
    for (std::uint32_t el = 1; el <= s.elements.size(); ++el) {
      out_ += d_.element;
      const Element& e = s.elements[el - 1];
      if (e.size() > 1 && !d_.repetition)
        return fail(s, el, 0, 2, "x12.write.repetition",
                    "repeated element but the interchange has no repetition separator");
      for (std::uint32_t r = 1; r <= e.size(); ++r) {
        if (r > 1) out_ += d_.repetition;
        const auto& comps = e[r - 1];
        for (std::uint32_t c = 1; c <= comps.size(); ++c) {
          if (c > 1) out_ += d_.component;
          if (el != skip_check_a && el != skip_check_b) EDIGATE_TRY_VOID(check(comps[c - 1], s, el, c, r));
          out_ += comps[c - 1];
        }
      }
    }
    out_ += d_.segment;
    out_ += d_.suffix;
    return {};
  }

  Error error(const SegmentData& s, std::uint32_t el, std::uint32_t comp, std::uint32_t rep, const char* code,
              std::string msg) const {
    Position p;
    p.segment_index = index_;
    p.segment_tag = s.tag;
    p.element = el;
    p.component = comp;
    p.repetition = rep;
    return Error(code, std::move(msg)).at(std::move(p));
  }

 private:
  Error fail(const SegmentData& s, std::uint32_t el, std::uint32_t comp, std::uint32_t rep, const char* code,
             std::string msg) const {
    return error(s, el, comp, rep, code, std::move(msg));
  }

  Result<void> check(std::string_view v, const SegmentData& s, std::uint32_t el, std::uint32_t comp,
                     std::uint32_t rep) {
    for (char c : v) {
      if (c == d_.element || c == d_.component || (d_.repetition && c == d_.repetition) ||
          (d_.segment.size() == 1 && c == d_.segment[0]))
        return fail(s, el, comp, rep, "x12.write.delimiter_in_value", "value contains a delimiter")
            .want("no delimiter characters", std::string(v));
    }
    if (d_.segment.size() > 1 && v.find(d_.segment) != std::string_view::npos)
      return fail(s, el, comp, rep, "x12.write.delimiter_in_value", "value contains the segment terminator")
          .want("no delimiter characters", std::string(v));
    return {};
  }

  const Delimiters& d_;
  std::string& out_;
  std::uint64_t index_ = 0;
};

// Keeps a trailer value that already says the right thing (leading zeros included).
void put_count(SegmentData& s, std::size_t el, std::uint64_t n) {
  if (!equals_count(s.value(el), n)) s.set(el, std::to_string(n));
}
void set_control(SegmentData& s, std::size_t el, const std::string& v) {
  if (!same_control(s.value(el), v)) s.set(el, v);
}

Result<void> check_delimiters(const Delimiters& d) {
  auto bad = [](const char* what) { return Error("x12.write.delimiters", std::string("invalid delimiters: ") + what); };
  if (!d.encoding.empty() && d.encoding != kCp037)
    return std::move(Error("x12.write.encoding", "unknown output encoding"))
        .want("cp037 or none (ASCII/UTF-8)", d.encoding);
  if (d.segment.empty()) return bad("empty segment terminator");
  if (d.element == d.component) return bad("element separator equals component separator");
  if (d.repetition && (d.repetition == d.element || d.repetition == d.component))
    return bad("repetition separator clashes");
  if (d.segment.size() == 1 &&
      (d.segment[0] == d.element || d.segment[0] == d.component || (d.repetition && d.segment[0] == d.repetition)))
    return bad("segment terminator clashes with a separator");
  for (char c : {d.element, d.component})
    if (std::isalnum(static_cast<unsigned char>(c))) return bad("alphanumeric separator");
  return {};
}

}  // namespace

Result<std::string> write_interchange(const InterchangeData& doc, const WriteOptions& options) {
  const Delimiters& d = doc.delimiters;
  EDIGATE_TRY_VOID(check_delimiters(d));
  if (!doc.header || doc.header->tag != "ISA")
    return Error("x12.write.missing_isa", "an X12 interchange needs an ISA header");
  std::string out;
  Writer w(d, out);

  // ISA: fixed widths; ISA11 (from 00402) and ISA16 carry delimiters themselves.
  SegmentData isa = *doc.header;
  if (isa.elements.size() != 16)
    return Error("x12.write.isa", "ISA must have 16 elements").want("16", std::to_string(isa.elements.size()));
  isa.set(16, std::string(1, d.component));
  if (d.repetition) isa.set(11, std::string(1, d.repetition));
  for (std::uint32_t i = 1; i <= 16; ++i) {
    std::string v = isa.value(i);
    if (v.size() != kIsaWidths[i]) {
      Position p;
      p.segment_index = 1;
      p.segment_tag = "ISA";
      p.element = i;
      return Error("x12.write.isa_width", "ISA" + std::string(i < 10 ? "0" : "") + std::to_string(i) +
                                              " must be exactly " + std::to_string(kIsaWidths[i]) + " characters")
          .at(p)
          .want(std::to_string(kIsaWidths[i]) + " characters", v);
    }
  }
  EDIGATE_TRY_VOID(w.segment(isa, 11, 16));
  for (const auto& s : doc.services) EDIGATE_TRY_VOID(w.segment(s));

  std::uint64_t group_count = 0;
  for (const auto& g : doc.groups) {
    if (!g.header) return Error("x12.write.missing_gs", "an X12 functional group needs a GS header");
    ++group_count;
    EDIGATE_TRY_VOID(w.segment(*g.header));
    std::uint64_t set_count = 0;
    for (const auto& t : g.transactions) {
      if (t.segments.empty() || t.segments.front().tag != "ST")
        return Error("x12.write.missing_st", "a transaction set must start with ST");
      ++set_count;
      bool has_se = t.segments.size() > 1 && t.segments.back().tag == "SE";
      std::size_t body = has_se ? t.segments.size() - 1 : t.segments.size();
      for (std::size_t i = 0; i < body; ++i) EDIGATE_TRY_VOID(w.segment(t.segments[i]));
      SegmentData se = has_se ? t.segments.back() : SegmentData::of("SE", {"", ""});
      if (options.compute_counts || !has_se) {
        put_count(se, 1, body + 1);
        set_control(se, 2, t.segments.front().value(2));
      }
      EDIGATE_TRY_VOID(w.segment(se));
    }
    SegmentData ge = g.trailer ? *g.trailer : SegmentData::of("GE", {"", ""});
    if (options.compute_counts || !g.trailer) {
      put_count(ge, 1, set_count);
      set_control(ge, 2, g.header->value(6));
    }
    EDIGATE_TRY_VOID(w.segment(ge));
  }
  SegmentData iea = doc.trailer ? *doc.trailer : SegmentData::of("IEA", {"", ""});
  if (options.compute_counts || !doc.trailer) {
    put_count(iea, 1, group_count);
    set_control(iea, 2, isa.value(13));
  }
  EDIGATE_TRY_VOID(w.segment(iea));
  if (d.encoding == kCp037) encode_cp037(out);
  return out;
}

}  // namespace edigate::x12
