// edigate plugins list: what the runtime found and loaded.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/table.hpp"

#include <edigate/abi.hpp>

#include <ostream>

namespace edigate::cli {

static const char* const kPluginsHelp =
    "usage: edigate plugins list [--plugins DIR]...\n"
    "\n"
    "Loads every plugin in the plugin folders (default: $EDIGATE_PLUGIN_PATH, else the\n"
    "installed folder) and prints name, kind, version, SDK ABI and file. Libraries that fail to\n"
    "load are reported on stderr; the others are still listed. Exit 1 when any failed.\n";

int cmd_plugins(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command(
      "plugins", words,
      {{"plugins", true, true, "DIR", "plugin folder (default: $EDIGATE_PLUGIN_PATH, else the installed one)"}},
      kPluginsHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.size() != 1 || args.positional[0] != "list") {
    return usage_error(
        "plugins",
        "expected 'list'" + (args.positional.empty() ? std::string() : did_you_mean(args.positional[0], {"list"})),
        kPluginsHelp, err);
  }
  std::vector<std::filesystem::path> dirs;
  for (const auto& d : args.all("plugins")) dirs.emplace_back(d);
  if (dirs.empty()) dirs = plugin_host::default_plugin_dirs();
  plugin_host::PluginHost host;
  int failures = 0;
  for (const auto& dir : dirs)
    for (const auto& e : host.load_directory(dir)) {
      err << "edigate: " << e.to_string() << "\n";
      ++failures;
    }
  std::vector<std::vector<std::string>> rows{{"NAME", "KIND", "VERSION", "ABI", "FILE"}};
  for (const auto& p : host.plugins())
    rows.push_back({p.info.name, to_string(p.info.kind), p.info.version, std::to_string(p.info.abi), p.file});
  print_table(out, rows);
  return failures ? kExitInvalid : kExitOk;
}

}  // namespace edigate::cli
