#pragma once
// Folder lists from environment variables in the PATH style ("/a:/b").
#include <filesystem>
#include <vector>

namespace edigate::config {

/// The non-empty entries of the colon-separated variable `name`; empty when it is unset.
std::vector<std::filesystem::path> paths_from_env(const char* name);

}  // namespace edigate::config
