#pragma once
// Human-readable views of schemas for `edigate schemas list|show`: aligned columns whatever the
// number of rows, structures indented by group depth, elements with status and format.
#include "schema/registry.hpp"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema {

/// One row per schema: STANDARD VERSION VARIANT SET NAME, columns as wide as their widest
/// value, then a count line.
void print_list(const std::vector<const ListedSchema*>& rows, std::ostream& out);

/// The message structure: one line per segment position or group (indented by depth) with its
/// status (M/C/O/X) and maximum repeat. `variant` ("EANCOM" or "") is named in the title.
void print_structure(const CompiledSchema& schema, std::string_view variant, std::ostream& out);

/// One segment's positions: simple elements and composites (components indented) with id,
/// name, status, format (EDIFACT an..35 / X12 AN 1/35), repeat and code list. False when the
/// schema has no such segment.
bool print_segment(const CompiledSchema& schema, std::string_view tag, std::string_view variant, std::ostream& out);

/// The segment tags a message's structure uses, each once, in the order they first appear:
/// what `schemas show` offers when asked for a segment the message does not have.
std::vector<std::string> segment_tags(const CompiledSchema& schema);

/// The trigger segment of the group `id` ("SG2" -> "NAD", "N1_2" -> "N1"); "" when no group
/// of the message has that id.
std::string group_trigger(const CompiledSchema& schema, std::string_view id);

/// "an..35", "n3", "AN 1/35", "N2 1/15": the format the standards' own tables use.
std::string format_of(const CompiledSchema& schema, std::uint32_t element);

}  // namespace edigate::schema
