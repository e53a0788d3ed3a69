// The definitions part of a schema file (elements with their code lists, composites, segments,
// syntax rules), read into the CompiledSchema before the structure refers to them.
#include "schema/loader_detail.hpp"

#include <algorithm>

namespace edigate::schema::detail {

Result<void> Loader::read_elements(const Nodes& defs) {
  for (auto el : defs) {
    if (local_name(el) != "element") continue;
    ElementDef d;
    d.id = el.attribute("id").value();
    d.name = el.attribute("name").value();
    std::string_view type = el.attribute("type").value();
    static const std::map<std::string_view, DataType> kTypes = {
        {"AN", DataType::x12_an}, {"ID", DataType::x12_id}, {"R", DataType::x12_r}, {"N", DataType::x12_n},
        {"DT", DataType::x12_dt}, {"TM", DataType::x12_tm}, {"B", DataType::x12_b}, {"a", DataType::ed_a},
        {"n", DataType::ed_n},    {"an", DataType::ed_an}};
    if (type.size() == 2 && type[0] == 'N' && type[1] >= '0' && type[1] <= '9') {
      d.type = DataType::x12_n;
      d.implied_decimals = static_cast<std::uint8_t>(type[1] - '0');
    } else if (auto it = kTypes.find(type); it != kTypes.end()) {
      d.type = it->second;
    } else {
      return fail(el, "element " + d.id + ": unknown type \"" + std::string(type) + "\"");
    }
    d.min = max_of(el.attribute("min"), 0);
    d.max = max_of(el.attribute("max"), 1);
    if (d.min > d.max) {
      return fail(
          el, "element " + d.id + ": min " + std::to_string(d.min) + " is greater than max " + std::to_string(d.max));
    }
    d.codes_begin = static_cast<std::uint32_t>(s_->codes.size());
    for (auto c : el.children()) {
      std::string_view k = local_name(c);
      if (k == "code") s_->codes.emplace_back(c.attribute("value").value());
      if (k != "codes") continue;
      std::string_view list = c.child_value();
      for (std::size_t at = 0; at < list.size();) {
        std::size_t start = list.find_first_not_of(" \t\r\n", at);
        if (start == std::string_view::npos) break;
        std::size_t end = std::min(list.find_first_of(" \t\r\n", start), list.size());
        s_->codes.emplace_back(list.substr(start, end - start));
        at = end;
      }
    }
    d.codes_end = static_cast<std::uint32_t>(s_->codes.size());
    std::sort(s_->codes.begin() + d.codes_begin, s_->codes.end());
    d.closed_codes = d.codes_end > d.codes_begin && std::string_view(el.attribute("codes").value()) != "open";
    if (!element_ids_.emplace(d.id, static_cast<std::uint32_t>(s_->elements.size())).second) {
      return fail(el, "duplicate element id " + d.id);
    }
    s_->elements.push_back(std::move(d));
  }
  return {};
}

Result<void> Loader::read_rules(const pugi::xml_node& owner, std::size_t positions, std::uint32_t& begin,
                                std::uint32_t& end) {
  begin = static_cast<std::uint32_t>(s_->rules.size());
  for (auto r : owner.children()) {
    if (local_name(r) != "rule") continue;
    RuleDef rule;
    rule.type = r.attribute("type").value()[0];
    rule.begin = static_cast<std::uint32_t>(s_->rule_positions.size());
    std::istringstream in(r.attribute("positions").value());
    std::uint64_t p = 0;
    while (in >> p) {
      if (p == 0 || p > positions) {
        return fail(r,
                    "rule position " + std::to_string(p) + " is out of range (1.." + std::to_string(positions) + ")");
      }
      s_->rule_positions.push_back(static_cast<std::uint16_t>(p));
    }
    rule.end = static_cast<std::uint32_t>(s_->rule_positions.size());
    if (rule.end - rule.begin < 2) {
      return fail(r, "a rule needs two or more positions");
    }
    s_->rules.push_back(rule);
  }
  end = static_cast<std::uint32_t>(s_->rules.size());
  return {};
}

Result<void> Loader::read_composites(const Nodes& defs) {
  for (auto c : defs) {
    if (local_name(c) != "composite") continue;
    CompositeDef d;
    d.id = c.attribute("id").value();
    d.name = c.attribute("name").value();
    d.comp_begin = static_cast<std::uint32_t>(s_->components.size());
    for (auto comp : c.children()) {
      if (local_name(comp) != "component") continue;
      auto it = element_ids_.find(comp.attribute("ref").value());
      if (it == element_ids_.end()) {
        return fail(comp, "composite " + d.id + ": unknown element " + comp.attribute("ref").value());
      }
      s_->components.push_back({it->second, usage_of(comp.attribute("usage").value())});
    }
    d.comp_end = static_cast<std::uint32_t>(s_->components.size());
    EDIGATE_TRY_VOID(read_rules(c, d.comp_end - d.comp_begin, d.rule_begin, d.rule_end));
    if (!composite_ids_.emplace(d.id, static_cast<std::uint32_t>(s_->composites.size())).second) {
      return fail(c, "duplicate composite id " + d.id);
    }
    s_->composites.push_back(std::move(d));
  }
  return {};
}

Result<void> Loader::read_segments(const Nodes& defs) {
  for (auto seg : defs) {
    if (local_name(seg) != "segment") continue;
    SegmentDef d;
    d.id = seg.attribute("id").value();
    d.name = seg.attribute("name").value();
    d.ref_begin = static_cast<std::uint32_t>(s_->element_refs.size());
    for (auto e : seg.children()) {
      std::string_view kind = local_name(e);
      if (kind != "element" && kind != "composite") continue;
      ElementRef ref;
      ref.composite = kind == "composite";
      auto& ids = ref.composite ? composite_ids_ : element_ids_;
      auto it = ids.find(e.attribute("ref").value());
      if (it == ids.end()) {
        return fail(e, "segment " + d.id + ": unknown " + std::string(kind) + " " + e.attribute("ref").value());
      }
      ref.def = it->second;
      ref.usage = usage_of(e.attribute("usage").value());
      ref.repeat = max_of(e.attribute("repeat"), 1);
      s_->element_refs.push_back(ref);
    }
    d.ref_end = static_cast<std::uint32_t>(s_->element_refs.size());
    EDIGATE_TRY_VOID(read_rules(seg, d.ref_end - d.ref_begin, d.rule_begin, d.rule_end));
    if (!segment_ids_.emplace(d.id, static_cast<std::uint32_t>(s_->segments.size())).second) {
      return fail(seg, "duplicate segment id " + d.id);
    }
    s_->segments.push_back(std::move(d));
  }
  return {};
}

}  // namespace edigate::schema::detail
