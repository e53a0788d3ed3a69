#pragma once
// How `edigate replay` and `edigate reprocess` print what they queued: one line per work item,
// then a count.
#include "pipeline/replay.hpp"

#include <iosfwd>

namespace edigate::cli {

void print_requeued(const pipeline::ReplayReport& report, std::ostream& out);

/// Digits only, up to 18 of them: an input number. nullopt otherwise.
std::optional<std::int64_t> input_number(const std::string& text);

}  // namespace edigate::cli
