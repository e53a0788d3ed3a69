// edigate schemas list|check: which transaction-set schemas are installed and whether each
// one loads.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/table.hpp"

#include <edigate/abi.hpp>

#include <ostream>

namespace edigate::cli {

static const char* const kSchemasHelp =
    "usage: edigate schemas list|check [--schemas DIR]...\n"
    "\n"
    "list   every schema file found: standard, version, set, name, file\n"
    "check  load and validate every schema file (XSD and references); exit 1 when any is broken\n"
    "Schemas live at DIR/<standard>/<version>/<set>.xml (e.g. x12/004010/850.xml); default DIR\n"
    "is $EDIGATE_SCHEMA_PATH, else the installed share/edigate/schemas.\n";

int cmd_schemas(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("schemas", words, {{"schemas", true, true}}, kSchemasHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.size() != 1 || (args.positional[0] != "list" && args.positional[0] != "check")) {
    return usage_error("schemas", "expected 'list' or 'check'" + (args.positional.empty() ? std::string() : did_you_mean(args.positional[0], {"list", "check"})),
                       kSchemasHelp, err);
  }
  std::vector<std::filesystem::path> dirs;
  for (const auto& d : args.all("schemas")) dirs.emplace_back(d);
  if (dirs.empty()) dirs = runtime::default_schema_dirs();
  schema::Registry registry(dirs);
  std::vector<schema::SchemaInfo> loaded;
  auto errors = registry.check_all(&loaded);
  if (args.positional[0] == "list") {
    std::vector<std::vector<std::string>> rows{{"STANDARD", "VERSION", "SET", "NAME", "FILE"}};
    for (const auto& s : loaded) rows.push_back({s.standard, s.version, s.set, s.name, s.file});
    print_table(out, rows);
  } else {
    out << loaded.size() << " schema(s) loaded, " << errors.size() << " broken\n";
  }
  for (const auto& e : errors) err << e.to_string() << "\n";
  return errors.empty() ? kExitOk : kExitInvalid;
}

}  // namespace edigate::cli
