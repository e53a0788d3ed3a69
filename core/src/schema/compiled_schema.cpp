// The lookup indexes of a compiled schema (see compiled_schema.hpp), built once after loading.
#include "schema/compiled_schema.hpp"

#include <algorithm>

namespace edigate::schema {

void CompiledSchema::build_indexes() {
  segment_index.clear();
  for (std::uint32_t i = 0; i < segments.size(); ++i) segment_index.emplace_back(pack_tag(segments[i].id), i);
  std::sort(segment_index.begin(), segment_index.end());

  std::size_t size = 8;
  while (size < 2 * segments.size()) size *= 2;
  segment_slot_keys.assign(size, 0);
  segment_slots.assign(size, 0);
  for (const auto& [key, index] : segment_index) {
    std::size_t i = slot_of(key, size - 1);
    while (segment_slots[i] != 0) i = (i + 1) & (size - 1);
    segment_slot_keys[i] = key;
    segment_slots[i] = index + 1;
  }

  child_segments.clear();
  child_segments.reserve(children.size() + kChildSegmentPadding);
  for (std::uint32_t c : children) child_segments.push_back(nodes[c].segment);
  child_segments.insert(child_segments.end(), kChildSegmentPadding, kNone);

  code_keys.clear();
  code_keys.reserve(codes.size());
  for (const auto& c : codes) code_keys.push_back(code_key(c));

  for (RuleDef& r : rules) {
    r.mask = 0;
    bool fits = r.begin < r.end;
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      if (rule_positions[i] == 0 || rule_positions[i] > 63) fits = false;
      if (fits) r.mask |= std::uint64_t(1) << rule_positions[i];
    }
    if (!fits) r.mask = 0;
  }

  for (SegmentDef& sd : segments) {
    sd.last_mandatory = 0;
    for (std::uint32_t i = sd.ref_begin; i < sd.ref_end; ++i)
      if (element_refs[i].usage == Usage::mandatory) sd.last_mandatory = i - sd.ref_begin + 1;
  }
}

std::vector<std::string_view> codes_for_people(const CompiledSchema& schema, const ElementDef& element,
                                               std::size_t limit) {
  std::vector<std::string_view> all(schema.codes.begin() + element.codes_begin,
                                    schema.codes.begin() + element.codes_end);
  auto digits = [](std::string_view c) {
    return !c.empty() && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  // Numbers first, shorter before longer (so "2" before "10", "01" before "10"), then text.
  auto before = [&](std::string_view a, std::string_view b) {
    bool da = digits(a), db = digits(b);
    if (da != db) return da;
    if (da && a.size() != b.size()) return a.size() < b.size();
    return a < b;
  };
  std::size_t shown = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(), before);
  all.resize(shown);
  return all;
}

}  // namespace edigate::schema
