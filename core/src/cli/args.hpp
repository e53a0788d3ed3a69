#pragma once
// Small command-line parser: `--name value`, `--name=value`, repeatable options, flags and
// positional arguments, with errors that say which option is wrong.
#include <edigate/result.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace edigate::cli {

struct OptionSpec {
  std::string name;        ///< without dashes: "schemas"
  bool takes_value = false;
  bool repeatable = false;
};

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> values;
  std::set<std::string> flags;

  bool has(const std::string& name) const { return flags.count(name) || values.count(name); }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() || it->second.empty() ? fallback : it->second.back();
  }
  std::vector<std::string> all(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::vector<std::string>{} : it->second;
  }
};

/// Parses argv-style words (without the command words). "-" alone is positional (stdin);
/// "--" ends options. --help and --version are always accepted flags.
Result<Args> parse_args(const std::vector<std::string>& words, const std::vector<OptionSpec>& specs);

}  // namespace edigate::cli
