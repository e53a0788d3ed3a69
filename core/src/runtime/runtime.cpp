#include "runtime/runtime.hpp"

#include "config/search_path.hpp"

namespace edigate::runtime {

std::vector<std::filesystem::path> default_schema_dirs() {
  auto dirs = config::paths_from_env("EDIGATE_SCHEMA_PATH");
  if (!dirs.empty()) return dirs;
  dirs.push_back(plugin_host::executable_dir() / ".." / "share" / "edigate" / "schemas");
  return dirs;
}

Result<std::unique_ptr<Runtime>> Runtime::open(const RuntimeOptions& options, std::vector<Error>& warnings) {
  auto rt = std::unique_ptr<Runtime>(new Runtime());
  rt->options_ = options;
  auto plugin_dirs = options.plugin_dirs.empty() ? plugin_host::default_plugin_dirs() : options.plugin_dirs;
  for (const auto& dir : plugin_dirs)
    for (auto& e : rt->plugins_.load_directory(dir)) warnings.push_back(std::move(e).as(ErrorCategory::configuration));
  if (rt->plugins_.plugins().empty())
    return Error("runtime.no_plugins", "no format plugins loaded (use --plugins DIR or EDIGATE_PLUGIN_PATH)")
        .as(ErrorCategory::configuration);
  rt->schemas_ =
      std::make_unique<schema::Registry>(options.schema_dirs.empty() ? default_schema_dirs() : options.schema_dirs);
  rt->check_schemas_ = options.check_schemas;
  rt->partners_ = std::make_unique<partners::PartnerRegistry>(options.partners_dir);
  // Maps are checked against the canonical JSON Schemas and the installed transaction-set
  // schemas when they load (even with content checks off: a map naming PO499 is wrong anyway).
  rt->files_ = std::make_unique<translation::FileCache>(options.maps_dir, mapping::MapChecks{true, rt->schemas_.get()});
  return rt;
}

Result<std::shared_ptr<const partners::Profile>> Runtime::partner(const std::string& id) const {
  auto snapshot = partners_->snapshot();
  if (auto p = snapshot->find(id)) return p;
  std::string known;
  for (const auto& [name, profile] : snapshot->by_id) known += (known.empty() ? "" : ", ") + name;
  Error e("partner.unknown", "unknown partner '" + id + "' in " + partners_->dir().string() +
                                 (known.empty() ? std::string(" (no loadable profiles)") : "; known: " + known));
  for (const auto& problem : snapshot->errors)
    if (problem.position.file.find("/" + id + "/") != std::string::npos) e.message += "; " + problem.to_string();
  return std::move(e).as(ErrorCategory::configuration);
}

partners::RefreshReport Runtime::reload() {
  auto report = partners_->refresh();
  files_->clear();
  return report;
}

}  // namespace edigate::runtime
