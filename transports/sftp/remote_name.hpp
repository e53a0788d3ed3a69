#pragma once
// Remote names are untrusted: a partner's server decides what a listing says, and the name later
// becomes part of a local path and of log lines. Folder paths come from the partner profile.
#include <edigate/result.hpp>

#include <string>
#include <string_view>

namespace edigate::sftp {

/// A file name inside a remote folder: not empty, at most 255 bytes, no '/', no "..", no
/// control character (0x00-0x1F, 0x7F), not ".". ".." is refused anywhere in the name, not only
/// as the whole name: EDI file names never need it and a stricter rule leaves nothing to argue.
/// Errors: sftp.remote_name.refused (invalid_input), the name shown escaped.
Result<void> check_remote_name(std::string_view name, const std::string& folder);

/// A configured remote folder ("inbox", "/in/edi"): no ".." component, no control character,
/// not empty. Errors: sftp.remote_folder.invalid (configuration).
Result<void> check_remote_folder(std::string_view folder);

/// folder + '/' + name (folder "." or "" gives the bare name).
std::string join_remote(std::string_view folder, std::string_view name);

}  // namespace edigate::sftp
