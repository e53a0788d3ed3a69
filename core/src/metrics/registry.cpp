#include "metrics/registry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <type_traits>

namespace edigate::metrics {
namespace {

bool valid_name(const std::string& s, bool allow_colon) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':') ||
                    (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

Error invalid(const std::string& what, const std::string& found) {
  return Error("metrics.name.invalid", what).want("[a-zA-Z_:][a-zA-Z0-9_:]*", found).as(ErrorCategory::internal);
}

// name{a="x",b="y"} with an optional extra label (histogram `le`).
std::string series(const std::string& name, const std::vector<std::string>& labels,
                   const std::vector<std::string>& values, const char* extra_name = nullptr,
                   const std::string& extra_value = {}) {
  std::string out = name;
  if (labels.empty() && !extra_name) return out;
  out += '{';
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i] + "=\"" + escape_label_value(values[i]) + '"';
  }
  if (extra_name) out += std::string(labels.empty() ? "" : ",") + extra_name + "=\"" + extra_value + '"';
  out += '}';
  return out;
}

template <typename Child>
void render_family(std::string& out, const char* type, const std::string& name, const std::string& help,
                   const std::vector<std::string>& labels, const std::vector<double>& bounds,
                   const std::map<std::vector<std::string>, std::unique_ptr<Child>>& children) {
  out += "# HELP " + name + ' ' + escape_help(help) + '\n';
  out += "# TYPE " + name + ' ' + type + '\n';
  for (const auto& [values, child] : children) {
    if constexpr (std::is_same_v<Child, Histogram>) {
      Histogram::Snapshot s = child->snapshot();
      for (std::size_t i = 0; i < bounds.size(); ++i)
        out += series(name + "_bucket", labels, values, "le", format_value(bounds[i])) + ' ' +
               std::to_string(s.cumulative[i]) + '\n';
      out += series(name + "_bucket", labels, values, "le", "+Inf") + ' ' + std::to_string(s.count) + '\n';
      out += series(name + "_sum", labels, values) + ' ' + format_value(s.sum) + '\n';
      out += series(name + "_count", labels, values) + ' ' + std::to_string(s.count) + '\n';
    } else {
      out += series(name, labels, values) + ' ' + format_value(child->value()) + '\n';
    }
  }
}

}  // namespace

void Counter::inc(double by) noexcept {
  if (by > 0) value_.fetch_add(by, std::memory_order_relaxed);
}

void Histogram::observe(double v) noexcept {
  // First bucket whose upper bound holds v (bounds are "less than or equal").
  const auto i = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  std::lock_guard lock(mutex_);
  if (i < counts_.size()) ++counts_[i];
  ++count_;
  sum_ += v;
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  std::lock_guard lock(mutex_);
  s.cumulative.reserve(counts_.size());
  std::uint64_t running = 0;
  for (auto c : counts_) s.cumulative.push_back(running += c);
  s.count = count_;
  s.sum = sum_;
  return s;
}

template <typename Child>
Child& Family<Child>::with(const std::vector<std::string>& values) {
  std::vector<std::string> key = values;
  key.resize(labels_.size());
  std::lock_guard lock(mutex_);
  auto it = children_.find(key);
  if (it == children_.end()) {
    std::unique_ptr<Child> child;
    if constexpr (std::is_same_v<Child, Histogram>)
      child = std::make_unique<Histogram>(bounds_);
    else
      child = std::make_unique<Child>();
    it = children_.emplace(std::move(key), std::move(child)).first;
  }
  return *it->second;
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

std::vector<double> default_buckets() { return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}; }

Result<Registry::Entry*> Registry::add(Kind kind, const std::string& name, const std::string& help,
                                       const std::vector<std::string>& labels, const std::vector<double>& bounds) {
  if (!valid_name(name, true)) return invalid("metric name is not valid", name);
  for (const auto& l : labels) {
    if (!valid_name(l, false) || l.rfind("__", 0) == 0 || (kind == Kind::histogram && l == "le"))
      return invalid("label name of " + name + " is not valid or reserved", l);
  }
  for (std::size_t i = 0; i < bounds.size(); ++i)
    if (std::isnan(bounds[i]) || std::isinf(bounds[i]) || (i && bounds[i] <= bounds[i - 1]))
      return invalid("histogram " + name + " needs finite, strictly increasing bounds", format_value(bounds[i]));
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it != families_.end()) {
    Entry& e = it->second;
    const std::vector<std::string>* have = e.counter ? &e.counter->labels_
                                           : e.gauge ? &e.gauge->labels_
                                                     : &e.histogram->labels_;
    if (e.kind != kind || *have != labels || (e.histogram && e.histogram->bounds_ != bounds))
      return Error("metrics.name.conflict", "metric " + name + " is already registered as another kind or labels")
          .as(ErrorCategory::internal);
    return &e;
  }
  Entry e{kind, nullptr, nullptr, nullptr};
  // Label-less families have their one child from the start, so they render as 0.
  if (kind == Kind::counter) {
    e.counter.reset(new CounterFamily(name, help, labels));
    if (labels.empty()) e.counter->with();
  } else if (kind == Kind::gauge) {
    e.gauge.reset(new GaugeFamily(name, help, labels));
    if (labels.empty()) e.gauge->with();
  } else {
    e.histogram.reset(new HistogramFamily(name, help, labels, bounds));
    if (labels.empty()) e.histogram->with();
  }
  return &families_.emplace(name, std::move(e)).first->second;
}

Result<CounterFamily*> Registry::counter(const std::string& name, const std::string& help,
                                         const std::vector<std::string>& labels) {
  EDIGATE_TRY(Entry * e, add(Kind::counter, name, help, labels, {}));
  return e->counter.get();
}

Result<GaugeFamily*> Registry::gauge(const std::string& name, const std::string& help,
                                     const std::vector<std::string>& labels) {
  EDIGATE_TRY(Entry * e, add(Kind::gauge, name, help, labels, {}));
  return e->gauge.get();
}

Result<HistogramFamily*> Registry::histogram(const std::string& name, const std::string& help,
                                             const std::vector<std::string>& labels,
                                             const std::vector<double>& bounds) {
  EDIGATE_TRY(Entry * e, add(Kind::histogram, name, help, labels, bounds));
  return e->histogram.get();
}

std::string Registry::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, e] : families_) {
    if (e.counter) {
      std::lock_guard child_lock(e.counter->mutex_);
      render_family(out, "counter", name, e.counter->help_, e.counter->labels_, {}, e.counter->children_);
    } else if (e.gauge) {
      std::lock_guard child_lock(e.gauge->mutex_);
      render_family(out, "gauge", name, e.gauge->help_, e.gauge->labels_, {}, e.gauge->children_);
    } else {
      std::lock_guard child_lock(e.histogram->mutex_);
      render_family(out, "histogram", name, e.histogram->help_, e.histogram->labels_, e.histogram->bounds_,
                    e.histogram->children_);
    }
  }
  return out;
}

std::string escape_label_value(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string escape_help(const std::string& help) {
  std::string out;
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

}  // namespace edigate::metrics
