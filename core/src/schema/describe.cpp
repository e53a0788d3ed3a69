// Printing schemas for people (describe.hpp).
#include "schema/describe.hpp"

#include "schema/compiled_schema.hpp"

#include <algorithm>
#include <ostream>

namespace edigate::schema {
namespace {

char usage_letter(Usage u) {
  switch (u) {
    case Usage::mandatory:
      return 'M';
    case Usage::conditional:
      return 'C';
    case Usage::relational:
      return 'X';
    default:
      return 'O';
  }
}

std::string repeat_text(std::uint32_t max) { return max == kUnbounded ? ">1" : std::to_string(max); }

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

struct Row {
  std::vector<std::string> cells;
};

void print_rows(const std::vector<Row>& rows, std::ostream& out) {
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r.cells[i].size());
    }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      bool last = i + 1 == r.cells.size();
      line += last ? r.cells[i] : pad(r.cells[i], width[i] + 2);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

void structure_rows(const CompiledSchema& s, std::uint32_t loop, int depth, std::vector<Row>& rows) {
  const Node& l = s.nodes[loop];
  for (std::uint32_t k = l.child_begin; k < l.child_end; ++k) {
    const Node& n = s.nodes[s.children[k]];
    std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    if (n.loop) {
      rows.push_back({{indent + n.id, std::string(1, usage_letter(n.usage)), repeat_text(n.max),
                       "group: " + s.segments[n.segment].id + " ..."}});
      structure_rows(s, s.children[k], depth + 1, rows);
    } else {
      const SegmentDef& d = s.segments[n.segment];
      rows.push_back({{indent + d.id, std::string(1, usage_letter(n.usage)), repeat_text(n.max), d.name}});
    }
  }
}

std::string codes_text(const CompiledSchema& s, const ElementDef& e) {
  if (e.codes_begin == e.codes_end) return "";
  std::string out = e.closed_codes ? "codes: " : "codes (open): ";
  constexpr std::uint32_t kShown = 12;
  auto shown = codes_for_people(s, e, kShown);
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i) out += ' ';
    out += shown[i];
  }
  std::uint32_t n = e.codes_end - e.codes_begin;
  if (n > kShown) out += " ... (" + std::to_string(n) + " codes)";
  return out;
}

}  // namespace

std::string format_of(const CompiledSchema& s, std::uint32_t element) {
  const ElementDef& e = s.elements[element];
  auto range = [&](std::string type) {
    return e.min == e.max ? type + std::to_string(e.max) : type + ".." + std::to_string(e.max);
  };
  switch (e.type) {
    case DataType::ed_a:
      return range("a");
    case DataType::ed_n:
      return range("n");
    case DataType::ed_an:
      return range("an");
    default:
      break;
  }
  static const char* const kX12[] = {"AN", "ID", "N", "R", "DT", "TM", "B"};
  std::string type = kX12[static_cast<int>(e.type)];
  if (e.type == DataType::x12_n) type += std::to_string(e.implied_decimals);
  return type + " " + std::to_string(e.min) + "/" + std::to_string(e.max);
}

void print_list(const std::vector<const ListedSchema*>& rows, std::ostream& out) {
  std::vector<Row> table;
  table.push_back({{"STANDARD", "VERSION", "VARIANT", "SET", "NAME"}});
  for (const auto* s : rows)
    table.push_back({{s->standard, s->version, s->variant.empty() ? "-" : s->variant, s->set, s->name}});
  print_rows(table, out);
  out << rows.size() << " schema(s)\n";
}

namespace {

std::string title(const CompiledSchema& s, std::string_view variant) {
  std::string t = s.info.standard + " " + s.info.version + " " + s.info.set;
  if (!variant.empty()) t += ", " + std::string(variant) + " subset";
  return t;
}

}  // namespace

void print_structure(const CompiledSchema& s, std::string_view variant, std::ostream& out) {
  out << title(s, variant) << ": " << s.info.name << "\n"
      << "file: " << s.info.file << (s.info.dictionary.empty() ? " (hand-checked)" : " (generated)") << "\n\n";
  std::vector<Row> rows;
  rows.push_back({{"TAG", "S", "MAX", "NAME"}});
  structure_rows(s, 0, 0, rows);
  print_rows(rows, out);
  // The letters each standard uses: X12 has no C, EDIFACT no O or X.
  const bool x12 = s.info.standard == "X12";
  out << (x12 ? "\nS: M mandatory, O optional, X relational (syntax notes)." : "\nS: M mandatory, C conditional.")
      << " MAX: >1 unbounded. edigate schemas show " << s.info.standard << " " << s.info.version << " " << s.info.set
      << " SEGMENT" << (variant.empty() ? "" : " --variant " + std::string(variant))
      << " lists a segment's elements.\n";
}

std::vector<std::string> segment_tags(const CompiledSchema& s) {
  std::vector<std::string> tags;
  for (const Node& n : s.nodes) {
    if (n.loop) continue;
    const std::string& id = s.segments[n.segment].id;
    if (std::find(tags.begin(), tags.end(), id) == tags.end()) tags.push_back(id);
  }
  return tags;
}

std::string group_trigger(const CompiledSchema& s, std::string_view id) {
  for (const Node& n : s.nodes)
    if (n.loop && n.id == id && n.segment != kNone) return s.segments[n.segment].id;
  return "";
}

bool print_segment(const CompiledSchema& s, std::string_view tag, std::string_view variant, std::ostream& out) {
  std::uint32_t def = s.find_segment(tag);
  if (def == kNone) return false;
  const SegmentDef& seg = s.segments[def];
  out << seg.id << ": " << seg.name << " (" << title(s, variant) << ")\n\n";
  std::vector<Row> rows;
  rows.push_back({{"POS", "ID", "NAME", "S", "FORMAT", "REPEAT", "CODES"}});
  for (std::uint32_t i = seg.ref_begin; i < seg.ref_end; ++i) {
    const ElementRef& r = s.element_refs[i];
    std::string pos = (i - seg.ref_begin + 1 < 10 ? "0" : "") + std::to_string(i - seg.ref_begin + 1);
    std::string rep = r.repeat == 1 ? "" : repeat_text(r.repeat);
    if (!r.composite) {
      const ElementDef& e = s.elements[r.def];
      rows.push_back(
          {{pos, e.id, e.name, std::string(1, usage_letter(r.usage)), format_of(s, r.def), rep, codes_text(s, e)}});
      continue;
    }
    const CompositeDef& c = s.composites[r.def];
    rows.push_back({{pos, c.id, c.name, std::string(1, usage_letter(r.usage)), "", rep, ""}});
    for (std::uint32_t k = c.comp_begin; k < c.comp_end; ++k) {
      const ComponentDef& comp = s.components[k];
      const ElementDef& e = s.elements[comp.element];
      rows.push_back({{"  " + pos + "." + std::to_string(k - c.comp_begin + 1), e.id, e.name,
                       std::string(1, usage_letter(comp.usage)), format_of(s, comp.element), "", codes_text(s, e)}});
    }
  }
  print_rows(rows, out);
  return true;
}

}  // namespace edigate::schema
