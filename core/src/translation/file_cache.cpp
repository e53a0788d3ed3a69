#include "translation/file_cache.hpp"

#include "schema/registry.hpp"

namespace edigate::translation {

Result<mapping::MapPtr> FileCache::map(const std::filesystem::path& file) {
  const auto key = file.lexically_normal();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = maps_.find(key);
  // Loading under the lock keeps it to one load per file; maps are small and load once.
  if (it == maps_.end()) it = maps_.emplace(key, mapping::load_map(key, maps_root_, checks_)).first;
  return it->second;
}

Result<std::shared_ptr<const schema::CompiledSchema>> FileCache::schema(const std::filesystem::path& file) {
  const auto key = file.lexically_normal();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = schemas_.find(key);
  if (it == schemas_.end()) it = schemas_.emplace(key, schema::load_schema(key)).first;
  return it->second;
}

}  // namespace edigate::translation
