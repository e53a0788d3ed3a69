#pragma once
// Writing a file so that it is either absent or complete after a crash or power loss: a
// temporary name in the same folder, fsync, rename, fsync of the folder.
#include <edigate/result.hpp>

#include <filesystem>
#include <string_view>

namespace edigate::io {

/// Errors: `code` with the path and the system's reason; a full disk or an I/O error is
/// transient, anything else (permissions, not a folder) configuration.
Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes,
                                const std::string& code = "io.write");

}  // namespace edigate::io
