// Single-threaded throughput driver for `make bench`. One measurement per process, so the
// peak RSS it reports (getrusage ru_maxrss) belongs to that measurement alone.
//
//   edigate_bench --mode tokenize|validate|translate --standard x12|edifact [--schemas DIR]
//                 [--plugins DIR --partners DIR --maps DIR] [--runs N] FILE|-
//
// tokenize: the plugin's reader with materialize=false (tokenizer + envelope checks only).
// validate: what `edigate validate` does, the one inbound pass in validate-only mode (reader +
//           full schema validation of every transaction).
// translate: what `edigate translate FILE > /dev/null` does: translation::translate_inbound
//   with the plugins loaded from --plugins, each interchange routed to the partner in
//   --partners claiming its sender, schema validation, the partner's inbound map, and every
//   message written as its canonical JSON line (InboundSink::on_line, as the CLI takes it)
//   with a newline to /dev/null.
// validate --preload-library: before measuring, the registry also loads one message of every
//   EDIFACT directory and variant in --schemas (so every directory's dictionary is in memory:
//   the big library loaded, not just present), and the JSON says how many it loaded.
//
//   edigate_bench --mode first-use --standard edifact --schemas DIR [--sample N]
// first-use: the cost of the first use of a message of the generated library: for about N
//   messages, as many from every EDIFACT directory and variant listed in DIR, a fresh Registry
//   (nothing cached) finds the message: its directory's dictionary is read, checked and
//   indexed and the message compiled. Wall and thread CPU milliseconds, p50/p90/max; then a
//   second message of the same directory in the same registry (dictionary reused). The process's
//   first schema also compiles the XSD, paid once: measured apart ("warm-up").
// Prints one JSON object on stdout: best-of-N seconds, MB/s (10^6 bytes), segments/s,
// messages/s, error/warning counts and peak RSS in KiB. "segments" counts transaction-set
// segments, header..trailer inclusive (ST..SE / UNH..UNT), as the readers report them
// (translate does not count them: 0); translate adds the canonical JSON bytes written.
#include "canonical/json_io.hpp"
#include "edifact_plugin.hpp"
#include "io/file_input.hpp"
#include "io/peek_input.hpp"
#include "partners/registry.hpp"
#include "plugin_host/plugin_host.hpp"
#include "schema/registry.hpp"
#include "translation/inbound.hpp"
#include "x12_plugin.hpp"

#include <edigate/codes.hpp>
#include <edigate/format_plugin.hpp>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace edigate;

namespace {

struct Options {
  std::string mode = "tokenize";
  std::string standard;
  std::string schemas;
  std::string plugins, partners, maps;  // translate
  std::string file;
  int runs = 3;
  bool preload_library = false;  // validate: one message of every EDIFACT directory loaded first
  int sample = 60;               // first-use: messages measured
};

struct Counts {
  std::uint64_t bytes = 0, segments = 0, messages = 0, interchanges = 0, errors = 0, warnings = 0;
  std::uint64_t schema_missing = 0;  // schema.not_found warnings: sets read envelope-only
  std::uint64_t output_bytes = 0;    // translate: canonical JSON Lines written
  std::vector<std::string> first_errors;
};

std::unique_ptr<FormatPlugin> make_plugin(const std::string& standard) {
  Plugin* p = standard == "x12" ? x12::create_plugin() : edifact::create_plugin();
  return std::unique_ptr<FormatPlugin>(static_cast<FormatPlugin*>(p));
}

void note(Counts& c, const Error& e) {
  if (e.code == codes::schema_not_found) ++c.schema_missing;
  if (e.is_warning()) {
    ++c.warnings;
    return;
  }
  ++c.errors;
  if (c.first_errors.size() < 5) c.first_errors.push_back(e.to_string());
}

Result<Counts> run_tokenize(FormatPlugin& format, InputStream& in) {
  ReaderOptions options;
  options.file = in.name();
  options.materialize = false;
  EDIGATE_TRY(auto reader, format.open(in, options));
  Counts c;
  Event ev;
  for (;;) {
    EDIGATE_TRY(bool more, reader->next(ev));
    if (!more) break;
    if (ev.kind == EventKind::transaction) {
      ++c.messages;
      c.segments += ev.info.segment_count;
    } else if (ev.kind == EventKind::interchange_begin) {
      ++c.interchanges;
    }
    for (const auto& e : ev.issues) note(c, e);
  }
  c.bytes = reader->offset();
  return c;
}

/// Counts the bytes the translation pulls (translate_inbound reports messages, not bytes).
class CountingInput final : public InputStream {
 public:
  explicit CountingInput(InputStream& inner) : inner_(inner) {}
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override {
    auto r = inner_.read(buf, n);
    if (r) bytes += *r;
    return r;
  }
  const std::string& name() const noexcept override { return inner_.name(); }
  std::uint64_t bytes = 0;

 private:
  InputStream& inner_;
};

/// What a translate run shares across runs: plugins, schemas, map cache, partner registry.
struct TranslateWorld {
  plugin_host::PluginHost plugins;
  schema::Registry schemas;
  translation::FileCache files;
  partners::PartnerRegistry registry;
  TranslateWorld(const Options& o)
      : schemas({o.schemas}), files(o.maps, mapping::MapChecks{true, &schemas}), registry(o.partners) {}
};

/// What `edigate validate FILE` does: the one inbound pass (translation::translate_inbound) in
/// validate-only mode, every transaction schema-validated, no maps run.
Result<Counts> run_validate(TranslateWorld& w, InputStream& file) {
  io::PeekInput in(file);
  translation::Services services{w.plugins, &w.schemas, w.files};
  translation::InboundOptions options;
  options.file = file.name();
  options.translate = false;
  Counts c;
  translation::InboundSink sink;
  sink.on_issue = [&](const Error& e) { note(c, e); };
  EDIGATE_TRY(auto summary, translation::translate_inbound(services, in, options, sink));
  c.bytes = summary.bytes;
  c.segments = summary.segments;
  c.messages = summary.transactions;
  c.interchanges = summary.interchanges;
  return c;
}

Result<Counts> run_translate(TranslateWorld& w, InputStream& file, std::ostream& sink_stream) {
  CountingInput counted(file);
  io::PeekInput in(counted);
  translation::Services services{w.plugins, &w.schemas, w.files};
  translation::InboundOptions options;
  options.file = file.name();
  options.registry = w.registry.snapshot();  // route each interchange by its sender
  Counts c;
  translation::InboundSink sink;
  // The CLI's writer (cli/cmd_translate.cpp): each message's JSON line, then '\n'.
  sink.on_line = [&](std::string_view line) {
    c.output_bytes += line.size() + 1;
    sink_stream << line << '\n';
  };
  sink.on_issue = [&](const Error& e) { note(c, e); };
  EDIGATE_TRY(auto summary, translation::translate_inbound(services, in, options, sink));
  sink_stream.flush();
  c.bytes = counted.bytes;
  c.messages = summary.messages;
  if (summary.transactions != summary.messages && c.first_errors.size() < 5)
    c.first_errors.push_back(std::to_string(summary.transactions - summary.messages) + " of " +
                             std::to_string(summary.transactions) + " transactions gave no message");
  if (summary.transactions != summary.messages && c.errors == 0) ++c.errors;
  return c;
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;  // KiB on Linux
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (static_cast<unsigned char>(ch) < 0x20) {
      out += ' ';
      continue;
    }
    out += ch;
  }
  return out;
}

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

/// The release a transaction would carry for a listed schema: EANCOM variants are selected by
/// UNH 0057 (schema::variant_of_release).
std::string release_for(const schema::ListedSchema& s) {
  return s.variant == "EANCOM" ? "D:" + s.version.substr(1) + ":UN:EAN000" : std::string();
}

/// Every EDIFACT schema of the generated library (those naming a dictionary), sorted.
std::vector<schema::ListedSchema> generated_edifact(const schema::Registry& registry) {
  std::vector<schema::ListedSchema> all, out;
  (void)registry.list(all);
  for (auto& s : all) {
    if (s.standard != "EDIFACT") continue;
    std::ifstream in(s.file);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (head.find("dictionary=") != std::string::npos) out.push_back(std::move(s));
  }
  return out;
}

/// Loads one generated message of every directory and variant; returns how many loaded.
std::size_t preload_library(schema::Registry& registry) {
  std::map<std::string, const schema::ListedSchema*> first;
  auto listed = generated_edifact(registry);
  for (const auto& s : listed) first.emplace(s.version + "/" + s.variant, &s);
  std::size_t loaded = 0;
  for (const auto& [dir, s] : first) {
    auto r = registry.find("EDIFACT", s->version, s->set, release_for(*s));
    if (r && *r) ++loaded;
  }
  return loaded;
}

struct Percentiles {
  double p50 = 0, p90 = 0, max = 0;
};
Percentiles percentiles(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 9 / 10)], v.back()};
}

int run_first_use(const Options& opt) {
  schema::Registry lister({opt.schemas});
  auto listed = generated_edifact(lister);
  if (listed.empty()) {
    std::fprintf(stderr, "edigate_bench: no generated EDIFACT schemas under %s\n", opt.schemas.c_str());
    return 1;
  }
  // Warm-up: the first schema of a process compiles the XSD (once per process).
  double warm_wall = 0, warm_cpu = 0;
  {
    schema::Registry warm({opt.schemas});
    const auto& w = listed.front();
    double c0 = thread_cpu_ms();
    auto t0 = std::chrono::steady_clock::now();
    auto r = warm.find("EDIFACT", w.version, w.set, release_for(w));
    warm_wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    warm_cpu = thread_cpu_ms() - c0;
    if (!r || !*r) {
      std::fprintf(stderr, "edigate_bench: %s does not load\n", w.file.c_str());
      return 1;
    }
  }
  // The sample: as many messages from each directory and variant, spread evenly over each.
  std::map<std::string, std::vector<const schema::ListedSchema*>> by_dir;
  for (const auto& s : listed) by_dir[s.version + "/" + s.variant].push_back(&s);
  const std::size_t per_dir = std::max<std::size_t>(1, (std::max(opt.sample, 1) + by_dir.size() - 1) / by_dir.size());
  std::vector<const schema::ListedSchema*> sample;
  for (const auto& [dir, messages] : by_dir)
    for (std::size_t k = 0; k < per_dir && k < messages.size(); ++k)
      sample.push_back(messages[k * messages.size() / std::min(per_dir, messages.size())]);
  const std::size_t n = sample.size();
  std::vector<double> wall, cpu, next_wall;
  std::map<std::string, int> dirs;
  std::string slowest;
  double slowest_ms = -1;
  for (const schema::ListedSchema* sp : sample) {
    const auto& s = *sp;
    schema::Registry registry({opt.schemas});
    double c0 = thread_cpu_ms();
    auto t0 = std::chrono::steady_clock::now();
    auto r = registry.find("EDIFACT", s.version, s.set, release_for(s));
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    cpu.push_back(thread_cpu_ms() - c0);
    wall.push_back(ms);
    if (!r || !*r) {
      std::fprintf(stderr, "edigate_bench: %s does not load\n", s.file.c_str());
      return 1;
    }
    if (ms > slowest_ms) {
      slowest_ms = ms;
      slowest = s.version + (s.variant.empty() ? "" : "/" + s.variant) + " " + s.set;
    }
    ++dirs[s.version + "/" + s.variant];
    // A second message of the same directory: its dictionary is already loaded.
    const auto* other = &s;
    for (const auto& t : listed)
      if (t.version == s.version && t.variant == s.variant && t.set != s.set) {
        other = &t;
        break;
      }
    if (other != &s) {
      auto t1 = std::chrono::steady_clock::now();
      auto r2 = registry.find("EDIFACT", other->version, other->set, release_for(*other));
      next_wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count());
      if (!r2 || !*r2) {
        std::fprintf(stderr, "edigate_bench: %s does not load\n", other->file.c_str());
        return 1;
      }
    }
  }
  Percentiles w = percentiles(wall), c = percentiles(cpu), nx = percentiles(next_wall);
  std::printf(
      "{\"mode\":\"first-use\",\"standard\":\"edifact\",\"library_messages\":%zu,\"sample\":%zu,"
      "\"directories\":%zu,\"warmup_wall_ms\":%.2f,\"warmup_cpu_ms\":%.2f,\"wall_p50_ms\":%.2f,"
      "\"wall_p90_ms\":%.2f,\"wall_max_ms\":%.2f,\"cpu_p50_ms\":%.2f,\"cpu_p90_ms\":%.2f,\"cpu_max_ms\":%.2f,"
      "\"next_wall_p50_ms\":%.2f,\"next_wall_max_ms\":%.2f,\"slowest\":\"%s\",\"peak_rss_kib\":%ld}\n",
      listed.size(), n, dirs.size(), warm_wall, warm_cpu, w.p50, w.p90, w.max, c.p50, c.p90, c.max, nx.p50, nx.max,
      json_escape(slowest).c_str(), peak_rss_kib());
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: edigate_bench --mode tokenize|validate|translate --standard x12|edifact [--schemas DIR]\n"
               "                     [--plugins DIR --partners DIR --maps DIR] [--runs N] [--preload-library] FILE|-\n"
               "       edigate_bench --mode first-use --standard edifact --schemas DIR [--sample N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (i + 1 < argc && a == "--mode")
      opt.mode = argv[++i];
    else if (i + 1 < argc && a == "--standard")
      opt.standard = argv[++i];
    else if (i + 1 < argc && a == "--schemas")
      opt.schemas = argv[++i];
    else if (i + 1 < argc && a == "--plugins")
      opt.plugins = argv[++i];
    else if (i + 1 < argc && a == "--partners")
      opt.partners = argv[++i];
    else if (i + 1 < argc && a == "--maps")
      opt.maps = argv[++i];
    else if (i + 1 < argc && a == "--runs")
      opt.runs = std::atoi(argv[++i]);
    else if (i + 1 < argc && a == "--sample")
      opt.sample = std::atoi(argv[++i]);
    else if (a == "--preload-library")
      opt.preload_library = true;
    else if (opt.file.empty() && (a == "-" || a.substr(0, 1) != "-"))
      opt.file = std::string(a);
    else
      return usage();
  }
  if (opt.mode == "first-use") return opt.schemas.empty() ? usage() : run_first_use(opt);
  if (opt.file.empty() || (opt.standard != "x12" && opt.standard != "edifact") ||
      (opt.mode != "tokenize" && opt.mode != "validate" && opt.mode != "translate") ||
      (opt.mode != "tokenize" && opt.schemas.empty()) ||
      (opt.mode == "translate" && (opt.plugins.empty() || opt.partners.empty() || opt.maps.empty())))
    return usage();
  if (opt.file == "-" || opt.runs < 1) opt.runs = 1;  // a pipe can be read once

  auto format = make_plugin(opt.standard);
  std::unique_ptr<TranslateWorld> world;
  std::ofstream devnull;
  std::size_t preloaded = 0;  // --preload-library: messages (one per directory) loaded first
  if (opt.mode == "translate" || opt.mode == "validate") {
    world = std::make_unique<TranslateWorld>(opt);
    auto problems = world->plugins.load_directory(opt.plugins);
    if (!world->plugins.format_for_standard(opt.standard == "x12" ? "X12" : "EDIFACT")) {
      for (const auto& e : problems) std::fprintf(stderr, "edigate_bench: %s\n", e.to_string().c_str());
      std::fprintf(stderr, "edigate_bench: no %s plugin in %s\n", opt.standard.c_str(), opt.plugins.c_str());
      return 1;
    }
    if (opt.preload_library) preloaded = preload_library(world->schemas);
    if (opt.mode == "translate")
      for (const auto& e : world->registry.snapshot()->errors)
        std::fprintf(stderr, "edigate_bench: partners: %s\n", e.to_string().c_str());
    devnull.open("/dev/null", std::ios::binary);
  }
  double best = 0;
  Counts counts;
  for (int run = 0; run < opt.runs; ++run) {
    auto file = io::FileInput::open(opt.file);
    if (!file) {
      std::fprintf(stderr, "edigate_bench: %s\n", file.error().to_string().c_str());
      return 1;
    }
    auto start = std::chrono::steady_clock::now();
    auto result = opt.mode == "tokenize"   ? run_tokenize(*format, **file)
                  : opt.mode == "validate" ? run_validate(*world, **file)
                                           : run_translate(*world, **file, devnull);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result) {
      std::fprintf(stderr, "edigate_bench: %s\n", result.error().to_string().c_str());
      return 1;
    }
    if (run == 0 || seconds < best) best = seconds;
    counts = std::move(*result);
  }
  for (const auto& e : counts.first_errors) std::fprintf(stderr, "edigate_bench: input error: %s\n", e.c_str());

  double mb = static_cast<double>(counts.bytes) / 1e6;
  std::printf(
      "{\"mode\":\"%s\",\"standard\":\"%s\",\"file\":\"%s\",\"runs\":%d,\"bytes\":%llu,\"seconds\":%.4f,"
      "\"mb_per_s\":%.1f,\"segments\":%llu,\"segments_per_s\":%.0f,\"messages\":%llu,\"messages_per_s\":%.0f,"
      "\"interchanges\":%llu,\"errors\":%llu,\"warnings\":%llu,\"schema_missing\":%llu,\"peak_rss_kib\":%ld,"
      "\"output_bytes\":%llu,\"preloaded_messages\":%zu,\"first_error\":\"%s\"}\n",
      opt.mode.c_str(), opt.standard.c_str(), json_escape(opt.file).c_str(), opt.runs,
      static_cast<unsigned long long>(counts.bytes), best, best > 0 ? mb / best : 0.0,
      static_cast<unsigned long long>(counts.segments), best > 0 ? static_cast<double>(counts.segments) / best : 0.0,
      static_cast<unsigned long long>(counts.messages), best > 0 ? static_cast<double>(counts.messages) / best : 0.0,
      static_cast<unsigned long long>(counts.interchanges), static_cast<unsigned long long>(counts.errors),
      static_cast<unsigned long long>(counts.warnings), static_cast<unsigned long long>(counts.schema_missing),
      peak_rss_kib(), static_cast<unsigned long long>(counts.output_bytes), preloaded,
      counts.first_errors.empty() ? "" : json_escape(counts.first_errors.front()).c_str());
  return 0;
}
