#include "config/search_path.hpp"

#include <cstdlib>
#include <sstream>
#include <string>

namespace edigate::config {

std::vector<std::filesystem::path> paths_from_env(const char* name) {
  std::vector<std::filesystem::path> dirs;
  const char* env = std::getenv(name);
  if (!env) return dirs;
  std::stringstream ss(env);
  std::string part;
  while (std::getline(ss, part, ':'))
    if (!part.empty()) dirs.emplace_back(part);
  return dirs;
}

}  // namespace edigate::config
