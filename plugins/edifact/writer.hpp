#pragma once
// Serialises an InterchangeData with its own delimiters: UNA when asked for or when the
// delimiters are not the defaults, release-character escaping, terminator + suffix after each
// segment, and (WriteOptions::compute_counts) UNT/UNE/UNZ counts and references.
#include <edigate/document.hpp>
#include <edigate/format_plugin.hpp>
#include <edigate/result.hpp>

#include <string>

namespace edigate::edifact {

/// Errors: `edifact.write.delimiters` (unusable delimiters), `edifact.write.unescapable` (a value
/// holds a delimiter and there is no release character; the position names the segment/element).
Result<std::string> write_interchange(const InterchangeData& doc, const WriteOptions& options);

}  // namespace edigate::edifact
