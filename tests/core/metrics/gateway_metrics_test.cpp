// The gateway's metric families: names, kinds and labels as documented.
#include "metrics/gateway_metrics.hpp"

#include <catch2/catch.hpp>

using namespace edigate::metrics;

TEST_CASE("the gateway metrics register once and render their documented names", "[metrics]") {
  Registry r;
  auto m = GatewayMetrics::register_in(r);
  REQUIRE(m);
  // A second registration (a reload) returns the same families.
  auto again = GatewayMetrics::register_in(r);
  REQUIRE(again);
  CHECK(again->messages == m->messages);

  m->messages->with({"acme-retail", "purchase_order", "delivered"}).inc();
  m->queue_depth->with({"0"}).set(3);
  m->dead_letters->with().set(2);
  m->delivery_latency->with({"erp"}).observe(0.2);
  const std::string text = r.render();
  CHECK(text.find("# TYPE edigate_messages_total counter\n"
                  "edigate_messages_total{partner=\"acme-retail\",type=\"purchase_order\",status=\"delivered\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("# TYPE edigate_queue_depth gauge\nedigate_queue_depth{lane=\"0\"} 3\n") != std::string::npos);
  CHECK(text.find("# TYPE edigate_dead_letters gauge\nedigate_dead_letters 2\n") != std::string::npos);
  CHECK(text.find("# TYPE edigate_acks_overdue gauge\nedigate_acks_overdue 0\n") != std::string::npos);
  CHECK(text.find("edigate_delivery_latency_seconds_bucket{destination=\"erp\",le=\"0.25\"} 1\n") != std::string::npos);
  CHECK(text.find("edigate_delivery_latency_seconds_bucket{destination=\"erp\",le=\"0.1\"} 0\n") != std::string::npos);
  for (const char* name : {"edigate_intake_files_total", "edigate_delivery_attempts_total",
                           "edigate_pipeline_stage_seconds", "edigate_degraded_total"}) {
    INFO(name);
    CHECK(text.find(std::string("# HELP ") + name + " ") != std::string::npos);
  }
}
