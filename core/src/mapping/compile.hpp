#pragma once
// MapNode tree (merged, XSD-valid) -> CompiledMap. Errors (bad path syntax, unknown table,
// inbound items in an outbound map) are positioned at the map element: file:line:col.
#include "mapping/compiled_map.hpp"
#include "mapping/map_node.hpp"

#include <edigate/result.hpp>

namespace edigate::mapping {

Result<CompiledMap> compile_map(const MapNode& root);

}  // namespace edigate::mapping
