#pragma once
// A small thread-safe metrics registry (counters, gauges, histograms with labels) rendered in
// the Prometheus text exposition format 0.0.4 for GET /metrics. Names follow STYLE.md:
// edigate_<area>_<what>_<unit>, e.g. edigate_delivery_attempts_total{partner,outcome}.
//
// Families are registered once (at start-up) and live as long as the registry; a child (one
// label combination) is created on first use and lives as long as its family, so a reference
// returned by with() may be kept and updated from any thread without further lookups.
#include <edigate/result.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace edigate::metrics {

class Counter {
 public:
  /// `by` must be >= 0 (a counter only goes up; negative amounts are ignored).
  void inc(double by = 1.0) noexcept;
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void set(double v) noexcept { value_.store(v, std::memory_order_relaxed); }
  void inc(double by = 1.0) noexcept { value_.fetch_add(by, std::memory_order_relaxed); }
  void dec(double by = 1.0) noexcept { value_.fetch_sub(by, std::memory_order_relaxed); }
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  explicit Histogram(const std::vector<double>& bounds) : bounds_(bounds), counts_(bounds.size(), 0) {}
  void observe(double v) noexcept;
  struct Snapshot {
    std::vector<std::uint64_t> cumulative;  ///< per upper bound, cumulative (as rendered)
    std::uint64_t count = 0;
    double sum = 0;
  };
  Snapshot snapshot() const;

 private:
  const std::vector<double>& bounds_;  // the family's, which outlives this child
  mutable std::mutex mutex_;           // sum, count and buckets change together
  std::vector<std::uint64_t> counts_;  // per bucket, not cumulative
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

/// One metric name with its label names; children per label values.
template <typename Child>
class Family {
 public:
  /// The child for these label values (one per declared label name, in order; a mismatch is a
  /// defect in the caller: missing values are taken as "", extra ones ignored).
  Child& with(const std::vector<std::string>& values = {});
  const std::string& name() const { return name_; }

 private:
  friend class Registry;
  Family(std::string name, std::string help, std::vector<std::string> labels, std::vector<double> bounds = {})
      : name_(std::move(name)), help_(std::move(help)), labels_(std::move(labels)), bounds_(std::move(bounds)) {}
  std::string name_, help_;
  std::vector<std::string> labels_;
  std::vector<double> bounds_;  // histograms only
  mutable std::mutex mutex_;    // guards children_ (the map, not the children's values)
  std::map<std::vector<std::string>, std::unique_ptr<Child>> children_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

/// Prometheus' default buckets (seconds): 5 ms .. 10 s.
std::vector<double> default_buckets();

class Registry {
 public:
  /// Registering a name again with the same kind and label names returns the same family.
  /// Errors (metrics.name.invalid, metrics.name.conflict): a name or label name outside
  /// [a-zA-Z_:][a-zA-Z0-9_:]* / [a-zA-Z_][a-zA-Z0-9_]*, a reserved label (`le` on a histogram,
  /// names starting "__"), or the name taken by another kind or other labels.
  Result<CounterFamily*> counter(const std::string& name, const std::string& help,
                                 const std::vector<std::string>& labels = {});
  Result<GaugeFamily*> gauge(const std::string& name, const std::string& help,
                             const std::vector<std::string>& labels = {});
  /// `bounds`: strictly increasing upper bounds; +Inf is implied and must not be given.
  Result<HistogramFamily*> histogram(const std::string& name, const std::string& help,
                                     const std::vector<std::string>& labels,
                                     const std::vector<double>& bounds = default_buckets());

  /// Every family in name order, children in label-value order; label-less families appear
  /// from registration (value 0), labelled ones once a child exists.
  std::string render() const;

 private:
  enum class Kind : std::uint8_t { counter, gauge, histogram };
  struct Entry {
    Kind kind;
    std::unique_ptr<CounterFamily> counter;
    std::unique_ptr<GaugeFamily> gauge;
    std::unique_ptr<HistogramFamily> histogram;
  };
  Result<Entry*> add(Kind kind, const std::string& name, const std::string& help,
                     const std::vector<std::string>& labels, const std::vector<double>& bounds);

  mutable std::mutex mutex_;
  std::map<std::string, Entry> families_;
};

/// The text format's escaping: label values escape backslash, double quote and newline; HELP
/// text escapes backslash and newline.
std::string escape_label_value(const std::string& value);
std::string escape_help(const std::string& help);
/// A sample value as Prometheus writes it: shortest round-trip decimal, +Inf, -Inf, NaN.
std::string format_value(double v);

}  // namespace edigate::metrics
