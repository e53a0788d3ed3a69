#pragma once
// The engine every front end drives: loaded format plugins, installed schemas, partner profiles
// and a reloadable cache of compiled maps and schema overrides. The CLI builds one per command,
// `edigate serve` one per process (and adds the store); neither re-implements what is here.
#include "partners/registry.hpp"
#include "plugin_host/plugin_host.hpp"
#include "schema/registry.hpp"
#include "translation/file_cache.hpp"
#include "translation/services.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace edigate::runtime {

struct RuntimeOptions {
  std::vector<std::filesystem::path> plugin_dirs;  ///< empty: $EDIGATE_PLUGIN_PATH, else <exe>/../plugins
  std::vector<std::filesystem::path> schema_dirs;  ///< empty: $EDIGATE_SCHEMA_PATH, else <exe>/../share/edigate/schemas
  bool check_schemas = true;                       ///< false: envelopes only (validate --no-schema)
  std::filesystem::path partners_dir;              ///< partner profiles, one folder each
  std::filesystem::path maps_dir;                  ///< base maps; resolves map extends= ids
};

class Runtime {
 public:
  /// Loads plugins and opens the schema, partner and map stores. Plugin and profile problems
  /// that leave the rest usable are appended to `warnings`; no format plugin at all is an Error.
  static Result<std::unique_ptr<Runtime>> open(const RuntimeOptions& options, std::vector<Error>& warnings);

  plugin_host::PluginHost& plugins() { return plugins_; }
  /// Installed schemas, or null when content checks are off.
  schema::Registry* schemas() { return check_schemas_ ? schemas_.get() : nullptr; }
  partners::PartnerRegistry& partners() { return *partners_; }
  translation::FileCache& files() { return *files_; }
  translation::Services services() { return {plugins_, schemas(), *files_}; }
  const RuntimeOptions& options() const { return options_; }

  /// The profile with that id. Unknown: `partner.unknown` naming the folder, the known ids and
  /// the load problem of a profile with that name, if any.
  Result<std::shared_ptr<const partners::Profile>> partner(const std::string& id) const;

  /// Re-reads changed partner profiles and forgets compiled maps and schema overrides, so the
  /// next use compiles the files as they are now (a map edit takes effect without a restart).
  partners::RefreshReport reload();

 private:
  Runtime() = default;
  RuntimeOptions options_;
  plugin_host::PluginHost plugins_;
  std::unique_ptr<schema::Registry> schemas_;
  bool check_schemas_ = true;
  std::unique_ptr<partners::PartnerRegistry> partners_;
  std::unique_ptr<translation::FileCache> files_;
};

/// Schema folders when none is given: $EDIGATE_SCHEMA_PATH, else <exe>/../share/edigate/schemas.
std::vector<std::filesystem::path> default_schema_dirs();

}  // namespace edigate::runtime
