#pragma once
// Element-level validation of one segment against its definition: counts, usage, repetitions,
// composites, types/lengths/codes and syntax rules.
#include "schema/compiled_schema.hpp"
#include "schema/error_sink.hpp"

#include <edigate/delimiters.hpp>
#include <edigate/segment.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema {

/// Reusable buffers, so checking a segment allocates nothing once they have grown.
struct ElementScratch {
  std::string unescaped;
  std::vector<std::string_view> components;
};

void check_elements(const CompiledSchema& schema, const SegmentDef& def, const Segment& seg, const Delimiters& d,
                    ErrorSink& sink, ElementScratch& scratch);

}  // namespace edigate::schema
