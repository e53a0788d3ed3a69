// 997 and 999 functional acknowledgements: one set per received functional group, AK2/AK5
// (IK5) per transaction set so good sets are accepted while bad ones are rejected.
#include "ack.hpp"
#include "ack_codes.hpp"
#include "ack_envelope.hpp"
#include "envelope_checks.hpp"
#include "isa.hpp"

#include <algorithm>

namespace edigate::x12 {
namespace {

constexpr std::size_t kMaxAk4PerAk3 = 99;

struct SegmentProblem {
  const Error* first = nullptr;
  std::string code;  // AK304 / IK304
  std::vector<const Error*> elements;
};

void add_unique(std::vector<std::string>& codes, std::string_view c, std::size_t max = 5) {
  if (c.empty() || codes.size() >= max) return;
  if (std::find(codes.begin(), codes.end(), c) == codes.end()) codes.emplace_back(c);
}

class FunctionalAck {
 public:
  FunctionalAck(const Delimiters& d, bool is_999, bool v5010) : d_(d), is_999_(is_999), v5010_(v5010) {}

  TransactionData build(const GroupReport& g, const std::string& control, const AckOptions& options) {
    TransactionData t;
    auto& s = t.segments;
    if (is_999_)
      s.push_back(SegmentData::of("ST", {"999", control, "005010X231A1"}));
    else if (v5010_)
      s.push_back(SegmentData::of("ST", {"997", control, "005010X230"}));
    else
      s.push_back(SegmentData::of("ST", {"997", control}));
    auto gs = [&](std::size_t el, std::size_t max) {
      return g.header ? writable(trim(g.header->value(el)), d_, max) : "";
    };
    std::string gs01 = gs(1, 2), gs06 = gs(6, 9);
    if (v5010_)
      s.push_back(SegmentData::of("AK1", {gs01, gs06, gs(8, 12)}));
    else
      s.push_back(SegmentData::of("AK1", {gs01, gs06}));

    std::uint64_t accepted = 0;
    bool any_noted = false;
    for (const auto& tr : g.transactions) {
      bool errors = has_errors(tr.issues);
      bool noted = !errors && std::any_of(tr.issues.begin(), tr.issues.end(),
                                          [](const Error& e) { return e.is_warning() && !cosmetic_warning(e); });
      if (!errors) ++accepted;
      any_noted = any_noted || noted;
      if (!errors && !noted && !options.report_accepted_sets) continue;
      set_response(s, tr, errors, noted);
    }
    // AK9: group response.
    std::uint64_t received = g.transactions.size();
    std::uint64_t included = received;
    if (g.trailer) {
      std::string ge01(trim(g.trailer->value(1)));
      if (!ge01.empty() && ge01.size() < 10 &&
          std::all_of(ge01.begin(), ge01.end(), [](char c) { return c >= '0' && c <= '9'; }))
        included = std::stoull(ge01);
    }
    std::vector<std::string> codes;
    bool group_warned = false;
    for (const auto& e : g.issues) {
      if (e.is_warning() && cosmetic_warning(e)) continue;
      group_warned = group_warned || e.is_warning();
      add_unique(codes, group_error_code(e, v5010_));
    }
    std::string status;
    if (has_errors(g.issues))
      status = "R";
    else if (received > 0 && accepted == 0)
      status = "R";
    else if (accepted < received)
      status = "P";
    else if (any_noted || group_warned)
      status = "E";
    else
      status = "A";
    std::vector<std::string> ak9 = {status, std::to_string(included), std::to_string(received),
                                    std::to_string(accepted)};
    ak9.insert(ak9.end(), codes.begin(), codes.end());
    s.push_back(SegmentData::of("AK9", ak9));
    s.push_back(SegmentData::of("SE", {std::to_string(s.size() + 1), control}));
    return t;
  }

 private:
  void set_response(std::vector<SegmentData>& s, const TransactionReport& tr, bool errors, bool noted) {
    std::vector<std::string> ak2 = {writable(tr.header.value(1), d_, 3), writable(tr.header.value(2), d_, 9)};
    if (v5010_ && !tr.header.value(3).empty()) ak2.push_back(writable(tr.header.value(3), d_, 35));
    s.push_back(SegmentData::of("AK2", ak2));
    for (const auto& p : segment_problems(tr)) {
      const Position& pos = p.first->position;
      std::uint64_t at = pos.segment_index;
      if (tr.header.index && at >= tr.header.index) at = at - tr.header.index + 1;
      s.push_back(SegmentData::of(
          is_999_ ? "IK3" : "AK3",
          {writable(pos.segment_tag, d_, 3), at ? std::to_string(at) : "", writable(pos.loop_id, d_, 6), p.code}));
      for (std::size_t i = 0; i < p.elements.size() && i < kMaxAk4PerAk3; ++i)
        s.push_back(element_note(*p.elements[i]));
    }
    std::vector<std::string> ak5 = {errors ? "R" : noted ? "E" : "A"};
    for (const auto& e : tr.issues) {
      if (errors ? e.is_warning() : cosmetic_warning(e)) continue;
      add_unique(ak5, set_error_code(e), 6);
    }
    s.push_back(SegmentData::of(is_999_ ? "IK5" : "AK5", ak5));
  }

  // AK3 groups: a segment-level code gets its own AK3; element errors of one segment share an
  // AK3 with code 8.
  std::vector<SegmentProblem> segment_problems(const TransactionReport& tr) const {
    std::vector<SegmentProblem> out;
    for (const auto& e : tr.issues) {
      if (e.is_warning() || e.position.segment_tag.empty()) continue;
      std::string_view code = segment_error_code(e);
      if (code.empty()) continue;
      bool element = !element_error_code(e).empty() && e.position.element > 0;
      if (element) {
        auto it = std::find_if(out.begin(), out.end(), [&](const SegmentProblem& p) {
          return p.code == "8" && p.first->position.segment_index == e.position.segment_index &&
                 p.first->position.segment_tag == e.position.segment_tag;
        });
        if (it != out.end()) {
          it->elements.push_back(&e);
          continue;
        }
        out.push_back(SegmentProblem{&e, "8", {&e}});
      } else {
        out.push_back(SegmentProblem{&e, std::string(code), {}});
      }
    }
    return out;
  }

  SegmentData element_note(const Error& e) const {
    const Position& p = e.position;
    SegmentData s(is_999_ ? "IK4" : "AK4");
    // C030: element position, component position, repetition position (5010).
    std::vector<std::string> c030 = {std::to_string(p.element)};
    if (p.component || (v5010_ && p.repetition > 1)) c030.push_back(p.component ? std::to_string(p.component) : "");
    if (v5010_ && p.repetition > 1) c030.push_back(std::to_string(p.repetition));
    s.elements.push_back(Element{c030});
    s.set(2, writable(p.element_ref, d_, 4));
    s.set(3, std::string(element_error_code(e)));
    std::string bad = writable(e.found, d_, 99);
    if (!bad.empty()) s.set(4, bad);
    return s;
  }

  const Delimiters& d_;
  bool is_999_, v5010_;
};

}  // namespace

Result<InterchangeData> functional_ack(const InterchangeReport& report, const AckOptions& options, bool is_999) {
  if (!report.header) return Error("x12.ack.no_isa", "cannot acknowledge an input without an ISA");
  std::string gs08 =
      !report.groups.empty() && report.groups.front().header ? report.groups.front().header->value(8) : "";
  std::string in_version = gs08.substr(0, 6);
  bool v5010 = is_999 || in_version >= "005010";
  std::string isa12 = v5010 ? "00501" : std::string(trim_isa_field(report.header->value(12)));
  if (isa12.size() != 5 || isa12.find_first_not_of("0123456789") != std::string::npos) isa12 = "00401";
  std::string ack_version = is_999  ? "005010X231A1"
                            : v5010 ? "005010X230"
                                    : (in_version.empty() ? "004010" : in_version);
  ack_version = writable(ack_version, ack_delimiters(report, v5010), 12);

  AckClock clock = ack_clock(options);
  InterchangeData out;
  out.delimiters = ack_delimiters(report, v5010);
  out.header = ack_isa(report, options, clock, out.delimiters, isa12);

  GroupData g;
  const GroupReport* first = report.groups.empty() ? nullptr : &report.groups.front();
  std::string sender = first && first->header ? writable(first->header->value(3), out.delimiters, 15) : "";
  std::string receiver = first && first->header ? writable(first->header->value(2), out.delimiters, 15) : "";
  std::string group_control =
      writable(trim(options.group_control.empty() ? std::string("1") : options.group_control), out.delimiters, 9);
  g.header = SegmentData::of("GS", {"FA", sender, receiver, clock.date, clock.time, group_control, "X", ack_version});
  FunctionalAck builder(out.delimiters, is_999, v5010);
  std::string base = options.transaction_control.empty() ? "0001" : options.transaction_control;
  std::uint64_t i = 0;
  for (const auto& group : report.groups)
    g.transactions.push_back(builder.build(group, next_control(base, i++), options));
  g.trailer = SegmentData::of("GE", {std::to_string(g.transactions.size()), group_control});
  out.groups.push_back(std::move(g));
  out.trailer = SegmentData::of("IEA", {"1", out.header->value(13)});
  return out;
}

}  // namespace edigate::x12
