#pragma once
// Reading a whole file into memory, with errors that name it (transient: a file being replaced
// or a read failing may work at the next attempt).
#include <edigate/result.hpp>

#include <filesystem>
#include <string>

namespace edigate::io {

/// `code`.unreadable-style errors: "<path>: cannot be opened" / "<path>: read failed".
Result<std::string> read_file(const std::filesystem::path& path, const std::string& code = "io.read");

}  // namespace edigate::io
