#include "cli/commands.hpp"

#include <edigate/abi.hpp>

#include <ostream>

namespace edigate::cli {

int exit_code_for(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::invalid_input:
      return kExitInvalid;
    case ErrorCategory::transient:
      return kExitUsage;
    case ErrorCategory::configuration:
      return kExitConfig;
    case ErrorCategory::internal:
      return kExitInternal;
  }
  return kExitInternal;
}

std::optional<Args> start_command(const std::string& name, const Words& words, const std::vector<OptionSpec>& specs,
                                  const std::string& help, std::ostream& out, std::ostream& err, int& exit_code) {
  auto parsed = parse_args(words, specs);
  if (!parsed) {
    // A mistake gets the usage line, not the whole help: the message stays visible.
    err << "edigate " << name << ": " << parsed.error().message << "\n" << short_usage(name, help);
    exit_code = kExitUsage;
    return std::nullopt;
  }
  if (parsed->has("help")) {
    out << help;
    if (auto documented = options_help(specs); !documented.empty()) out << "\noptions:\n" << documented;
    exit_code = kExitOk;
    return std::nullopt;
  }
  if (parsed->has("version")) {
    out << "edigate " << kVersion << " (SDK ABI " << kSdkAbi << ")\n";
    exit_code = kExitOk;
    return std::nullopt;
  }
  return std::move(*parsed);
}

int usage_error(const std::string& name, const std::string& message, const std::string& help, std::ostream& err) {
  err << "edigate " << name << ": " << message << "\n" << short_usage(name, help);
  return kExitUsage;
}

}  // namespace edigate::cli
