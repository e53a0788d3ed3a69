// edigate validate FILE...: one line per problem, exit 0 valid / 1 invalid / 2 usage or I/O.
#include "cli/commands.hpp"
#include "cli/context.hpp"

#include <edigate/abi.hpp>

#include <algorithm>
#include <ostream>

namespace edigate::cli {

static const char* const kValidateHelp =
    "usage: edigate validate [options] FILE...   (FILE '-' reads stdin)\n"
    "\n"
    "Checks envelopes (ISA/GS/ST, UNB/UNG/UNH: counts, control numbers, nesting, delimiters)\n"
    "and, where a schema exists, each transaction set's content (segment order, loops, usage,\n"
    "repeats, element types, lengths, codes, dates, syntax rules).\n"
    "Prints one line per problem:  FILE:BYTE_OFFSET: segment N (ID) element M: what [code]\n"
    "Exit status: 0 all valid (warnings allowed), 1 any invalid, 2 usage or I/O error.\n";

int cmd_validate(const Words& words, std::ostream& out, std::ostream& err) {
  auto specs = input_options();
  specs.insert(specs.begin(), {{"no-warnings", false, false, "", "print errors only"},
                               {"summary", false, false, "", "print a one-line summary per file on stderr"}});
  int exit_code = kExitOk;
  auto started = start_command("validate", words, specs, kValidateHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.empty()) {
    return usage_error("validate", "no input file given", kValidateHelp, err);
  }
  if (args.has("partner")) note_folders("validate", args, true, false, err);
  auto ctx = Context::create(args, err);
  if (!ctx) {
    err << "edigate validate: " << ctx.error().to_string() << "\n";
    return kExitUsage;
  }
  const bool warnings = !args.has("no-warnings");
  exit_code = kExitOk;
  for (const auto& path : args.positional) {
    auto file = io::FileInput::open(path);
    if (!file) {
      out << file.error().to_string() << "\n";
      exit_code = std::max(exit_code, exit_code_for(file.error().category));
      continue;
    }
    io::PeekInput in(**file);
    translation::InboundSink sink;
    sink.on_issue = [&](const Error& e) {
      if (warnings || !e.is_warning()) out << e.to_string() << "\n";
    };
    // The same pass translate and ack take (routing, the partner's tolerance, one verdict).
    auto summary =
        translation::translate_inbound((*ctx)->runtime().services(), in, (*ctx)->inbound_options(path, false), sink);
    if (!summary) {
      out << summary.error().to_string() << "\n";
      exit_code = std::max(exit_code, exit_code_for(summary.error().category));
      continue;
    }
    exit_code = std::max(exit_code, exit_code_of(*summary));
    if (summary->interchanges == 0 && summary->transactions == 0 && summary->errors == 0) {
      Error e("validate.empty", "no interchange or message found");
      e.position.file = path;
      out << e.to_string() << "\n";
      exit_code = std::max(exit_code, kExitInvalid);
    }
    if (args.has("summary"))
      err << path << ": " << summary->standard << ", " << summary->bytes << " bytes, " << summary->interchanges
          << " interchange(s), " << summary->groups << " group(s), " << summary->transactions << " transaction(s) ("
          << summary->transactions_rejected << " rejected), " << summary->errors << " error(s), " << summary->warnings
          << " warning(s)\n";
  }
  return exit_code;
}

}  // namespace edigate::cli
