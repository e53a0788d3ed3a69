#include "metrics/gateway_metrics.hpp"

namespace edigate::metrics {

Result<GatewayMetrics> GatewayMetrics::register_in(Registry& r) {
  GatewayMetrics m;
  EDIGATE_TRY(m.intake_files,
              r.counter("edigate_intake_files_total",
                        "Files taken in (outcome: stored, duplicate, unreadable, refused).", {"partner", "outcome"}));
  EDIGATE_TRY(m.messages, r.counter("edigate_messages_total", "Messages reaching a status, by partner and type.",
                                    {"partner", "type", "status"}));
  EDIGATE_TRY(m.delivery_attempts, r.counter("edigate_delivery_attempts_total",
                                             "Delivery attempts by destination and outcome (ok, retry, failed, dead).",
                                             {"destination", "outcome"}));
  // Webhook round trips: milliseconds to tens of seconds.
  EDIGATE_TRY(m.delivery_latency,
              r.histogram("edigate_delivery_latency_seconds", "Time from routing to a successful delivery.",
                          {"destination"}, {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}));
  EDIGATE_TRY(m.stage_latency, r.histogram("edigate_pipeline_stage_seconds", "Time one pipeline stage took.", {"stage"},
                                           {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}));
  EDIGATE_TRY(m.queue_depth, r.gauge("edigate_queue_depth", "Work items waiting, by priority lane.", {"lane"}));
  EDIGATE_TRY(m.dead_letters, r.gauge("edigate_dead_letters", "Messages in the dead-letter list."));
  EDIGATE_TRY(m.acks_overdue, r.gauge("edigate_acks_overdue", "Outbound documents whose functional ack is overdue."));
  EDIGATE_TRY(m.degraded, r.counter("edigate_degraded_total", "Degraded paths taken (each also logged at warn).",
                                    {"component", "reason"}));
  return m;
}

}  // namespace edigate::metrics
