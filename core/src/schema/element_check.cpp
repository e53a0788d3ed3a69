#include "schema/element_check.hpp"

#include "schema/value_check.hpp"

#include <edigate/codes.hpp>

#include <algorithm>
#include <span>

namespace edigate::schema {
namespace {

/// Non-empty once separators are ignored: "::" carries no data, so a composite that is only
/// separators counts as absent for usage and syntax rules.
bool has_data(std::string_view raw, const Delimiters& d) {
  for (char c : raw)
    if (c != d.component && (d.repetition == 0 || c != d.repetition)) return true;
  return false;
}

std::string pos_name(std::string_view owner, std::uint32_t pos, bool composite) {
  std::string n(owner);
  if (composite) n += '-';
  if (pos < 10) n += '0';
  n += std::to_string(pos);
  return n;
}

std::string list_positions(const CompiledSchema& s, const RuleDef& r, std::string_view owner, bool composite,
                           std::uint32_t from) {
  std::string out;
  for (std::uint32_t i = r.begin + from; i < r.end; ++i) {
    if (!out.empty()) out += ", ";
    out += pos_name(owner, s.rule_positions[i], composite);
  }
  return out;
}

/// Applies syntax rules. present(p) and value(p) look at 1-based positions; report(p, code,
/// expected) records an error at position p.
template <typename Present, typename Value, typename Report>
void check_rules(const CompiledSchema& s, std::uint32_t begin, std::uint32_t end, std::string_view owner,
                 bool composite, Present&& present, Value&& value, Report&& report) {
  for (std::uint32_t ri = begin; ri < end; ++ri) {
    const RuleDef& r = s.rules[ri];
    std::uint32_t n_present = 0;
    for (std::uint32_t i = r.begin; i < r.end; ++i) n_present += present(s.rule_positions[i]) ? 1 : 0;
    std::uint32_t first = s.rule_positions[r.begin];
    switch (r.type) {
      case 'P':  // paired: all or none
        if (n_present > 0 && n_present < r.end - r.begin)
          for (std::uint32_t i = r.begin; i < r.end; ++i)
            if (!present(s.rule_positions[i]))
              report(s.rule_positions[i], codes::element_conditional,
                     "all or none of " + list_positions(s, r, owner, composite, 0), std::string_view{});
        break;
      case 'R':  // required: at least one
        if (n_present == 0)
          report(first, codes::element_conditional, "at least one of " + list_positions(s, r, owner, composite, 0),
                 std::string_view{});
        break;
      case 'E': {  // exclusion: at most one
        bool seen = false;
        for (std::uint32_t i = r.begin; i < r.end; ++i) {
          std::uint32_t p = s.rule_positions[i];
          if (!present(p)) continue;
          if (seen)
            report(p, codes::element_exclusion, "at most one of " + list_positions(s, r, owner, composite, 0),
                   value(p));
          seen = true;
        }
        break;
      }
      case 'C':  // conditional: if the first, then all others
        if (present(first))
          for (std::uint32_t i = r.begin + 1; i < r.end; ++i)
            if (!present(s.rule_positions[i]))
              report(s.rule_positions[i], codes::element_conditional,
                     "present when " + pos_name(owner, first, composite) + " is present", std::string_view{});
        break;
      case 'L':  // list conditional: if the first, then at least one other
        if (present(first) && n_present < 2)
          report(s.rule_positions[r.begin + 1], codes::element_conditional,
                 "at least one of " + list_positions(s, r, owner, composite, 1) + " when " +
                     pos_name(owner, first, composite) + " is present",
                 std::string_view{});
        break;
    }
  }
}

[[gnu::noinline]] void report_fault(const CompiledSchema& s, const ElementDef& def, Fault f, std::string_view value,
                                    const Segment& seg, ErrorSink& sink, std::uint32_t element, std::uint32_t component,
                                    std::uint32_t repetition) {
  sink.add(seg, fault_code(f), fault_message(def, f), fault_expected(s, def, f), value, element, component, repetition);
}

/// Whether a rule holds, from the presence bits of the positions (bit p = position p has data).
/// Only for rules with a mask; a rule that fails is then reported by check_rules.
bool rule_holds(const CompiledSchema& s, const RuleDef& r, std::uint64_t present) {
  const std::uint64_t on = present & r.mask;
  const bool first = present >> s.rule_positions[r.begin] & 1;
  switch (r.type) {
    case 'P':
      return on == 0 || on == r.mask;
    case 'R':
      return on != 0;
    case 'E':
      return (on & (on - 1)) == 0;  // at most one bit
    case 'C':
      return !first || on == r.mask;
    case 'L':
      return !first || (on & ~(std::uint64_t(1) << s.rule_positions[r.begin])) != 0;
  }
  return false;
}

// Inline and the report out of line: this runs once per element value.
[[gnu::always_inline]] inline void check_simple(const CompiledSchema& s, const ElementDef& def, std::string_view value,
                                                std::uint8_t classes, const Segment& seg, const Delimiters& d,
                                                ErrorSink& sink, ElementScratch& scratch, std::uint32_t element,
                                                std::uint32_t component, std::uint32_t repetition) {
  Fault f = check_value(s, def, value, d, scratch.unescaped, classes);
  if (f != Fault::none) [[unlikely]]
    report_fault(s, def, f, value, seg, sink, element, component, repetition);
}

/// Checks a composite's components, split and classified by the caller.
void check_composite(const CompiledSchema& s, const CompositeDef& c, std::span<const ClassifiedPart> parts,
                     const Segment& seg, const Delimiters& d, ErrorSink& sink, ElementScratch& scratch,
                     std::uint32_t element, std::uint32_t repetition) {
  std::uint32_t n_def = c.comp_end - c.comp_begin;
  for (std::uint32_t k = n_def; k < parts.size(); ++k) {
    if (parts[k].value.empty()) continue;  // trailing empty components carry nothing
    sink.add(seg, codes::element_too_many_components, "too many components in composite " + c.id,
             "at most " + std::to_string(n_def) + " components", parts[k].value, element, k + 1, repetition);
    break;
  }
  for (std::uint32_t k = 0; k < n_def; ++k) {
    const ComponentDef& comp = s.components[c.comp_begin + k];
    const ElementDef& def = s.elements[comp.element];
    const ClassifiedPart part = k < parts.size() ? parts[k] : ClassifiedPart{};
    if (part.value.empty()) {
      if (comp.usage == Usage::mandatory)
        sink.add(seg, codes::component_missing, "mandatory component " + def.id + " of " + c.id + " missing", def.id,
                 {}, element, k + 1, repetition);
      continue;
    }
    check_simple(s, def, part.value, part.classes, seg, d, sink, scratch, element, k + 1, repetition);
  }
  if (c.rule_begin == c.rule_end) return;
  check_rules(
      s, c.rule_begin, c.rule_end, c.id, true,
      [&](std::uint32_t p) { return p <= parts.size() && !parts[p - 1].value.empty(); },
      [&](std::uint32_t p) { return p <= parts.size() ? parts[p - 1].value : std::string_view{}; },
      [&](std::uint32_t p, std::string_view code, std::string expected, std::string_view found) {
        sink.add(seg, code,
                 std::string(code == codes::element_exclusion ? "component excluded by a syntax rule of "
                                                              : "component required by a syntax rule of ") +
                     c.id,
                 std::move(expected), found, element, p, repetition);
      });
}

/// Splits into scratch.components (grown, never shrunk here: no push_back per component).
[[gnu::always_inline]] inline std::span<const ClassifiedPart> split_components(std::string_view value,
                                                                               const ByteClasses& t,
                                                                               const Delimiters& d,
                                                                               ElementScratch& scratch) {
  auto& parts = scratch.components;
  std::size_t n = 0;
  // A value has at most size + 1 parts: below the storage's size (64 at least, the usual
  // value) no part needs a room check (the check per part was 2% of a full validation).
  if (parts.size() < 64) [[unlikely]]
    parts.resize(64);
  if (value.size() < parts.size()) [[likely]] {
    ClassifiedPart* out = parts.data();
    split_classified(value, t, d.component, d.release, [&](std::size_t, std::string_view p, std::uint8_t m) {
      out[n++] = {p, m};
    });
    return {parts.data(), n};
  }
  split_classified(value, t, d.component, d.release, [&](std::size_t, std::string_view p, std::uint8_t m) {
    if (n == parts.size()) [[unlikely]]
      parts.resize(2 * n + 8);
    parts[n++] = {p, m};
  });
  return {parts.data(), n};
}

}  // namespace

void check_elements(const CompiledSchema& s, const SegmentDef& def, const Segment& seg, const Delimiters& d,
                    const ByteClasses& classes, ErrorSink& sink, ElementScratch& scratch) {
  const std::uint32_t n_def = def.ref_end - def.ref_begin;
  const std::size_t n = seg.element_count();
  // Trailing empty elements ("REF*IA*1**~") carry nothing; a non-empty one beyond the
  // definition is an error.
  for (std::size_t i = n_def + 1; i <= n; ++i) {
    if (seg.element(i).empty()) continue;
    sink.add(seg, codes::element_too_many, "too many data elements in segment " + def.id,
             "at most " + std::to_string(n_def) + " elements", seg.element(i), static_cast<std::uint32_t>(i));
    break;
  }
  const std::uint32_t sent = static_cast<std::uint32_t>(std::min<std::size_t>(n, n_def));
  std::uint64_t present = 0;  // bit i: element i has data (i < 64), for the syntax rules
  for (std::uint32_t i = 1; i <= sent && !sink.full(); ++i) {
    const ElementRef& ref = s.element_refs[def.ref_begin + i - 1];
    std::string_view raw = seg.elements[i];
    // A composite and no repetition separator in use (EDIFACT syntax 3, X12 before 00402):
    // split and classify in one pass; a value without separators is one part, and all parts
    // empty is the "no data" of has_data.
    if (ref.composite && !d.repetition && ref.repeat >= 1 && !raw.empty()) {
      auto parts = split_components(raw, classes, d, scratch);
      if (std::any_of(parts.begin(), parts.end(), [](const ClassifiedPart& p) { return !p.value.empty(); })) {
        if (i < 64) present |= std::uint64_t(1) << i;
        check_composite(s, s.composites[ref.def], parts, seg, d, sink, scratch, i, 1);
        continue;
      }
    }
    const std::uint8_t m = classes.scan(raw);
    // Fast path (most values): no separator or release character inside, so no splitting and
    // the classes decide the value check.
    if (!raw.empty() && !(m & ByteClasses::kSeparator)) [[likely]] {
      if (i < 64) present |= std::uint64_t(1) << i;
      if (ref.composite) {
        const ClassifiedPart whole{raw, m};
        check_composite(s, s.composites[ref.def], {&whole, 1}, seg, d, sink, scratch, i, 1);
      } else {
        check_simple(s, s.elements[ref.def], raw, m, seg, d, sink, scratch, i, 0, 1);
      }
      continue;
    }
    if (!has_data(raw, d)) {
      if (ref.usage == Usage::mandatory) {
        const std::string& id = ref.composite ? s.composites[ref.def].id : s.elements[ref.def].id;
        sink.add(seg, codes::element_missing, "mandatory data element " + id + " missing", id, {}, i);
      }
      continue;
    }
    if (i < 64) present |= std::uint64_t(1) << i;
    auto one = [&](std::size_t rep0, std::string_view value) {
      std::uint32_t rep = static_cast<std::uint32_t>(rep0 + 1);
      if (rep > ref.repeat) {
        if (rep == ref.repeat + 1 || ref.repeat == 0)
          sink.add(seg, codes::element_too_many_repetitions, "too many repetitions of data element",
                   "at most " + std::to_string(ref.repeat) + " repetitions", value, i, 0, rep);
        return;
      }
      if (value.empty()) return;
      if (ref.composite) {
        check_composite(s, s.composites[ref.def], split_components(value, classes, d, scratch), seg, d, sink, scratch,
                        i, rep);
        return;
      }
      // A component separator inside a simple element means the sender sent a composite.
      std::size_t n_parts = split_raw(value, d.component, d.release, [](std::size_t, std::string_view) {});
      if (n_parts > 1) {
        sink.add(seg, codes::element_too_many_components,
                 "data element " + s.elements[ref.def].id + " is not a composite", "a simple value", value, i, 0, rep);
        return;
      }
      check_simple(s, s.elements[ref.def], value, classes.scan(value), seg, d, sink, scratch, i, 0, rep);
    };
    if (d.repetition)
      split_raw(raw, d.repetition, d.release, one);
    else
      one(0, raw);
  }
  // Positions the segment does not reach: only the mandatory ones matter.
  for (std::uint32_t i = sent + 1; i <= def.last_mandatory && !sink.full(); ++i) {
    const ElementRef& ref = s.element_refs[def.ref_begin + i - 1];
    if (ref.usage != Usage::mandatory) continue;
    const std::string& id = ref.composite ? s.composites[ref.def].id : s.elements[ref.def].id;
    sink.add(seg, codes::element_missing, "mandatory data element " + id + " missing", id, {}, i);
  }
  if (def.rule_begin == def.rule_end || sink.full()) return;
  // The loop above stops early only when the sink is full, so `present` covers every position
  // below 64 here. Rules that hold (nearly all) cost a mask each.
  bool all_hold = true;
  for (std::uint32_t ri = def.rule_begin; ri < def.rule_end && all_hold; ++ri)
    all_hold = s.rules[ri].mask != 0 && rule_holds(s, s.rules[ri], present);
  if (all_hold) return;
  check_rules(
      s, def.rule_begin, def.rule_end, def.id, false, [&](std::uint32_t p) { return has_data(seg.element(p), d); },
      [&](std::uint32_t p) { return seg.element(p); },
      [&](std::uint32_t p, std::string_view code, std::string expected, std::string_view found) {
        sink.add(seg, code,
                 std::string(code == codes::element_exclusion ? "data element excluded by a syntax rule"
                                                              : "data element required by a syntax rule"),
                 std::move(expected), found, p);
      });
}

}  // namespace edigate::schema
