#pragma once
// `edigate schemas show STANDARD VERSION SET [SEGMENT] [--variant EANCOM]` (cmd_schemas.cpp
// dispatches to it).
#include "cli/args.hpp"

#include <filesystem>
#include <iosfwd>
#include <vector>

namespace edigate::cli {

/// Prints a message's structure, or one segment's elements; on a failed lookup names the first
/// unknown word and what is installed instead. Exit 0, 1 (not found, broken file), 2 (usage).
int run_schemas_show(const Args& args, const std::vector<std::filesystem::path>& dirs, std::ostream& out,
                     std::ostream& err);

}  // namespace edigate::cli
