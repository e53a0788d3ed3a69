// edigate translate FILE...: canonical JSON, one message per line on stdout; positioned errors
// on stderr; exit 0 all translated, 1 anything not translated, 2 usage or I/O error.
#include "canonical/json_io.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "translation/inbound.hpp"

#include <algorithm>
#include <ostream>

namespace edigate::cli {

static const char* const kTranslateHelp =
    "usage: edigate translate [--partner ID] [options] FILE...   (FILE '-' reads stdin)\n"
    "\n"
    "Translates EDI (X12, EDIFACT) or carrier JSON into canonical messages (edigate.canonical/v1),\n"
    "one JSON object per line on stdout. Each transaction is validated (envelope and schema), then\n"
    "mapped with the partner's inbound document for its set; a transaction that fails gives\n"
    "positioned errors on stderr and no message, and the others still translate.\n"
    "Without --partner, each interchange goes to the partner claiming its sender (ISA05/ISA06,\n"
    "UNB S002) in --partners; JSON input needs --partner.\n"
    "Exit status: 0 all translated, 1 anything not translated (unknown partner included), 2 usage\n"
    "or I/O error.\n"
    "\n"
    "options:\n"
    "  --no-warnings            print errors only\n";

namespace {

bool is_io(const Error& e) { return e.code.rfind("io.", 0) == 0; }

}  // namespace

int cmd_translate(const Words& words, std::ostream& out, std::ostream& err) {
  auto specs = input_options();
  specs.push_back({"no-warnings", false, false});
  int exit_code = kExitOk;
  auto started = start_command("translate", words, specs, std::string(kTranslateHelp) + kInputOptionsHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.empty()) {
    err << "edigate translate: no input file given\n" << kTranslateHelp;
    return kExitUsage;
  }
  auto ctx = Context::create(args, err);
  if (!ctx) {
    err << "edigate translate: " << ctx.error().to_string() << "\n";
    return ctx.error().code == "cli.unknown_partner" ? kExitInvalid : kExitUsage;
  }
  translation::FileCache files(maps_dir(args), mapping::MapChecks{true, (*ctx)->schemas()});
  translation::Services services{(*ctx)->plugins(), (*ctx)->schemas(), files};

  translation::InboundOptions options;
  options.partner = (*ctx)->partner_profile();
  if (!options.partner) {
    partners::PartnerRegistry registry(partners_dir(args));
    options.registry = registry.snapshot();
    // A broken profile may be the one the sender needed: say so up front.
    for (const auto& e : options.registry->errors) err << "edigate translate: warning: " << e.to_string() << "\n";
  }
  options.reader = (*ctx)->reader_options();
  options.strict = args.has("strict");
  options.standard = args.get("standard");
  std::transform(options.standard.begin(), options.standard.end(), options.standard.begin(), ::toupper);
  const bool warnings = !args.has("no-warnings");

  for (const auto& path : args.positional) {
    auto file = io::FileInput::open(path);
    if (!file) {
      err << file.error().to_string() << "\n";
      exit_code = kExitUsage;
      continue;
    }
    io::PeekInput in(**file);
    options.file = path;
    translation::InboundSink sink;
    // Lines only: translation writes each message's JSON text directly where the map allows.
    sink.on_line = [&](std::string_view line) { out << line << '\n'; };
    sink.on_issue = [&](const Error& e) {
      if (warnings || !e.is_warning()) err << e.to_string() << "\n";
    };
    auto summary = translation::translate_inbound(services, in, options, sink);
    if (!summary) {
      err << summary.error().to_string() << "\n";
      exit_code = is_io(summary.error()) ? kExitUsage : std::max(exit_code, kExitInvalid);
      continue;
    }
    if (!summary->ok()) exit_code = std::max(exit_code, kExitInvalid);
    if (summary->transactions == 0 && summary->errors == 0) {
      Error e("translate.empty", "no interchange, message or JSON document found");
      e.position.file = path;
      err << e.to_string() << "\n";
      exit_code = std::max(exit_code, kExitInvalid);
    }
  }
  out.flush();
  return exit_code;
}

}  // namespace edigate::cli
