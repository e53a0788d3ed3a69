// edigate serve: the gateway as a long-running service (pipeline/gateway.hpp does the work).
#include "cli/commands.hpp"
#include "gateway_config/gateway_config.hpp"
#include "log/json_log.hpp"
#include "pipeline/gateway.hpp"

#include <file/durable_file.hpp>

#include <csignal>
#include <ostream>

namespace edigate::cli {

static const char* const kServeHelp =
    "usage: edigate serve --config FILE [--data DIR] [--listen HOST:PORT] [--log FILE] [--log-level LEVEL]\n"
    "\n"
    "Runs the gateway: takes partner files from DATA/inbox/<partner-id>/, stores each before\n"
    "anything else, acknowledges partners (997/999/TA1/CONTRL into DATA/outbox/<partner-id>/),\n"
    "translates, delivers canonical messages to the configured destinations with retries and\n"
    "dead letters, renders ERP submissions (POST /api/v1/outbound), and serves the admin API\n"
    "(bearer token from the configuration; /healthz and /readyz are open).\n"
    "--data and --listen override the configuration file. One JSON log line per event on stderr\n"
    "(or --log FILE; SIGHUP reopens it). SIGTERM or SIGINT: finish the work in hand and exit 0;\n"
    "the next start resumes what was queued. Exit status: 0 stopped cleanly, 3 configuration.\n";

int cmd_serve(const Words& words, std::ostream& out, std::ostream& err) {
  const std::vector<OptionSpec> specs = {
      {"config", true, false, "FILE", "gateway configuration (gateway.xml)"},
      {"data", true, false, "DIR", "data directory (overrides the configuration)"},
      {"listen", true, false, "HOST:PORT", "admin API address (overrides the configuration; port 0: any)"},
      {"log", true, false, "FILE", "append JSON log lines to FILE instead of stderr"},
      {"log-level", true, false, "debug|info|warn|error", "least important level logged (default info)"},
  };
  int exit_code = kExitOk;
  auto started = start_command("serve", words, specs, kServeHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (!args.has("config")) return usage_error("serve", "--config FILE is required", kServeHelp, err);
  if (!args.positional.empty())
    return usage_error("serve", "unexpected argument '" + args.positional[0] + "'", kServeHelp, err);

  gateway_config::Overrides overrides;
  if (args.has("data")) overrides.data_dir = std::filesystem::path(args.get("data"));
  if (args.has("listen")) overrides.listen = args.get("listen");
  auto config = gateway_config::load_gateway_config(args.get("config"), overrides);
  if (!config) {
    err << "edigate serve: " << config.error().to_string() << "\n";
    return exit_code_for(config.error().category);
  }
  log::Level level = log::Level::info;
  if (args.has("log-level")) {
    auto parsed = log::parse_level(args.get("log-level"));
    if (!parsed) return usage_error("serve", parsed.error().message, kServeHelp, err);
    level = *parsed;
  }
  std::unique_ptr<log::JsonLog> log;
  if (args.has("log")) {
    auto opened = log::JsonLog::open_file(args.get("log"), level);
    if (!opened) {
      err << "edigate serve: " << opened.error().to_string() << "\n";
      return exit_code_for(opened.error().category);
    }
    log = std::move(*opened);
  } else {
    log = std::make_unique<log::JsonLog>(2, level);
  }

  // Signals are taken by this thread only (sigwait below): every thread started from here on
  // inherits the mask, so no worker is interrupted in the middle of a stage.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto gateway = pipeline::Gateway::open(std::move(*config), *log);
  if (!gateway) {
    log->write({log::Level::error, "gateway.start.failed", "", "", "", "", gateway.error().to_string()});
    err << "edigate serve: " << gateway.error().to_string() << "\n";
    return exit_code_for(gateway.error().category);
  }
  if (auto source = gateway_config::ConfigSource::open(args.get("config"), overrides))
    (*gateway)->watch(std::move(*source));
  if (auto started_ok = (*gateway)->start(); !started_ok) {
    log->write({log::Level::error, "gateway.start.failed", "", "", "", "", started_ok.error().to_string()});
    err << "edigate serve: " << started_ok.error().to_string() << "\n";
    (*gateway)->stop();
    return exit_code_for(started_ok.error().category);
  }
  // Tests and scripts read the bound ports from here when they asked for port 0: the admin port,
  // and one line "TYPE HOST:PORT" per transport listener. Written whole (temp + rename), so a
  // reader never sees half a number.
  const std::filesystem::path data = (*gateway)->config().data_dir;
  const std::filesystem::path port_file = data / "admin.port", listeners_file = data / "listeners";
  std::string listeners;
  for (const auto& l : (*gateway)->transports().listeners()) listeners += l->type + " " + l->listener->address() + "\n";
  for (const auto& written : {io::write_file_durably(listeners_file, listeners),
                              io::write_file_durably(port_file, std::to_string((*gateway)->admin_port()) + "\n")})
    if (!written) log->write({log::Level::warn, "gateway.port_file", "", "", "", "", written.error().to_string()});
  while (true) {
    int received = 0;
    sigwait(&signals, &received);
    if (received == SIGHUP) {
      if (args.has("log")) (void)log->reopen();
      log->write({log::Level::info, "gateway.sighup", "", "", "", "", "log reopened"});
      continue;
    }
    log->write({log::Level::info, "gateway.stopping", "", "", "", "",
                std::string(received == SIGTERM ? "SIGTERM" : "SIGINT") + ": draining"});
    break;
  }
  (*gateway)->stop();
  std::error_code ec;
  std::filesystem::remove(port_file, ec);
  std::filesystem::remove(listeners_file, ec);
  return kExitOk;
}

}  // namespace edigate::cli
