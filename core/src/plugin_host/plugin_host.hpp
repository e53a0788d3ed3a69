#pragma once
// Finds plugin shared libraries, checks their SDK ABI before touching any C++ object in them,
// and keeps each library loaded for as long as any object it made is alive.
#include <edigate/format_plugin.hpp>
#include <edigate/plugin.hpp>
#include <edigate/result.hpp>
#include <edigate/transport_plugin.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::plugin_host {

struct LoadedPlugin {
  PluginInfo info;
  std::string file;
  std::shared_ptr<Plugin> plugin;  ///< its deleter holds the library
};

class PluginHost {
 public:
  /// Loads one library. Errors name the file: not loadable, not an edigate plugin (no
  /// factory), built for another SDK ABI (both versions given), factory failed, duplicate
  /// plugin name (both files given).
  Result<void> load_file(const std::filesystem::path& file);

  /// Loads every *.so in `dir` (sorted, not recursive). One Error per file that failed; the
  /// others load regardless. A missing directory is one Error.
  std::vector<Error> load_directory(const std::filesystem::path& dir);

  /// Registers a plugin object made in this process (its code linked into the executable, as
  /// the fuzz targets do so that the instrumented plugin code is what runs), with the checks
  /// load_file makes after the factory: ABI, name, kind, duplicate name. `origin` names it in
  /// errors and in plugins().
  Result<void> add(std::shared_ptr<Plugin> plugin, const std::filesystem::path& origin);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }

  /// The format plugin with that name ("x12"), or nullptr.
  std::shared_ptr<FormatPlugin> format(std::string_view name) const;
  /// The transport plugin for a transport type ("sftp", "as2"), or nullptr.
  std::shared_ptr<TransportPlugin> transport(std::string_view type) const;
  std::vector<std::shared_ptr<TransportPlugin>> transports() const;
  /// The format plugin for a standard ("X12", "EDIFACT"), or nullptr.
  std::shared_ptr<FormatPlugin> format_for_standard(std::string_view standard) const;
  /// The format plugin most confident that `prefix` is its standard, or nullptr.
  std::shared_ptr<FormatPlugin> detect_format(std::string_view prefix) const;

 private:
  std::vector<LoadedPlugin> plugins_;
};

/// Where plugins are looked for when none is given: $EDIGATE_PLUGIN_PATH (colon-separated),
/// then <dir of the running executable>/../plugins and /../lib/edigate/plugins.
std::vector<std::filesystem::path> default_plugin_dirs();

/// The directory holding the running executable.
std::filesystem::path executable_dir();

}  // namespace edigate::plugin_host
