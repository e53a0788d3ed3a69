#pragma once
// Which of a partner's inbound maps for one message type a transaction goes to (docs/maps.md,
// "Several inbound maps for one message type"). A map's <selector> names paths of the
// transaction: it takes the transaction when one of its <when> paths has a match (or it has
// none) and none of its <unless> paths has one. A map without <selector> takes every
// transaction.
#include "mapping/compiled_map.hpp"

#include <edigate/delimiters.hpp>
#include <edigate/result.hpp>
#include <edigate/segment.hpp>

#include <span>
#include <string>

namespace edigate::schema {
class CompiledSchema;
}  // namespace edigate::schema

namespace edigate::mapping {

/// The first of `maps` (in the order given) whose selector takes the transaction, or -1 when
/// none does. The transaction tree is built once for all of them. Not an error when nothing
/// matches: the caller names its documents in the error it reports.
Result<int> choose_map(std::span<const CompiledMap* const> maps, const schema::CompiledSchema& schema,
                       std::span<const Segment> segments, const Delimiters& delimiters, const std::string& file);

/// The selector as written, for messages: `when RFF[1.1=PP] or BGM[3=19]`,
/// `unless RFF[1.1=PP]`; "every transaction" for a map without one.
std::string describe_selector(const CompiledMap& map);

}  // namespace edigate::mapping
