#pragma once
// Compiled maps and schema overrides, loaded once per file and shared by every translation
// (maps are immutable after compilation, so one copy serves all threads). A file that fails to
// load is remembered with its error, so a broken map is reported per transaction without being
// re-read each time.
#include "mapping/mapping.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

namespace edigate::schema {
class CompiledSchema;
class Registry;
}  // namespace edigate::schema

namespace edigate::translation {

class FileCache {
 public:
  /// `maps_root` resolves map `extends` ids and paths (the --maps folder); `checks` are what
  /// every map is checked against when it loads (mapping::MapChecks: the canonical schema, and
  /// the transaction-set schemas when a registry is given).
  explicit FileCache(std::filesystem::path maps_root, mapping::MapChecks checks = {})
      : maps_root_(std::move(maps_root)), checks_(checks) {}

  /// The compiled map at `file` (errors at file:line:col, as load_map gives them).
  Result<mapping::MapPtr> map(const std::filesystem::path& file);
  /// A transaction-set schema file named by a partner's <document schema="...">.
  Result<std::shared_ptr<const schema::CompiledSchema>> schema(const std::filesystem::path& file);

  const std::filesystem::path& maps_root() const { return maps_root_; }

  /// Forgets every compiled file (and remembered failure): the next use reads the file again.
  /// Holders of a MapPtr keep theirs, so work in progress finishes on the version it started.
  void clear();

 private:
  std::filesystem::path maps_root_;
  mapping::MapChecks checks_;
  std::mutex mutex_;
  std::map<std::filesystem::path, Result<mapping::MapPtr>> maps_;
  std::map<std::filesystem::path, Result<std::shared_ptr<const schema::CompiledSchema>>> schemas_;
};

}  // namespace edigate::translation
