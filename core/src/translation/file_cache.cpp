#include "translation/file_cache.hpp"

#include "schema/registry.hpp"

namespace edigate::translation {
namespace {

/// A map or schema file that does not load is our configuration, whatever input needed it.
template <typename T>
Result<T> as_configuration(Result<T> r) {
  if (r) return r;
  Error e = std::move(r).error();
  if (e.category == ErrorCategory::invalid_input) e.category = ErrorCategory::configuration;
  return e;
}

}  // namespace

Result<mapping::MapPtr> FileCache::map(const std::filesystem::path& file) {
  const auto key = file.lexically_normal();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = maps_.find(key);
  // Loading under the lock keeps it to one load per file; maps are small and load once.
  if (it == maps_.end()) it = maps_.emplace(key, as_configuration(mapping::load_map(key, maps_root_, checks_))).first;
  return it->second;
}

Result<std::shared_ptr<const schema::CompiledSchema>> FileCache::schema(const std::filesystem::path& file) {
  const auto key = file.lexically_normal();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = schemas_.find(key);
  if (it == schemas_.end()) it = schemas_.emplace(key, as_configuration(schema::load_schema(key))).first;
  return it->second;
}

void FileCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  maps_.clear();
  schemas_.clear();
}

}  // namespace edigate::translation
