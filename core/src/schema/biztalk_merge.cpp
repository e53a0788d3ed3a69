// Loosest-common merges of element, composite and segment definitions (biztalk_merge.hpp).
#include "schema/biztalk_merge.hpp"

#include <algorithm>

namespace edigate::schema::biztalk {
namespace {

void add(std::string& note, const std::string& what) {
  if (!note.empty()) note += "; ";
  note += what;
}

std::uint32_t wider_max(std::uint32_t a, std::uint32_t b) {
  return a == kUnboundedOccurs || b == kUnboundedOccurs ? kUnboundedOccurs : std::max(a, b);
}

bool merge_refs(std::vector<Ref>& into, const std::vector<Ref>& other, char optional, std::string& note) {
  std::size_t common = std::min(into.size(), other.size());
  for (std::size_t i = 0; i < common; ++i) {
    Ref& a = into[i];
    const Ref& b = other[i];
    if (a.id != b.id || a.composite != b.composite) {
      note = "position " + std::to_string(i + 1) + " is " + a.id + " in one definition and " + b.id + " in another";
      return false;
    }
    if (a.usage != b.usage && a.usage == 'M') {
      a.usage = b.usage;
      add(note, "position " + std::to_string(i + 1) + " " + a.id + " optional (mandatory in one definition)");
    }
    if (a.repeat != b.repeat) {
      a.repeat = wider_max(a.repeat, b.repeat);
      add(note, "position " + std::to_string(i + 1) + " repeat widened");
    }
  }
  if (other.size() > into.size()) {
    add(note, std::to_string(other.size() - into.size()) + " trailing position(s) added as optional");
    for (std::size_t i = into.size(); i < other.size(); ++i) {
      into.push_back(other[i]);
      into.back().usage = optional;
    }
  } else if (into.size() > other.size()) {
    for (std::size_t i = other.size(); i < into.size(); ++i) {
      if (into[i].usage == 'M') into[i].usage = optional;
    }
    add(note, std::to_string(into.size() - other.size()) + " trailing position(s) absent in one definition");
  }
  return true;
}

char optional_of(const std::vector<Ref>& refs) {
  for (const auto& r : refs)
    if (r.usage == 'O' || r.usage == 'X') return 'O';
  return 'C';
}

}  // namespace

void merge_element(ElementDef& into, const ElementDef& other, std::string& note) {
  if (into.type != other.type) {
    add(note,
        "type " + into.type + " and " + other.type + ": " + (into.type == "a" || into.type == "n" ? "an" : into.type));
    if (into.type == "a" || into.type == "n") into.type = "an";
  }
  if (other.min < into.min) into.min = other.min;
  if (other.max > into.max) {
    add(note, "max length " + std::to_string(into.max) + " widened to " + std::to_string(other.max));
    into.max = other.max;
  }
  if (into.codes.empty() || other.codes.empty()) {
    if (!into.codes.empty()) add(note, "code list dropped (one use has none)");
    into.codes.clear();
    return;
  }
  if (into.codes != other.codes) {
    std::vector<std::string> merged;
    std::set_union(into.codes.begin(), into.codes.end(), other.codes.begin(), other.codes.end(),
                   std::back_inserter(merged));
    add(note, "code lists joined (" + std::to_string(into.codes.size()) + " + " + std::to_string(other.codes.size()) +
                  " -> " + std::to_string(merged.size()) + ")");
    into.codes = std::move(merged);
  }
}

bool merge_composite(CompositeDef& into, const CompositeDef& other, std::string& note) {
  if (into == other) return true;
  return merge_refs(into.components, other.components, optional_of(into.components), note);
}

bool merge_segment(SegmentDef& into, const SegmentDef& other, std::string& note) {
  if (into == other) return true;
  return merge_refs(into.refs, other.refs, optional_of(into.refs), note);
}

}  // namespace edigate::schema::biztalk
