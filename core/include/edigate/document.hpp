#pragma once
// The owned, generic EDI document model: what writers take and what tests build by hand.
// Values are unescaped; a writer escapes them for the delimiters it is given.
#include <edigate/delimiters.hpp>
#include <edigate/segment.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edigate {

/// element -> repetitions -> components. A simple value is {{"value"}}; an empty element is {}.
using Element = std::vector<std::vector<std::string>>;

struct SegmentData {
  std::string tag;
  std::vector<Element> elements;  ///< elements[0] is element 1
  std::uint64_t offset = 0;       ///< where it was read from, when it was read
  std::uint64_t index = 0;

  SegmentData() = default;
  explicit SegmentData(std::string t) : tag(std::move(t)) {}
  /// Simple elements from plain strings: SegmentData::of("BEG", {"00", "SA", "PO1"}).
  static SegmentData of(std::string t, const std::vector<std::string>& simple) {
    SegmentData s(std::move(t));
    for (const auto& v : simple) s.elements.push_back(v.empty() ? Element{} : Element{{v}});
    return s;
  }
  /// Owned, unescaped copy of a reader segment.
  static SegmentData from(const Segment& seg, const Delimiters& d) {
    SegmentData s(std::string(seg.tag()));
    s.offset = seg.offset;
    s.index = seg.index;
    for (std::size_t i = 1; i < seg.elements.size(); ++i) {
      Element e;
      std::string_view raw = seg.elements[i];
      if (!raw.empty()) {
        auto add_rep = [&](std::size_t, std::string_view rep) {
          std::vector<std::string> comps;
          split_raw(rep, d.component, d.release,
                    [&](std::size_t, std::string_view c) { comps.push_back(unescape(c, d.release)); });
          e.push_back(std::move(comps));
        };
        if (d.repetition)
          split_raw(raw, d.repetition, d.release, add_rep);
        else
          add_rep(0, raw);
      }
      s.elements.push_back(std::move(e));
    }
    return s;
  }
  /// Value of element el (1-based), component comp, repetition rep; "" when absent.
  std::string value(std::size_t el, std::size_t comp = 1, std::size_t rep = 1) const {
    if (el == 0 || el > elements.size()) return {};
    const Element& e = elements[el - 1];
    if (rep == 0 || rep > e.size()) return {};
    if (comp == 0 || comp > e[rep - 1].size()) return {};
    return e[rep - 1][comp - 1];
  }
  void set(std::size_t el, std::string v) {
    if (elements.size() < el) elements.resize(el);
    elements[el - 1] = v.empty() ? Element{} : Element{{std::move(v)}};
  }
};

/// header (ST/UNH) .. trailer (SE/UNT) inclusive.
struct TransactionData {
  std::vector<SegmentData> segments;
};

/// A functional group (GS/GE, UNG/UNE). For EDIFACT messages sent without UNG, header and
/// trailer are empty and the group is implicit.
struct GroupData {
  std::optional<SegmentData> header;
  std::vector<TransactionData> transactions;
  std::optional<SegmentData> trailer;
};

struct InterchangeData {
  Delimiters delimiters;
  bool service_advice = false;        ///< EDIFACT: write a UNA
  std::optional<SegmentData> header;  ///< ISA / UNB; empty for bare EDIFACT messages
  std::vector<SegmentData> services;  ///< ISB, ISE ... between the header and the first group
  std::vector<GroupData> groups;
  std::optional<SegmentData> trailer;  ///< IEA / UNZ
};

}  // namespace edigate
