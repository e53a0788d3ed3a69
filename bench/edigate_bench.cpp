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

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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

int usage() {
  std::fprintf(stderr,
               "usage: edigate_bench --mode tokenize|validate|translate --standard x12|edifact [--schemas DIR]\n"
               "                     [--plugins DIR --partners DIR --maps DIR] [--runs N] FILE|-\n");
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
    else if (opt.file.empty() && (a == "-" || a.substr(0, 1) != "-"))
      opt.file = std::string(a);
    else
      return usage();
  }
  if (opt.file.empty() || (opt.standard != "x12" && opt.standard != "edifact") ||
      (opt.mode != "tokenize" && opt.mode != "validate" && opt.mode != "translate") ||
      (opt.mode != "tokenize" && opt.schemas.empty()) ||
      (opt.mode == "translate" && (opt.plugins.empty() || opt.partners.empty() || opt.maps.empty())))
    return usage();
  if (opt.file == "-" || opt.runs < 1) opt.runs = 1;  // a pipe can be read once

  auto format = make_plugin(opt.standard);
  std::unique_ptr<TranslateWorld> world;
  std::ofstream devnull;
  if (opt.mode == "translate" || opt.mode == "validate") {
    world = std::make_unique<TranslateWorld>(opt);
    auto problems = world->plugins.load_directory(opt.plugins);
    if (!world->plugins.format_for_standard(opt.standard == "x12" ? "X12" : "EDIFACT")) {
      for (const auto& e : problems) std::fprintf(stderr, "edigate_bench: %s\n", e.to_string().c_str());
      std::fprintf(stderr, "edigate_bench: no %s plugin in %s\n", opt.standard.c_str(), opt.plugins.c_str());
      return 1;
    }
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
      "\"output_bytes\":%llu,\"first_error\":\"%s\"}\n",
      opt.mode.c_str(), opt.standard.c_str(), json_escape(opt.file).c_str(), opt.runs,
      static_cast<unsigned long long>(counts.bytes), best, best > 0 ? mb / best : 0.0,
      static_cast<unsigned long long>(counts.segments), best > 0 ? static_cast<double>(counts.segments) / best : 0.0,
      static_cast<unsigned long long>(counts.messages), best > 0 ? static_cast<double>(counts.messages) / best : 0.0,
      static_cast<unsigned long long>(counts.interchanges), static_cast<unsigned long long>(counts.errors),
      static_cast<unsigned long long>(counts.warnings), static_cast<unsigned long long>(counts.schema_missing),
      peak_rss_kib(), static_cast<unsigned long long>(counts.output_bytes),
      counts.first_errors.empty() ? "" : json_escape(counts.first_errors.front()).c_str());
  return 0;
}
