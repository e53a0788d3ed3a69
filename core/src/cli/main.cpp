// edigate: the command-line entry point. Subcommands live in cmd_*.cpp.
#include "cli/commands.hpp"

#include <edigate/abi.hpp>

#include <exception>
#include <iostream>
#include <string>

namespace {

const char* const kHelp =
    "edigate " EDIGATE_VERSION
    ": B2B/EDI partner gateway\n"
    "\n"
    "usage: edigate <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate FILE...        check envelopes and transaction content; one line per problem\n"
    "  parse FILE              print the parsed document with positions (indented JSON)\n"
    "  ack FILE                print the 997/999/TA1 or CONTRL the gateway would send\n"
    "  plugins list            list loaded plugins (name, kind, version, ABI, file)\n"
    "  schemas list|check|show|import   list, check or show the transaction-set schemas; import\n"
    "                          BizTalk EDI XSDs\n"
    "  partners list|check|new   list, check or scaffold partner profiles (new: --standard, --role)\n"
    "  translate [--partner ID] FILE...   EDI or carrier JSON -> canonical JSON Lines on stdout\n"
    "  render --partner ID FILE...        canonical JSON Lines -> EDI interchange(s) for the partner\n"
    "  canonical validate FILE.jsonl...   check canonical messages against the published JSON Schemas\n"
    "  serve --config FILE     run the gateway: inbox -> store -> acks, translation, delivery; admin API\n"
    "  db migrate|check|backup DIR|show-input N   the gateway's store (--data DIR or --config FILE)\n"
    "  replay ID | --dead-letter | --input N      queue deliveries or a dead-lettered input again\n"
    "  reprocess N...          translate stored inputs again (same message ids, no second ack)\n"
    "  trace PO|SHIPMENT|ID    the PO -> ack -> ship notice -> tracking -> invoice chain\n"
    "  report [--days N]       POs with no ship notice, overdue acks, untracked shipments, dead letters\n"
    "  certs list|check        AS2 certificates: subject, serial, validity, days left, which is in use\n"
    "\n"
    "Every command accepts --help (its options) and --version. Exit status: 0 ok, 1 invalid\n"
    "input, 2 usage or I/O error, 3 configuration, 4 internal.\n";

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty()) {
    std::cerr << kHelp;
    return edigate::cli::kExitUsage;
  }
  const std::string command = words.front();
  words.erase(words.begin());
  try {
    if (command == "--help" || command == "help" || command == "-h") {
      std::cout << kHelp;
      return 0;
    }
    if (command == "--version" || command == "version") {
      std::cout << "edigate " << edigate::kVersion << " (SDK ABI " << edigate::kSdkAbi << ")\n";
      return 0;
    }
    if (command == "validate") return edigate::cli::cmd_validate(words, std::cout, std::cerr);
    if (command == "parse") return edigate::cli::cmd_parse(words, std::cout, std::cerr);
    if (command == "ack") return edigate::cli::cmd_ack(words, std::cout, std::cerr);
    if (command == "plugins") return edigate::cli::cmd_plugins(words, std::cout, std::cerr);
    if (command == "schemas") return edigate::cli::cmd_schemas(words, std::cout, std::cerr);
    if (command == "partners") return edigate::cli::cmd_partners(words, std::cout, std::cerr);
    if (command == "translate") return edigate::cli::cmd_translate(words, std::cout, std::cerr);
    if (command == "render") return edigate::cli::cmd_render(words, std::cout, std::cerr);
    if (command == "canonical") return edigate::cli::cmd_canonical(words, std::cout, std::cerr);
    if (command == "serve") return edigate::cli::cmd_serve(words, std::cout, std::cerr);
    if (command == "db") return edigate::cli::cmd_db(words, std::cout, std::cerr);
    if (command == "replay") return edigate::cli::cmd_replay(words, std::cout, std::cerr);
    if (command == "reprocess") return edigate::cli::cmd_reprocess(words, std::cout, std::cerr);
    if (command == "trace") return edigate::cli::cmd_trace(words, std::cout, std::cerr);
    if (command == "report") return edigate::cli::cmd_report(words, std::cout, std::cerr);
    if (command == "certs") return edigate::cli::cmd_certs(words, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // Our own code returns Errors; this is a last line against a library throwing.
    std::cerr << "edigate: internal error: " << e.what() << "\n";
    return edigate::cli::kExitUsage;
  }
  // Like git: the mistake, the likely command, and where the list is; not the whole help.
  std::cerr << "edigate: unknown command '" << command << "'"
            << edigate::cli::did_you_mean(
                   command, {"validate", "parse", "ack", "plugins", "schemas", "partners", "translate", "render",
                             "canonical", "serve", "db", "replay", "reprocess", "trace", "report", "certs"})
            << "\nusage: edigate <command> [options]\nRun 'edigate --help' for the commands.\n";
  return edigate::cli::kExitUsage;
}
