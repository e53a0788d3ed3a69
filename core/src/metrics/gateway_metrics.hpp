#pragma once
// The gateway's metric families, registered once so every stage uses the same names and labels
// (and docs/operations.md lists what exists). Names follow edigate_<area>_<what>_<unit>.
#include "metrics/registry.hpp"

namespace edigate::metrics {

struct GatewayMetrics {
  CounterFamily* intake_files = nullptr;        ///< edigate_intake_files_total{partner,outcome}
  CounterFamily* messages = nullptr;            ///< edigate_messages_total{partner,type,status}
  CounterFamily* delivery_attempts = nullptr;   ///< edigate_delivery_attempts_total{destination,outcome}
  HistogramFamily* delivery_latency = nullptr;  ///< edigate_delivery_latency_seconds{destination}
  HistogramFamily* stage_latency = nullptr;     ///< edigate_pipeline_stage_seconds{stage}
  GaugeFamily* queue_depth = nullptr;           ///< edigate_queue_depth{lane}
  GaugeFamily* dead_letters = nullptr;          ///< edigate_dead_letters
  GaugeFamily* acks_overdue = nullptr;          ///< edigate_acks_overdue
  CounterFamily* degraded = nullptr;            ///< edigate_degraded_total{component,reason}

  /// Registers every family in `registry` (which must outlive the result).
  static Result<GatewayMetrics> register_in(Registry& registry);
};

}  // namespace edigate::metrics
