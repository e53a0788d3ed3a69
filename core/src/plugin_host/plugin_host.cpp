#include "plugin_host/plugin_host.hpp"

#include "config/search_path.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>

namespace edigate::plugin_host {
namespace {

Error file_error(const std::string& code, const std::string& message, const std::filesystem::path& file) {
  Error e(code, message);
  e.position.file = file.string();
  return e;
}

}  // namespace

Result<void> PluginHost::load_file(const std::filesystem::path& file) {
  auto lib = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  // rtld_local: two plugins may carry symbols with the same names without clashing.
  lib->load(boost::dll::fs::path(file.string()), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local,
            ec);
  if (ec) return file_error("plugin.load", "cannot load shared library: " + ec.message(), file);
  if (!lib->has("edigate_sdk_abi") || !lib->has("edigate_plugin"))
    return file_error("plugin.not_a_plugin",
                      "not an edigate plugin: it exports no edigate_sdk_abi/edigate_plugin factory "
                      "(EDIGATE_PLUGIN macro)",
                      file);

  // The ABI stamp is a plain function: safe to call whatever the plugin's class layouts are.
  auto& abi_fn = lib->get_alias<std::uint32_t()>("edigate_sdk_abi");
  std::uint32_t abi = abi_fn();
  if (abi != kSdkAbi)
    return file_error("plugin.abi_mismatch",
                      "built for SDK ABI " + std::to_string(abi) + ", this edigate (" + kVersion +
                          ") provides SDK ABI " + std::to_string(kSdkAbi) + "; rebuild the plugin",
                      file);

  auto& factory = lib->get_alias<Plugin*()>("edigate_plugin");
  Plugin* raw = factory();
  if (!raw) return file_error("plugin.factory_failed", "the plugin factory returned no object", file);
  // The deleter owns the library: it unloads only after the plugin object is gone.
  return add(std::shared_ptr<Plugin>(raw, [lib](Plugin* p) { delete p; }), file);
}

Result<void> PluginHost::add(std::shared_ptr<Plugin> plugin, const std::filesystem::path& file) {
  if (!plugin) return file_error("plugin.factory_failed", "the plugin factory returned no object", file);
  PluginInfo info = plugin->info();
  if (info.abi != kSdkAbi)
    return file_error("plugin.abi_mismatch",
                      "plugin '" + info.name + "' reports SDK ABI " + std::to_string(info.abi) + ", expected " +
                          std::to_string(kSdkAbi),
                      file);
  if (info.name.empty()) return file_error("plugin.invalid", "plugin reports an empty name", file);
  if (info.kind == PluginKind::format && !dynamic_cast<FormatPlugin*>(plugin.get()))
    return file_error("plugin.invalid", "plugin '" + info.name + "' says it is a format plugin but is not one", file);
  if (info.kind == PluginKind::transport) {
    auto* t = dynamic_cast<TransportPlugin*>(plugin.get());
    if (!t)
      return file_error("plugin.invalid", "plugin '" + info.name + "' says it is a transport plugin but is not one",
                        file);
    const std::string type = t->spec().type;
    if (type.empty()) return file_error("plugin.invalid", "transport plugin '" + info.name + "' names no type", file);
    if (auto other = transport(type))
      return file_error("plugin.duplicate", "a second transport plugin for type '" + type + "'", file);
  }
  for (const auto& p : plugins_)
    if (p.info.name == info.name)
      return file_error("plugin.duplicate", "duplicate plugin name '" + info.name + "': already loaded from " + p.file,
                        file);

  plugins_.push_back(LoadedPlugin{std::move(info), file.string(), std::move(plugin)});
  return {};
}

std::vector<Error> PluginHost::load_directory(const std::filesystem::path& dir) {
  std::vector<Error> errors;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    errors.push_back(file_error("plugin.dir", "plugin directory does not exist", dir));
    return errors;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto r = load_file(f);
    if (!r) errors.push_back(std::move(r).error());
  }
  return errors;
}

std::shared_ptr<FormatPlugin> PluginHost::format(std::string_view name) const {
  for (const auto& p : plugins_)
    if (p.info.kind == PluginKind::format && p.info.name == name)
      return std::shared_ptr<FormatPlugin>(p.plugin, static_cast<FormatPlugin*>(p.plugin.get()));
  return nullptr;
}

std::shared_ptr<TransportPlugin> PluginHost::transport(std::string_view type) const {
  for (const auto& p : plugins_) {
    if (p.info.kind != PluginKind::transport) continue;
    auto* t = static_cast<TransportPlugin*>(p.plugin.get());
    if (t->spec().type == type) return std::shared_ptr<TransportPlugin>(p.plugin, t);
  }
  return nullptr;
}

std::vector<std::shared_ptr<TransportPlugin>> PluginHost::transports() const {
  std::vector<std::shared_ptr<TransportPlugin>> out;
  for (const auto& p : plugins_)
    if (p.info.kind == PluginKind::transport) out.emplace_back(p.plugin, static_cast<TransportPlugin*>(p.plugin.get()));
  return out;
}

std::shared_ptr<FormatPlugin> PluginHost::format_for_standard(std::string_view standard) const {
  for (const auto& p : plugins_) {
    if (p.info.kind != PluginKind::format) continue;
    auto* f = static_cast<FormatPlugin*>(p.plugin.get());
    if (f->standard() == standard) return std::shared_ptr<FormatPlugin>(p.plugin, f);
  }
  return nullptr;
}

std::shared_ptr<FormatPlugin> PluginHost::detect_format(std::string_view prefix) const {
  std::shared_ptr<FormatPlugin> best;
  int best_score = 0;
  for (const auto& p : plugins_) {
    if (p.info.kind != PluginKind::format) continue;
    auto* f = static_cast<FormatPlugin*>(p.plugin.get());
    int score = f->detect(prefix);
    if (score > best_score) {
      best_score = score;
      best = std::shared_ptr<FormatPlugin>(p.plugin, f);
    }
  }
  return best;
}

std::filesystem::path executable_dir() {
  boost::dll::fs::error_code ec;
  auto p = boost::dll::program_location(ec);
  if (ec) return std::filesystem::current_path();
  return std::filesystem::path(p.parent_path().string());
}

std::vector<std::filesystem::path> default_plugin_dirs() {
  auto dirs = config::paths_from_env("EDIGATE_PLUGIN_PATH");
  if (!dirs.empty()) return dirs;
  auto exe = executable_dir();
  for (auto candidate : {exe / ".." / "plugins", exe / ".." / "lib" / "edigate" / "plugins"}) {
    std::error_code ec;
    if (std::filesystem::is_directory(candidate, ec)) dirs.push_back(std::filesystem::weakly_canonical(candidate, ec));
  }
  return dirs;
}

}  // namespace edigate::plugin_host
