// edigate replay: deliveries and dead-lettered inputs back into the queue (pipeline/replay.hpp).
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
    "\n"
    "MESSAGE_ID     deliver the message again: its dead deliveries back to ready, else a new\n"
    "               delivery to every destination it was routed to (receivers dedupe by its id)\n"
    "--dead-letter  every dead delivery back to ready (attempts reset), or only those to\n"
    "               --destination NAME and/or of messages from --partner ID\n"
    "--input N      a dead-lettered input (unknown sender, missing map) processed again, e.g.\n"
    "               after onboarding its partner; 'edigate reprocess N' translates any input again\n"
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
  return specs;
}

}  // namespace

int cmd_replay(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("replay", words, replay_options(), kReplayHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const bool dead = args.has("dead-letter");
  const bool input = args.has("input");
  const int modes = (dead ? 1 : 0) + (input ? 1 : 0) + (args.positional.empty() ? 0 : 1);
  if (modes != 1 || args.positional.size() > 1) {
    return usage_error("replay", "expected one MESSAGE_ID, --dead-letter or --input N", kReplayHelp, err);
  }
  if (!dead && (args.has("destination") || args.has("partner"))) {
    return usage_error("replay", "--destination and --partner filter --dead-letter", kReplayHelp, err);
  }
  std::optional<std::int64_t> input_id;
  if (input) {
    input_id = input_number(args.get("input"));
    if (!input_id) {
      return usage_error("replay", "--input needs an input number, got '" + args.get("input") + "'", kReplayHelp, err);
    }
  }
  auto opened = open_store(args);
  if (!opened) return report_error("replay", opened.error(), err);
  store::Store& store = **opened;
  auto report = dead    ? pipeline::replay_dead_deliveries(store, args.get("destination"), args.get("partner"))
                : input ? pipeline::replay_input(store, *input_id)
                        : pipeline::replay_message(store, args.positional[0]);
  if (!report) return report_error("replay", report.error(), err);
  print_requeued(*report, out);
  return kExitOk;
}

}  // namespace edigate::cli
