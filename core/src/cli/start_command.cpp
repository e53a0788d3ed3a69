#include "cli/commands.hpp"

#include <edigate/abi.hpp>

#include <ostream>

namespace edigate::cli {

int exit_code_for(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::invalid_input: return kExitInvalid;
    case ErrorCategory::transient: return kExitUsage;
    case ErrorCategory::configuration: return kExitConfig;
    case ErrorCategory::internal: return kExitInternal;
  }
  return kExitInternal;
}

std::optional<Args> start_command(const std::string& name, const Words& words, const std::vector<OptionSpec>& specs,
                                  const std::string& help, std::ostream& out, std::ostream& err, int& exit_code) {
  auto parsed = parse_args(words, specs);
  if (!parsed) {
    err << "edigate " << name << ": " << parsed.error().message << "\n" << help;
    exit_code = kExitUsage;
    return std::nullopt;
  }
  if (parsed->has("help")) {
    out << help;
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

}  // namespace edigate::cli
