#pragma once
// Load-time check of the literal values an outbound map writes into EDI elements: a `const`
// (when no convert or table rewrites it) and a `default` are written as they stand, so each
// must fit the element's type, length and closed code list in the target standard. Checked
// once when the map loads (file:line:col) instead of failing render's read-back of every
// message that uses it.
#include "mapping/map_node.hpp"

#include <edigate/result.hpp>

#include <string>

namespace edigate::schema {
class CompiledSchema;
}

namespace edigate::mapping {

/// `element` is an outbound <element pos=...> of segment `tag`, whose position the caller has
/// already checked against `standard`.
Result<void> check_outbound_literal(const MapNode& element, const std::string& tag,
                                    const schema::CompiledSchema& standard);

}  // namespace edigate::mapping
