// edigate plugins list: what the runtime found and loaded.
#include "cli/commands.hpp"
#include "cli/context.hpp"

#include <edigate/abi.hpp>

#include <iomanip>
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
  auto started = start_command("plugins", words, {{"plugins", true, true}}, kPluginsHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.size() != 1 || args.positional[0] != "list") {
    err << "edigate plugins: expected 'list'\n" << kPluginsHelp;
    return kExitUsage;
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
  out << std::left << std::setw(12) << "NAME" << std::setw(11) << "KIND" << std::setw(10) << "VERSION"
      << std::setw(5) << "ABI" << "FILE\n";
  for (const auto& p : host.plugins())
    out << std::left << std::setw(12) << p.info.name << std::setw(11) << to_string(p.info.kind) << std::setw(10)
        << p.info.version << std::setw(5) << p.info.abi << p.file << "\n";
  return failures ? kExitInvalid : kExitOk;
}

}  // namespace edigate::cli
