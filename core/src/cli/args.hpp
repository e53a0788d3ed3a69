#pragma once
// Small command-line parser: `--name value`, `--name=value`, repeatable options, flags and
// positional arguments, with errors that say which option is wrong and what was probably meant.
#include <edigate/result.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace edigate::cli {

struct OptionSpec {
  // A constructor rather than an aggregate, so {"name", true, false} needs no help fields.
  OptionSpec(std::string name_, bool takes_value_ = false, bool repeatable_ = false, std::string value_ = "",
             std::string doc_ = "")
      : name(std::move(name_)),
        takes_value(takes_value_),
        repeatable(repeatable_),
        value(std::move(value_)),
        doc(std::move(doc_)) {}

  std::string name;  ///< without dashes: "schemas"
  bool takes_value = false;
  bool repeatable = false;
  std::string value;  ///< placeholder in help: "DIR"; empty for a flag
  std::string doc;    ///< help text ('\n' for a second line); documented options are listed by options_help()
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
/// "--" ends options. --help and --version are always accepted flags. An unknown option's
/// error names the closest known one ("did you mean '--partners'?").
Result<Args> parse_args(const std::vector<std::string>& words, const std::vector<OptionSpec>& specs);

/// Edit distance with transpositions (optimal string alignment): "partnres" -> "partners" is 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidates closest to `word`, as git and kubectl suggest them: within 1 edit for words
/// of up to 4 characters, 2 beyond (or `word` a prefix of at least 3 characters); best first,
/// ties in the candidates' order. Empty when nothing is close.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

/// "; did you mean 'x'?" / "; did you mean 'x' or 'y'?" from closest(), each with `prefix`
/// ("--" for options); "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates,
                         const std::string& prefix = "");

/// The documented options (a non-empty doc) as aligned help lines: "  --maps DIR   map folder".
std::string options_help(const std::vector<OptionSpec>& specs);

/// The "usage:" lines at the start of a help text (with their continuation lines), then a
/// pointer to --help: what a command prints after a usage mistake instead of its whole help.
std::string short_usage(const std::string& command, const std::string& help);

}  // namespace edigate::cli
