#pragma once
// What every pipeline stage works with: the engine (plugins, schemas, partners, maps), the
// durable store and the routes. Stages hold no state of their own between work items.
#include "pipeline/route_table.hpp"
#include "runtime/runtime.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <functional>

namespace edigate::pipeline {

/// One line per life event, for logs and metrics (the store keeps the durable record).
struct StageEvent {
  StageEvent(std::string stage_, std::string outcome_, std::string partner_ = {}, std::string type_ = {},
             std::string message_id_ = {}, std::string correlation_id_ = {}, std::string detail_ = {},
             std::string destination_ = {}, double seconds_ = -1)
      : stage(std::move(stage_)),
        outcome(std::move(outcome_)),
        partner(std::move(partner_)),
        type(std::move(type_)),
        message_id(std::move(message_id_)),
        correlation_id(std::move(correlation_id_)),
        detail(std::move(detail_)),
        destination(std::move(destination_)),
        seconds(seconds_) {}
  std::string stage;    ///< received, validated, acknowledged, translated, routed, delivered ...
  std::string outcome;  ///< ok | warning | failed | duplicate | retry | dead
  std::string partner, type, message_id, correlation_id, detail;
  std::string destination;  ///< deliveries
  double seconds = -1;      ///< how long the stage's work took, when measured
};

struct StageContext {
  runtime::Runtime& runtime;
  store::Store& store;
  const RouteTable& routes;
  std::filesystem::path data_dir;
  std::function<void(const StageEvent&)> observe;  ///< may be empty
  void emit(const StageEvent& e) const {
    if (observe) observe(e);
  }
};

}  // namespace edigate::pipeline
