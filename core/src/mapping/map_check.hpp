#pragma once
// Load-time checks of a merged map against what it claims to read and write (docs/maps.md,
// "Load-time checks"), so a typo fails when the map loads, at file:line:col, instead of
// producing wrong data or failing every transaction later:
//  - `type` names a published canonical message type;
//  - every output field of an inbound map, and every canonical path an outbound map reads, is
//    declared by that type's JSON Schema; constants, table values and defaults written to a
//    field with an enum are among its values;
//  - a `default` is a value of what its `convert` produces (an integer for convert="integer");
//  - with the standard's schema at hand: every segment and element an EDI path names (and every
//    outbound <segment>/<element>) exists in that standard, version and set.
//  - an outbound element's `const` and `default` fit that element (outbound_literal_check.hpp).
#include "mapping/map_node.hpp"

#include <edigate/result.hpp>

namespace edigate::schema {
class CompiledSchema;
}

namespace edigate::mapping {

/// `standard`: the transaction-set schema of the map's standard/version/set, or nullptr to skip
/// the EDI checks (no schema installed for it, or the caller has no registry). `canonical`
/// false skips the canonical checks (engine tests with synthetic maps only).
Result<void> check_map(const MapNode& root, const schema::CompiledSchema* standard, bool canonical = true);

}  // namespace edigate::mapping
