// The metrics registry renders the Prometheus text exposition format exactly.
#include "metrics/registry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <thread>

using namespace edigate;
using namespace edigate::metrics;

TEST_CASE("counters and gauges render with HELP, TYPE and sorted label sets", "[metrics]") {
  Registry r;
  auto attempts =
      r.counter("edigate_delivery_attempts_total", "Delivery attempts by partner and outcome.", {"partner", "outcome"});
  REQUIRE(attempts);
  auto depth = r.gauge("edigate_queue_depth", "Work items waiting.");
  REQUIRE(depth);
  (*attempts)->with({"acme", "ok"}).inc();
  (*attempts)->with({"acme", "ok"}).inc(2);
  (*attempts)->with({"acme", "failed"}).inc();
  (*attempts)->with({"acme", "failed"}).inc(-5);  // a counter never goes down
  (*depth)->with().set(7);
  (*depth)->with().dec(0.5);
  CHECK(r.render() ==
        "# HELP edigate_delivery_attempts_total Delivery attempts by partner and outcome.\n"
        "# TYPE edigate_delivery_attempts_total counter\n"
        "edigate_delivery_attempts_total{partner=\"acme\",outcome=\"failed\"} 1\n"
        "edigate_delivery_attempts_total{partner=\"acme\",outcome=\"ok\"} 3\n"
        "# HELP edigate_queue_depth Work items waiting.\n"
        "# TYPE edigate_queue_depth gauge\n"
        "edigate_queue_depth 6.5\n");
}

TEST_CASE("a label-less metric renders 0 before it is first used, a labelled one only its children", "[metrics]") {
  Registry r;
  REQUIRE(r.counter("edigate_dead_letters_total", "Messages dead-lettered."));
  REQUIRE(r.counter("edigate_intake_files_total", "Files taken in.", {"partner"}));
  CHECK(r.render() ==
        "# HELP edigate_dead_letters_total Messages dead-lettered.\n"
        "# TYPE edigate_dead_letters_total counter\n"
        "edigate_dead_letters_total 0\n"
        "# HELP edigate_intake_files_total Files taken in.\n"
        "# TYPE edigate_intake_files_total counter\n");
}

TEST_CASE("label values and HELP text are escaped as the text format requires", "[metrics]") {
  Registry r;
  auto c = r.counter("edigate_errors_total", "Errors.\nBy code \\ partner.", {"code"});
  REQUIRE(c);
  (*c)->with({"a\"b\\c\nd"}).inc();
  CHECK(r.render() ==
        "# HELP edigate_errors_total Errors.\\nBy code \\\\ partner.\n"
        "# TYPE edigate_errors_total counter\n"
        "edigate_errors_total{code=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST_CASE("histograms render cumulative buckets, +Inf, _sum and _count", "[metrics]") {
  Registry r;
  auto h = r.histogram("edigate_delivery_latency_seconds", "Delivery latency.", {"destination"}, {0.1, 0.5, 1});
  REQUIRE(h);
  auto& erp = (*h)->with({"erp"});
  erp.observe(0.05);
  erp.observe(0.1);  // on the bound: counts in le="0.1"
  erp.observe(0.3);
  erp.observe(4);
  CHECK(r.render() ==
        "# HELP edigate_delivery_latency_seconds Delivery latency.\n"
        "# TYPE edigate_delivery_latency_seconds histogram\n"
        "edigate_delivery_latency_seconds_bucket{destination=\"erp\",le=\"0.1\"} 2\n"
        "edigate_delivery_latency_seconds_bucket{destination=\"erp\",le=\"0.5\"} 3\n"
        "edigate_delivery_latency_seconds_bucket{destination=\"erp\",le=\"1\"} 3\n"
        "edigate_delivery_latency_seconds_bucket{destination=\"erp\",le=\"+Inf\"} 4\n"
        "edigate_delivery_latency_seconds_sum{destination=\"erp\"} 4.45\n"
        "edigate_delivery_latency_seconds_count{destination=\"erp\"} 4\n");
}

TEST_CASE("a label-less histogram renders only the le label", "[metrics]") {
  Registry r;
  auto h = r.histogram("edigate_pipeline_seconds", "Pipeline time.", {}, {1});
  REQUIRE(h);
  (*h)->with().observe(2);
  CHECK(r.render() ==
        "# HELP edigate_pipeline_seconds Pipeline time.\n"
        "# TYPE edigate_pipeline_seconds histogram\n"
        "edigate_pipeline_seconds_bucket{le=\"1\"} 0\n"
        "edigate_pipeline_seconds_bucket{le=\"+Inf\"} 1\n"
        "edigate_pipeline_seconds_sum 2\n"
        "edigate_pipeline_seconds_count 1\n");
}

TEST_CASE("sample values are written as Prometheus reads them", "[metrics]") {
  CHECK(format_value(0) == "0");
  CHECK(format_value(42) == "42");
  CHECK(format_value(0.005) == "0.005");
  CHECK(format_value(-1.5) == "-1.5");
  CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(format_value(std::nan("")) == "NaN");
}

TEST_CASE("registering a metric again returns it, a conflicting or invalid registration is an error", "[metrics]") {
  Registry r;
  auto a = r.counter("edigate_x_total", "X.", {"partner"});
  auto b = r.counter("edigate_x_total", "X.", {"partner"});
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a == *b);
  auto other_kind = r.gauge("edigate_x_total", "X.", {"partner"});
  REQUIRE_FALSE(other_kind);
  CHECK(other_kind.error().code == "metrics.name.conflict");
  auto other_labels = r.counter("edigate_x_total", "X.", {"type"});
  REQUIRE_FALSE(other_labels);
  CHECK(other_labels.error().code == "metrics.name.conflict");
  CHECK(r.counter("1bad", "no").error().code == "metrics.name.invalid");
  CHECK(r.counter("edigate-dash", "no").error().code == "metrics.name.invalid");
  CHECK(r.counter("edigate_ok", "no", {"bad label"}).error().code == "metrics.name.invalid");
  CHECK(r.counter("edigate_ok", "no", {"__reserved"}).error().code == "metrics.name.invalid");
  CHECK(r.histogram("edigate_h", "no", {"le"}).error().code == "metrics.name.invalid");
  CHECK(r.histogram("edigate_h", "no", {}, {1, 1}).error().code == "metrics.name.invalid");
}

TEST_CASE("counters and histograms lose no update under concurrent use", "[metrics]") {
  Registry r;
  auto c = r.counter("edigate_c_total", "C.", {"worker"});
  auto h = r.histogram("edigate_h_seconds", "H.", {}, {0.5});
  REQUIRE(c);
  REQUIRE(h);
  constexpr int kThreads = 4, kEach = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        (*c)->with({"shared"}).inc();
        (*c)->with({"w" + std::to_string(t % 2)}).inc();
        (*h)->with().observe(i % 2 ? 1.0 : 0.25);
        if (i % 1000 == 0) (void)r.render();  // rendering while others write
      }
    });
  for (auto& t : threads) t.join();
  CHECK((*c)->with({"shared"}).value() == kThreads * kEach);
  CHECK((*c)->with({"w0"}).value() == kThreads * kEach / 2);
  auto s = (*h)->with().snapshot();
  CHECK(s.count == kThreads * kEach);
  CHECK(s.cumulative[0] == kThreads * kEach / 2);
  CHECK(s.sum == Approx(kThreads * kEach / 2 * 1.25));
}
