#include "cli/args.hpp"

#include <algorithm>
#include <numeric>

namespace edigate::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows: the transposition step looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty()) return {};
  const std::size_t limit = word.size() <= 4 ? 1 : 2;
  std::size_t best = limit + 1;
  std::vector<std::string> out;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    // A prefix ("val" for "validate") counts as close as one edit.
    if (d > limit && word.size() >= 3 && c.size() > word.size() && c.compare(0, word.size(), word) == 0) d = 1;
    if (d > limit || d == 0) continue;
    if (d < best) {
      best = d;
      out.clear();
    }
    if (d == best && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates, const std::string& prefix) {
  auto near = closest(word, candidates);
  if (near.empty()) return "";
  std::string text = "; did you mean ";
  for (std::size_t i = 0; i < near.size() && i < 3; ++i)
    text += (i == 0 ? "" : (i + 1 == std::min<std::size_t>(near.size(), 3) ? " or " : ", ")) +
            ("'" + prefix + near[i] + "'");
  return text + "?";
}

std::string options_help(const std::vector<OptionSpec>& specs) {
  // An option spelled longer than this (--ta1 never|on-error|...) puts its text on the next
  // line, so one long spelling does not push every description to the right.
  constexpr std::size_t kMaxLeft = 26;
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t width = 0;
  for (const auto& s : specs) {
    if (s.doc.empty()) continue;
    std::string left = "  --" + s.name + (s.value.empty() ? "" : " " + s.value);
    if (left.size() <= kMaxLeft) width = std::max(width, left.size());
    rows.emplace_back(std::move(left), s.doc + (s.repeatable ? " (repeatable)" : ""));
  }
  const std::string indent(width + 2, ' ');
  std::string text;
  for (const auto& [left, doc] : rows) {
    // Continuation lines of a multi-line doc are indented to the doc column.
    std::string body;
    for (char c : doc) body += c == '\n' ? "\n" + indent : std::string(1, c);
    if (left.size() > kMaxLeft)
      text += left + "\n" + indent + body + "\n";
    else
      text += left + std::string(width + 2 - left.size(), ' ') + body + "\n";
  }
  return text;
}

std::string short_usage(const std::string& command, const std::string& help) {
  std::string text;
  std::size_t start = 0;
  bool in_usage = false;
  while (start < help.size()) {
    auto end = help.find('\n', start);
    if (end == std::string::npos) end = help.size();
    std::string_view line(help.data() + start, end - start);
    if (line.rfind("usage:", 0) == 0)
      in_usage = true;
    else if (!in_usage || line.empty() || line[0] != ' ')
      break;
    text.append(line);
    text += '\n';
    start = end + 1;
  }
  return text + "Run 'edigate " + command + " --help' for the options.\n";
}

Result<Args> parse_args(const std::vector<std::string>& words, const std::vector<OptionSpec>& specs) {
  std::vector<std::string> names{"help", "version"};
  for (const auto& s : specs) names.push_back(s.name);
  Args args;
  bool options_done = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (options_done || w == "-" || w.rfind("--", 0) != 0) {
      if (!options_done && w.size() > 1 && w[0] == '-' && w != "-") {
        // "-strict" means --strict; "-o" is nobody's.
        const std::string bare = w.substr(1);
        const bool known = std::find(names.begin(), names.end(), bare) != names.end();
        return Error("cli.usage", "unknown option '" + w + "' (options are spelled --name)" +
                                      (known ? "; did you mean '--" + bare + "'?" : did_you_mean(bare, names, "--")));
      }
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
    if (!spec) return Error("cli.usage", "unknown option '--" + name + "'" + did_you_mean(name, names, "--"));
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
