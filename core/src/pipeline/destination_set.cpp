#include "pipeline/destination_set.hpp"

#include "delivery/factory.hpp"

namespace edigate::pipeline {

DestinationSet::DestinationSet(std::shared_ptr<const gateway_config::GatewayConfig> config, runtime::Runtime& runtime,
                               delivery::BreakerOptions breaker)
    : config_(std::move(config)), runtime_(runtime), breaker_(breaker) {}

void DestinationSet::reconfigure(std::shared_ptr<const gateway_config::GatewayConfig> config) {
  std::lock_guard lock(mutex_);
  config_ = std::move(config);
  entries_.clear();
}

Result<std::shared_ptr<DestinationSet::Entry>> DestinationSet::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (auto found = entries_.find(key); found != entries_.end()) return found->second;
  const gateway_config::GatewayConfig& config = *config_;
  const partners::Endpoint* endpoint = nullptr;
  std::shared_ptr<const partners::Profile> profile;
  delivery::FactoryContext context{config.data_dir, config.file.parent_path(), config.file};
  const auto slash = key.find('/');
  if (slash == std::string::npos) {
    endpoint = config.destination(key);
  } else if (auto p = runtime_.partner(key.substr(0, slash))) {
    profile = *p;
    for (const auto& d : profile->destinations)
      if (d.name == key.substr(slash + 1)) endpoint = &d;
    context.profile_folder = profile->folder;
    context.config_file = profile->file;
  }
  if (!endpoint) {
    return Error("delivery.destination.unknown",
                 "destination '" + key + "' is not declared (any more) in " +
                     (slash == std::string::npos ? config.file.string() : "partner '" + key.substr(0, slash) + "'"))
        .as(ErrorCategory::configuration);
  }
  EDIGATE_TRY(auto destination, delivery::make_destination(*endpoint, context));
  auto entry = std::make_shared<Entry>(std::move(destination), breaker_);
  for (const auto& route : config.routes)
    if (route.destination == key && !route.fallback.empty()) entry->fallback = route.fallback;
  entries_.emplace(key, entry);
  return entry;
}

void DestinationSet::forget_partner_destinations() {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [](const auto& e) { return e.first.find('/') != std::string::npos; });
}

}  // namespace edigate::pipeline
