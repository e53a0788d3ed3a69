// edigate replay: deliveries, partner sends and dead-lettered inputs back into the queue (pipeline/replay.hpp).
#include "cli/commands.hpp"
#include "cli/replay_output.hpp"
#include "cli/store_access.hpp"

#include <ostream>

namespace edigate::cli {
namespace {

const char* const kReplayHelp =
    "usage: edigate replay MESSAGE_ID [--data DIR] [--config FILE]\n"
    "       edigate replay --dead-letter [--destination NAME] [--partner ID] [--data DIR] [--config FILE]\n"
    "       edigate replay --input N [--data DIR] [--config FILE]\n"
    "       edigate replay --outbound N [--data DIR] [--config FILE]\n"
    "\n"
    "MESSAGE_ID     deliver the message again: its dead deliveries back to ready, else a new\n"
    "               delivery to every destination it was routed to (receivers dedupe by its id)\n"
    "--dead-letter  every dead delivery and every dead partner send back to ready (attempts\n"
    "               reset), or only deliveries to --destination NAME, and/or deliveries and\n"
    "               sends of --partner ID\n"
    "--input N      a dead-lettered input (unknown sender, missing map) processed again, e.g.\n"
    "               after onboarding its partner; 'edigate reprocess N' translates any input again\n"
    "--outbound N   a partner-bound document sent again: its dead send back to ready, or a new\n"
    "               send when it was sent before (the partner lost it)\n"
    "\n"
    "Only work items are written: a running gateway picks them up within a second, a stopped one\n"
    "at its next start. Prints one line per queued item.\n"
    "Exit status: 0 ok, 1 no such message or input, or nothing to replay for it, 2 usage or I/O\n"
    "error, 3 configuration (schema too old or too new).\n";

std::vector<OptionSpec> replay_options() {
  auto specs = store_options();
  specs.push_back({"dead-letter", false, false, "", "replay dead deliveries (all, or filtered)"});
  specs.push_back({"destination", true, false, "NAME", "with --dead-letter: only deliveries to this destination"});
  specs.push_back({"partner", true, false, "ID", "with --dead-letter: only messages from or to this partner"});
  specs.push_back({"input", true, false, "N", "replay a dead-lettered input"});
  specs.push_back({"outbound", true, false, "N", "send a partner-bound document again"});
  return specs;
}

/// --dead-letter: dead deliveries, then dead partner sends unless the filter names a destination.
Result<pipeline::ReplayReport> replay_dead_letters(store::Store& store, const std::string& destination,
                                                   const std::string& partner) {
  EDIGATE_TRY(auto report, pipeline::replay_dead_deliveries(store, destination, partner));
  if (!destination.empty()) return report;
  EDIGATE_TRY(auto sends, pipeline::replay_dead_sends(store, partner));
  for (auto& item : sends.items) report.items.push_back(std::move(item));
  return report;
}

}  // namespace

int cmd_replay(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("replay", words, replay_options(), kReplayHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const bool dead = args.has("dead-letter");
  const bool input = args.has("input");
  const bool outbound = args.has("outbound");
  const int modes = (dead ? 1 : 0) + (input ? 1 : 0) + (outbound ? 1 : 0) + (args.positional.empty() ? 0 : 1);
  if (modes != 1 || args.positional.size() > 1) {
    return usage_error("replay", "expected one MESSAGE_ID, --dead-letter, --input N or --outbound N", kReplayHelp, err);
  }
  if (!dead && (args.has("destination") || args.has("partner"))) {
    return usage_error("replay", "--destination and --partner filter --dead-letter", kReplayHelp, err);
  }
  std::optional<std::int64_t> number;
  if (input || outbound) {
    const char* option = input ? "input" : "outbound";
    number = input_number(args.get(option));
    if (!number) {
      return usage_error("replay",
                         std::string("--") + option + " needs " + (input ? "an input" : "an outbound document") +
                             " number, got '" + args.get(option) + "'",
                         kReplayHelp, err);
    }
  }
  auto opened = open_store(args);
  if (!opened) return report_error("replay", opened.error(), err);
  store::Store& store = **opened;
  auto report = dead       ? replay_dead_letters(store, args.get("destination"), args.get("partner"))
                : input    ? pipeline::replay_input(store, *number)
                : outbound ? pipeline::replay_outbound(store, *number)
                           : pipeline::replay_message(store, args.positional[0]);
  if (!report) return report_error("replay", report.error(), err);
  print_requeued(*report, out);
  return kExitOk;
}

}  // namespace edigate::cli
