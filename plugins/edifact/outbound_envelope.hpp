#pragma once
// UNB and UNG headers for what the gateway sends: the SDK's OutboundEnvelope in EDIFACT's
// interchange header (syntax UNOC:3) and, when the receiver uses them, functional groups.
#include <edigate/sdk.hpp>

#include <string>
#include <vector>

namespace edigate::edifact {

/// UNB (date YYMMDD:HHMM; 0035 = 1 for test) and one UNG per group with a non-empty key (its
/// message type; version and release from the group's first UNH).
Result<void> add_envelope(InterchangeData& doc, const std::vector<std::string>& group_keys,
                          const OutboundEnvelope& env);

}  // namespace edigate::edifact
