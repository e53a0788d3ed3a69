#pragma once
// Writing a file so that it is either absent or complete after a crash or power loss: a
// temporary name in the same folder, fsync, rename, fsync of the folder.
#include <edigate/result.hpp>

#include <filesystem>
#include <string_view>

namespace edigate::io {

/// Errors: `code`, the path, what failed and the system's reason; transient when the errno is
/// (is_transient_errno), else configuration (permissions, not a folder). The temporary name is
/// unique per call, so concurrent writers of one path never share a temporary file; should the
/// last step (the folder's fsync) fail, the file is already in place with these bytes.
Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes,
                                const std::string& code = "io.write");

/// Whether a write failing with `error_number` may work later: space (ENOSPC, EDQUOT, EFBIG: a
/// file size limit), I/O, descriptors or memory exhausted, a busy or interrupted call.
bool is_transient_errno(int error_number);

}  // namespace edigate::io
