#include "cli/args.hpp"

namespace edigate::cli {

Result<Args> parse_args(const std::vector<std::string>& words, const std::vector<OptionSpec>& specs) {
  Args args;
  bool options_done = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (options_done || w == "-" || w.rfind("--", 0) != 0) {
      if (!options_done && w.size() > 1 && w[0] == '-' && w != "-")
        return Error("cli.usage", "unknown option '" + w + "' (options are spelled --name)");
      args.positional.push_back(w);
      continue;
    }
    if (w == "--") {
      options_done = true;
      continue;
    }
    std::string name = w.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (name == "help" || name == "version") {
      args.flags.insert(name);
      continue;
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) return Error("cli.usage", "unknown option '--" + name + "'");
    if (!spec->takes_value) {
      if (inline_value) return Error("cli.usage", "option '--" + name + "' takes no value");
      args.flags.insert(name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= words.size()) return Error("cli.usage", "option '--" + name + "' needs a value");
      value = words[++i];
    }
    auto& slot = args.values[name];
    if (!slot.empty() && !spec->repeatable) return Error("cli.usage", "option '--" + name + "' given twice");
    slot.push_back(value);
  }
  return args;
}

}  // namespace edigate::cli
