#pragma once
// UNB and UNG headers as the SDK's EnvelopeFacts, for reader events and for sniffing a file's
// first interchange before a reader is opened.
#include <edigate/sdk.hpp>

#include <string_view>

namespace edigate::edifact {

/// Facts of a UNB or UNG segment; an Error for any other tag.
Result<EnvelopeFacts> envelope_facts(const Segment& header, const Delimiters& delimiters);

/// The first UNB in `prefix` (after an optional UNA, which sets the delimiters).
Result<EnvelopeFacts> sniff_envelope(std::string_view prefix);

}  // namespace edigate::edifact
