// edigate reprocess: a stored input translated again after a map fix (pipeline/replay.hpp).
#include "cli/commands.hpp"
#include "cli/replay_output.hpp"
#include "cli/store_access.hpp"

#include <ostream>

namespace edigate::cli {
namespace {

const char* const kReprocessHelp =
    "usage: edigate reprocess N... [--data DIR] [--config FILE]\n"
    "\n"
    "Queues stored input N (the number in 'edigate trace', the admin API's raw link and the\n"
    "events) to be translated again with the current partner profiles and maps. Its interchanges\n"
    "are recognised as already received: nothing is acknowledged a second time. Message ids are\n"
    "deterministic, so its messages keep their ids: each is updated in place and delivered again\n"
    "under the same id (receivers dedupe). A dead-lettered input leaves the dead letters.\n"
    "\n"
    "Only work items are written: a running gateway picks them up within a second, a stopped one\n"
    "at its next start.\n"
    "Exit status: 0 ok, 1 no such input or already queued, 2 usage or I/O error, 3 configuration.\n";

}  // namespace

int cmd_reprocess(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("reprocess", words, store_options(), kReprocessHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.empty()) return usage_error("reprocess", "expected an input number", kReprocessHelp, err);
  std::vector<std::int64_t> ids;
  for (const auto& word : args.positional) {
    auto id = input_number(word);
    if (!id) return usage_error("reprocess", "not an input number: '" + word + "'", kReprocessHelp, err);
    ids.push_back(*id);
  }
  auto opened = open_store(args);
  if (!opened) return report_error("reprocess", opened.error(), err);
  pipeline::ReplayReport all;
  int worst = kExitOk;
  for (auto id : ids) {
    auto report = pipeline::reprocess_input(**opened, id);
    if (!report) {
      worst = std::max(worst, report_error("reprocess", report.error(), err));
      continue;
    }
    all.items.insert(all.items.end(), report->items.begin(), report->items.end());
  }
  print_requeued(all, out);
  return worst;
}

}  // namespace edigate::cli
