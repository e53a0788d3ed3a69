#include "pipeline/destination_set.hpp"

#include "delivery/factory.hpp"

namespace edigate::pipeline {

DestinationSet::DestinationSet(const gateway_config::GatewayConfig& config, runtime::Runtime& runtime,
                               delivery::BreakerOptions breaker)
    : config_(config), runtime_(runtime), breaker_(breaker) {}

Result<DestinationSet::Entry*> DestinationSet::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (auto found = entries_.find(key); found != entries_.end()) return found->second.get();
  const partners::Endpoint* endpoint = nullptr;
  std::shared_ptr<const partners::Profile> profile;
  delivery::FactoryContext context{config_.data_dir, config_.file.parent_path(), config_.file};
  const auto slash = key.find('/');
  if (slash == std::string::npos) {
    endpoint = config_.destination(key);
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
                     (slash == std::string::npos ? config_.file.string() : "partner '" + key.substr(0, slash) + "'"))
        .as(ErrorCategory::configuration);
  }
  EDIGATE_TRY(auto destination, delivery::make_destination(*endpoint, context));
  auto entry = std::make_unique<Entry>(std::move(destination), breaker_);
  for (const auto& route : config_.routes)
    if (route.destination == key && !route.fallback.empty()) entry->fallback = route.fallback;
  Entry* raw = entry.get();
  entries_.emplace(key, std::move(entry));
  return raw;
}

void DestinationSet::forget_partner_destinations() {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [](const auto& e) { return e.first.find('/') != std::string::npos; });
}

}  // namespace edigate::pipeline
