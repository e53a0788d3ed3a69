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
    "Exit status: 0 all translated, 1 invalid input, 2 usage or I/O error, 3 not translated\n"
    "because of configuration (unknown partner, missing map or schema), 4 internal error.\n";

int cmd_translate(const Words& words, std::ostream& out, std::ostream& err) {
  auto specs = input_options();
  specs.insert(specs.begin(), {"no-warnings", false, false, "", "print errors only"});
  for (auto& spec : specs)
    if (spec.name == "maps") spec = maps_option();
  int exit_code = kExitOk;
  auto started = start_command("translate", words, specs, kTranslateHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.empty()) {
    return usage_error("translate", "no input file given", kTranslateHelp, err);
  }
  auto ctx = Context::create(args, err);
  if (!ctx) {
    err << "edigate translate: " << ctx.error().to_string() << "\n";
    return std::max(kExitUsage, exit_code_for(ctx.error().category));
  }
  note_folders("translate", args, true, true, err);
  if (!(*ctx)->partner())  // a broken profile may be the one the sender needed: say so up front
    for (const auto& e : (*ctx)->runtime().partners().snapshot()->errors)
      err << "edigate translate: warning: " << e.to_string() << "\n";
  const bool warnings = !args.has("no-warnings");

  for (const auto& path : args.positional) {
    auto file = io::FileInput::open(path);
    if (!file) {
      err << file.error().to_string() << "\n";
      exit_code = std::max(exit_code, exit_code_for(file.error().category));
      continue;
    }
    io::PeekInput in(**file);
    translation::InboundSink sink;
    // Lines only: translation writes each message's JSON text directly where the map allows.
    sink.on_line = [&](std::string_view line) { out << line << '\n'; };
    sink.on_issue = [&](const Error& e) {
      if (warnings || !e.is_warning()) err << e.to_string() << "\n";
    };
    auto summary =
        translation::translate_inbound((*ctx)->runtime().services(), in, (*ctx)->inbound_options(path, true), sink);
    if (!summary) {
      err << summary.error().to_string() << "\n";
      exit_code = std::max(exit_code, exit_code_for(summary.error().category));
      continue;
    }
    exit_code = std::max(exit_code, exit_code_of(*summary));
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
