#pragma once
// gateway.xml reloaded without a restart: refresh() re-reads the file when its mtime or size
// changed and swaps in the new configuration if it loads; a broken edit keeps the last good one
// (and says so). Readers take a snapshot (shared_ptr<const GatewayConfig>) that never changes
// under them. Some settings only take effect at start; refresh() names those that changed so
// serve can log "restart to apply".
#include "gateway_config/gateway_config.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace edigate::gateway_config {

struct ReloadReport {
  bool reloaded = false;                    ///< a new configuration is now current
  std::vector<std::string> restart_needed;  ///< changed settings that apply only at start
  std::vector<Error> errors;                ///< the new file did not load; the last good one stays
};

class ConfigSource {
 public:
  /// Loads `file` once (the error when it does not load: serve cannot start without one).
  static Result<std::unique_ptr<ConfigSource>> open(std::filesystem::path file, Overrides overrides = {});

  std::shared_ptr<const GatewayConfig> current() const;
  /// Re-reads the file if its mtime or size changed since the last (good or bad) read. Safe to
  /// call from any thread; calls are serialised.
  ReloadReport refresh();

 private:
  ConfigSource(std::filesystem::path file, Overrides overrides)
      : file_(std::move(file)), overrides_(std::move(overrides)) {}
  struct Stamp {
    std::filesystem::file_time_type mtime{};
    std::uintmax_t size = 0;
    bool operator==(const Stamp& o) const { return mtime == o.mtime && size == o.size; }
  };
  static Stamp stamp_of(const std::filesystem::path& file);

  std::filesystem::path file_;
  Overrides overrides_;
  mutable std::mutex mutex_;  // guards current_ and stamp_
  std::mutex refresh_mutex_;  // serialises refresh()
  std::shared_ptr<const GatewayConfig> current_;
  Stamp stamp_;
};

/// The settings that differ between `before` and `after` and apply only at start: data,
/// partners, maps, plugins and schemas folders, admin listen/token/body limit, workers.
std::vector<std::string> start_only_changes(const GatewayConfig& before, const GatewayConfig& after);

}  // namespace edigate::gateway_config
