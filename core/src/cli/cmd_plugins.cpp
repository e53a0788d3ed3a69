// edigate plugins list | show NAME: what the runtime found and loaded, and what a plugin offers
// (a transport's settings: what an onboarding team may write in a profile).
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/table.hpp"
#include "plugin_host/plugin_host.hpp"

#include <edigate/abi.hpp>
#include <edigate/transport_plugin.hpp>

#include <ostream>

namespace edigate::cli {

static const char* const kPluginsHelp =
    "usage: edigate plugins list [--plugins DIR]...\n"
    "       edigate plugins show NAME [--plugins DIR]...\n"
    "\n"
    "list: loads every plugin in the plugin folders (default: $EDIGATE_PLUGIN_PATH, else the\n"
    "installed folder) and prints name, kind, version, SDK ABI and file. Libraries that fail to\n"
    "load are reported on stderr; the others are still listed. Exit 1 when any failed.\n"
    "show: one plugin's description; for a transport, its type, whether it polls, sends and\n"
    "listens, and every setting a profile (or a gateway listener) may give it.\n";

namespace {

void show_options(std::ostream& out, const char* title, const std::vector<TransportOption>& options) {
  out << title << "\n";
  std::vector<std::vector<std::string>> rows{{"  SETTING", "REQUIRED", "SECRET", "DEFAULT", "MEANING"}};
  for (const auto& o : options)
    rows.push_back({"  " + o.name, o.required ? "yes" : "no", o.secret ? "yes" : "no", o.default_value, o.description});
  print_table(out, rows);
}

int show_plugin(const plugin_host::PluginHost& host, const std::string& name, std::ostream& out, std::ostream& err) {
  for (const auto& p : host.plugins()) {
    if (p.info.name != name) continue;
    out << p.info.name << " (" << to_string(p.info.kind) << " plugin " << p.info.version << ", SDK ABI " << p.info.abi
        << ")\n  " << p.info.description << "\n  " << p.file << "\n";
    if (p.info.kind == PluginKind::transport) {
      const TransportSpec spec = static_cast<TransportPlugin*>(p.plugin.get())->spec();
      out << "type " << spec.type << ": " << (spec.polls ? "polls" : "does not poll") << ", "
          << (spec.sends ? "sends" : "does not send") << ", " << (spec.listener.empty() ? "no listener" : "listener")
          << "\n";
      show_options(out, "profile settings:", spec.options);
      if (!spec.listener.empty()) show_options(out, "listener settings (gateway.xml <listener>):", spec.listener);
    }
    return kExitOk;
  }
  err << "edigate: no plugin named '" << name << "' is loaded\n";
  return kExitInvalid;
}

}  // namespace

int cmd_plugins(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command(
      "plugins", words,
      {{"plugins", true, true, "DIR", "plugin folder (default: $EDIGATE_PLUGIN_PATH, else the installed one)"}},
      kPluginsHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const bool list = args.positional.size() == 1 && args.positional[0] == "list";
  const bool show = args.positional.size() == 2 && args.positional[0] == "show";
  if (!list && !show) {
    return usage_error(
        "plugins",
        "expected 'list' or 'show NAME'" +
            (args.positional.empty() ? std::string() : did_you_mean(args.positional[0], {"list", "show"})),
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
  if (show) {
    const int shown = show_plugin(host, args.positional[1], out, err);
    return shown != kExitOk ? shown : failures ? kExitInvalid : kExitOk;
  }
  std::vector<std::vector<std::string>> rows{{"NAME", "KIND", "VERSION", "ABI", "FILE"}};
  for (const auto& p : host.plugins())
    rows.push_back({p.info.name, to_string(p.info.kind), p.info.version, std::to_string(p.info.abi), p.file});
  print_table(out, rows);
  return failures ? kExitInvalid : kExitOk;
}

}  // namespace edigate::cli
