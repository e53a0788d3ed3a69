// Finding schema files by convention, with a cache shared by all threads.
#include "schema/registry.hpp"

#include "schema/compiled_schema.hpp"

#include <algorithm>
#include <cctype>

namespace edigate::schema {
namespace {

// Version and set come from the input (GS08, ST01, UNH): only plain tokens become paths, so
// "../" or "/etc" can never select a file outside the schema directories.
bool safe_token(std::string_view s) {
  if (s.empty() || s.size() > 35 || s.front() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Untrusted versions would otherwise grow the negative cache without bound.
constexpr std::size_t kMaxCacheEntries = 4096;

}  // namespace

Registry::Registry(std::vector<std::filesystem::path> dirs) : dirs_(std::move(dirs)) {}

Result<std::shared_ptr<const CompiledSchema>> Registry::load_checked(const std::filesystem::path& file,
                                                                     std::string_view standard,
                                                                     std::string_view version, std::string_view set) {
  EDIGATE_TRY(auto schema, load_schema(file));
  const SchemaInfo& si = schema->info;
  if (upper(si.standard) != upper(standard) || si.version != version || si.set != set) {
    Error e("schema.file.invalid", "file declares " + si.standard + " " + si.version + " " + si.set +
                                       " but its path says " + std::string(standard) + " " +
                                       std::string(version) + " " + std::string(set));
    e.position.file = file.string();
    e.position.line = 1;
    return e;
  }
  return schema;
}

Result<std::shared_ptr<const CompiledSchema>> Registry::find(std::string_view standard, std::string_view version,
                                                             std::string_view set) {
  try {
    std::string std_upper = upper(standard);
    std::string key = std_upper + '/' + std::string(version) + '/' + std::string(set);
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (auto it = failed_.find(key); it != failed_.end()) return it->second;

    std::shared_ptr<const CompiledSchema> found;
    if (safe_token(standard) && safe_token(version) && safe_token(set)) {
      std::vector<std::string> versions{std::string(version)};
      if (std_upper == "X12" && version.size() > 6) versions.emplace_back(version.substr(0, 6));
      for (const auto& v : versions) {
        for (const auto& dir : dirs_) {
          std::filesystem::path file = dir / lower(standard) / v / (std::string(set) + ".xml");
          std::error_code ec;
          if (!std::filesystem::is_regular_file(file, ec)) continue;
          auto loaded = load_checked(file, standard, v, set);
          if (!loaded) {
            if (failed_.size() < kMaxCacheEntries) failed_.emplace(key, loaded.error());
            return std::move(loaded).error();
          }
          found = std::move(loaded).value();
          break;
        }
        if (found) break;
      }
    }
    if (found || cache_.size() < kMaxCacheEntries) cache_[key] = found;
    return found;
  } catch (const std::exception& ex) {
    return Error("schema.registry", std::string("schema lookup failed: ") + ex.what());
  }
}

std::vector<Error> Registry::check_all(std::vector<SchemaInfo>* loaded) {
  std::vector<Error> out;
  for (const auto& dir : dirs_) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".xml") files.push_back(it->path());
    }
    if (ec) {
      Error e("schema.file.unreadable", "cannot list: " + ec.message());
      e.position.file = dir.string();
      out.push_back(std::move(e));
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      // The convention is <dir>/<standard>/<version>/<set>.xml: check the file says the same.
      auto rel = f.lexically_relative(dir);
      std::vector<std::string> parts;
      for (const auto& p : rel) parts.push_back(p.string());
      Result<std::shared_ptr<const CompiledSchema>> r =
          parts.size() == 3 ? load_checked(f, parts[0], parts[1], f.stem().string()) : load_schema(f);
      if (!r) {
        out.push_back(std::move(r).error());
        continue;
      }
      if (loaded) loaded->push_back((*r)->info);
    }
  }
  return out;
}

}  // namespace edigate::schema
