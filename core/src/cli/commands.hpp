#pragma once
// The `edigate` subcommands. Each takes the words after its name and the process streams,
// and returns the exit code.
#include "cli/args.hpp"

#include <edigate/error.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace edigate::cli {

using Words = std::vector<std::string>;

int cmd_validate(const Words& words, std::ostream& out, std::ostream& err);
int cmd_parse(const Words& words, std::ostream& out, std::ostream& err);
int cmd_ack(const Words& words, std::ostream& out, std::ostream& err);
int cmd_plugins(const Words& words, std::ostream& out, std::ostream& err);
int cmd_schemas(const Words& words, std::ostream& out, std::ostream& err);
int cmd_partners(const Words& words, std::ostream& out, std::ostream& err);
int cmd_translate(const Words& words, std::ostream& out, std::ostream& err);
int cmd_render(const Words& words, std::ostream& out, std::ostream& err);
int cmd_canonical(const Words& words, std::ostream& out, std::ostream& err);
int cmd_serve(const Words& words, std::ostream& out, std::ostream& err);
int cmd_db(const Words& words, std::ostream& out, std::ostream& err);
int cmd_replay(const Words& words, std::ostream& out, std::ostream& err);
int cmd_reprocess(const Words& words, std::ostream& out, std::ostream& err);
int cmd_trace(const Words& words, std::ostream& out, std::ostream& err);
int cmd_report(const Words& words, std::ostream& out, std::ostream& err);
int cmd_certs(const Words& words, std::ostream& out, std::ostream& err);

/// Exit codes shared by the commands.

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;   ///< input read, problems found in it
inline constexpr int kExitUsage = 2;     ///< usage or I/O error (ErrorCategory::transient)
inline constexpr int kExitConfig = 3;    ///< a profile, map or schema of ours is wrong or missing
inline constexpr int kExitInternal = 4;  ///< a defect or resource exhaustion inside edigate

/// The exit code an error of that category gives. Codes grow with how much the problem is
/// ours rather than the input's, so the worst of several is their maximum.
int exit_code_for(ErrorCategory category);

/// The start every command shares: parses `words`, answers --help (the help text, then the
/// documented options of `specs`) and --version, and reports usage errors (with the usage
/// lines of the help) itself. Returns the Args to go on with, or nullopt with `exit_code` set
/// to what the command should return.
std::optional<Args> start_command(const std::string& name, const Words& words, const std::vector<OptionSpec>& specs,
                                  const std::string& help, std::ostream& out, std::ostream& err, int& exit_code);

/// Prints "edigate NAME: MESSAGE" and the usage lines of `help`; returns kExitUsage.
int usage_error(const std::string& name, const std::string& message, const std::string& help, std::ostream& err);

}  // namespace edigate::cli
