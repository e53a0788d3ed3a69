#pragma once
// ISA and GS headers as the SDK's EnvelopeFacts, for reader events and for sniffing a file's
// first interchange before a reader is opened.
#include <edigate/sdk.hpp>

#include <string_view>

namespace edigate::x12 {

/// Facts of an ISA or GS segment; an Error for any other tag.
Result<EnvelopeFacts> envelope_facts(const Segment& header, const Delimiters& delimiters);

/// The first ISA in `prefix` (ASCII or EBCDIC), after a BOM and blank space.
Result<EnvelopeFacts> sniff_envelope(std::string_view prefix);

}  // namespace edigate::x12
