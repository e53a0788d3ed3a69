#pragma once
// EDI maps with messages= (docs/maps.md, "One message per loop"): one transaction set gives one
// canonical body per match of the map's loop path (a 214 LX with a status, an IFTSTA STS group),
// each built with that loop instance as its context and with its own correlation. A map without
// messages= gives exactly one body, built from the transaction root, as translate() does.
#include "mapping/mapping.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace edigate::mapping {

struct TranslatedMessage {
  /// 0-based index of the match among all matches of the transaction set, failed ones included,
  /// so re-translating the same EDI gives the same positions (the message id's position).
  std::uint64_t position = 0;
  Poco::JSON::Object::Ptr body;        ///< null when `error` is set
  canonical::Correlation correlation;  ///< of this message only
  std::optional<Error> error;          ///< this match could not be mapped; its siblings still are
};

/// One entry per match, in document order. The Result is an error when the map is not an
/// inbound EDI map, there are no segments, or nothing matches messages=
/// (`mapping.messages.none`, at the transaction header). `context.correlation` is left empty:
/// each message carries its own.
Result<std::vector<TranslatedMessage>> translate_messages(const CompiledMap& map, const schema::CompiledSchema& schema,
                                                          std::span<const Segment> segments,
                                                          const Delimiters& delimiters, TranslateContext& context);

/// translate() for a map with messages=: the body when exactly one loop matches (its
/// correlation in `context`), else `mapping.messages.several` (use translate_messages).
Result<Poco::JSON::Object::Ptr> translate_single_message(const CompiledMap& map, const schema::CompiledSchema& schema,
                                                         std::span<const Segment> segments,
                                                         const Delimiters& delimiters, TranslateContext& context);

}  // namespace edigate::mapping
