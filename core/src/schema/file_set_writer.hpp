#pragma once
// Writing a set of files all or nothing: `schemas import` must not leave a half library (a
// dictionary without its messages, a truncated message file) when one write fails.
#include <edigate/result.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace edigate::schema {

using FileSet = std::vector<std::pair<std::filesystem::path, std::string>>;

/// Creates the files' folders, writes every file beside its target under a temporary name,
/// then renames each into place. On a failure before the renames, the temporary files and
/// the folders this call created are removed and the Error (schema.import.write) names the
/// path. The renames themselves are each atomic; a rename failing half-way (only possible
/// when the folder changes under us) is reported, with the files already renamed named.
Result<void> write_all_or_nothing(const FileSet& files);

}  // namespace edigate::schema
