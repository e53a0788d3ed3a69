#include "gateway_config/config_source.hpp"

namespace edigate::gateway_config {

ConfigSource::Stamp ConfigSource::stamp_of(const std::filesystem::path& file) {
  std::error_code ec;
  Stamp s;
  s.mtime = std::filesystem::last_write_time(file, ec);
  s.size = std::filesystem::file_size(file, ec);
  if (ec) s.size = static_cast<std::uintmax_t>(-1);  // gone or unreadable: differs from any real stamp
  return s;
}

Result<std::unique_ptr<ConfigSource>> ConfigSource::open(std::filesystem::path file, Overrides overrides) {
  std::unique_ptr<ConfigSource> source(new ConfigSource(std::move(file), std::move(overrides)));
  source->stamp_ = stamp_of(source->file_);
  EDIGATE_TRY(GatewayConfig config, load_gateway_config(source->file_, source->overrides_));
  source->current_ = std::make_shared<const GatewayConfig>(std::move(config));
  return source;
}

std::shared_ptr<const GatewayConfig> ConfigSource::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

ReloadReport ConfigSource::refresh() {
  std::lock_guard serial(refresh_mutex_);
  ReloadReport report;
  const Stamp now = stamp_of(file_);
  {
    std::lock_guard lock(mutex_);
    if (now == stamp_) return report;
    stamp_ = now;  // a broken edit is reported once, not on every poll
  }
  auto loaded = load_gateway_config(file_, overrides_);
  if (!loaded) {
    Error e = std::move(loaded).error();
    e.message += " (the previous configuration stays in use)";
    report.errors.push_back(std::move(e));
    return report;
  }
  auto next = std::make_shared<const GatewayConfig>(std::move(*loaded));
  std::lock_guard lock(mutex_);
  report.restart_needed = start_only_changes(*current_, *next);
  current_ = std::move(next);
  report.reloaded = true;
  return report;
}

std::vector<std::string> start_only_changes(const GatewayConfig& a, const GatewayConfig& b) {
  std::vector<std::string> out;
  auto note = [&](bool changed, const char* what) {
    if (changed) out.emplace_back(what);
  };
  note(a.data_dir != b.data_dir, "data");
  note(a.partners_dir != b.partners_dir, "partners");
  note(a.maps_dir != b.maps_dir, "maps");
  note(a.plugins_dir != b.plugins_dir, "plugins");
  note(a.schemas_dir != b.schemas_dir, "schemas");
  note(a.admin.listen.to_string() != b.admin.listen.to_string(), "admin listen");
  note(a.admin.token.kind != b.admin.token.kind || a.admin.token.name != b.admin.token.name, "admin token");
  note(a.admin.max_body_bytes != b.admin.max_body_bytes, "admin max-body-bytes");
  note(a.workers.count != b.workers.count || a.workers.queue_limit != b.workers.queue_limit ||
           a.workers.batch != b.workers.batch,
       "workers");
  return out;
}

}  // namespace edigate::gateway_config
