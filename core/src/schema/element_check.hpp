#pragma once
// Element-level validation of one segment against its definition: counts, usage, repetitions,
// composites, types/lengths/codes and syntax rules.
#include "schema/byte_classes.hpp"
#include "schema/compiled_schema.hpp"
#include "schema/error_sink.hpp"

#include <edigate/delimiters.hpp>
#include <edigate/segment.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema {

/// One component of a composite value and the union of its bytes' classes.
struct ClassifiedPart {
  std::string_view value;
  std::uint8_t classes = 0;
};

/// Reusable buffers, so checking a segment allocates nothing once they have grown.
struct ElementScratch {
  std::string unescaped;
  std::vector<ClassifiedPart> components;
};

/// `classes` are the byte classes of `d` (built once per transaction by the caller).
void check_elements(const CompiledSchema& schema, const SegmentDef& def, const Segment& seg, const Delimiters& d,
                    const ByteClasses& classes, ErrorSink& sink, ElementScratch& scratch);

}  // namespace edigate::schema
