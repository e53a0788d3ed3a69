#include "mapping/outbound_literal_check.hpp"

#include "mapping/path_parser.hpp"
#include "schema/compiled_schema.hpp"
#include "schema/value_check.hpp"

#include <edigate/delimiters.hpp>

namespace edigate::mapping {
namespace {

// The definition of element `element` (component `component`, 1 when the element is a
// composite named without one: render writes the value into its first component).
const schema::ElementDef* element_def(const schema::CompiledSchema& s, const std::string& tag, std::uint16_t element,
                                      std::uint16_t component) {
  std::uint32_t seg = s.find_segment(tag);
  if (seg == schema::kNone || element == 0) return nullptr;
  const schema::SegmentDef& def = s.segments[seg];
  if (element > def.ref_end - def.ref_begin) return nullptr;
  const schema::ElementRef& ref = s.element_refs[def.ref_begin + element - 1];
  if (!ref.composite) return component > 1 ? nullptr : &s.elements[ref.def];
  const schema::CompositeDef& comp = s.composites[ref.def];
  std::uint32_t k = comp.comp_begin + (component ? component : 1) - 1;
  if (k >= comp.comp_end) return nullptr;
  return &s.elements[s.components[k].element];
}

}  // namespace

Result<void> check_outbound_literal(const MapNode& n, const std::string& tag, const schema::CompiledSchema& standard) {
  ElemRef r;
  if (!parse_elem_ref(n.get("pos"), r)) return {};
  const schema::ElementDef* def = element_def(standard, tag, r.element, r.component);
  if (!def) return {};
  const bool rewritten = n.attr("convert") || n.attr("table");
  // Map values are plain text (no release characters); '.' is the decimal mark render writes.
  const Delimiters plain = Delimiters::x12_default();
  std::string scratch;
  for (const char* attr : {"const", "default"}) {
    const std::string* v = n.attr(attr);
    if (!v || v->empty() || (rewritten && std::string_view(attr) == "const")) continue;
    schema::Fault f = schema::check_value(standard, *def, *v, plain, scratch);
    if (f == schema::Fault::none) continue;
    // The element's own fault code (schema.element.invalid_code, ...) says what is wrong; the
    // position is the map's file:line:col.
    return std::move(n.error(std::string(schema::fault_code(f)),
                             std::string(attr) + "=\"" + *v + "\" does not fit " + tag + " element " + n.get("pos") +
                                 " of " + standard.info.standard + " " + standard.info.version + " " +
                                 standard.info.set + ": " + schema::fault_message(*def, f)))
        .want(schema::fault_expected(standard, *def, f), *v);
  }
  return {};
}

}  // namespace edigate::mapping
