#pragma once
// X12 serialisation of the owned document model.
#include <edigate/document.hpp>
#include <edigate/format_plugin.hpp>
#include <edigate/result.hpp>

#include <string>

namespace edigate::x12 {

/// Writes one interchange with its delimiters (terminator + suffix). With compute_counts,
/// SE01/GE01/IEA01 and SE02/GE02/IEA02 are set (a value already equal, leading zeros and all,
/// is kept, so reading then writing a well-formed file gives the same bytes). Missing
/// trailers are generated. Errors: ISA element of the wrong width, a value holding a
/// delimiter, clashing delimiters; each names the segment and element.
Result<std::string> write_interchange(const InterchangeData& doc, const WriteOptions& options);

}  // namespace edigate::x12
