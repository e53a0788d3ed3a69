// edigate canonical validate FILE.jsonl...: every message of JSON Lines files against the
// published canonical JSON Schemas (compiled into the binary; canonical/json_schemas.hpp).
#include "cli/commands.hpp"

#include "canonical/json_io.hpp"
#include "canonical/json_schemas.hpp"

#include <fstream>
#include <iostream>
#include <ostream>

namespace edigate::cli {

static const char* const kCanonicalHelp =
    "usage: edigate canonical validate FILE.jsonl...\n"
    "\n"
    "Validates every message (one JSON object per line; '-' reads stdin) against the canonical\n"
    "JSON Schema its \"type\" names (docs/canonical/*.schema.json, compiled into edigate).\n"
    "One line per problem: FILE:LINE: JSON-PATH: what is wrong. Exit 0 when every message is\n"
    "valid, 1 when one is not (or a line is not JSON), 2 on usage or I/O errors.\n";

namespace {

Error problem_at(const std::string& file, std::uint32_t line, std::string code, std::string message) {
  Error e(std::move(code), std::move(message));
  e.position.file = file;
  e.position.line = line;
  return e;
}

struct Counts {
  std::size_t messages = 0, invalid = 0;
};

// Reads line by line so a large file is never held whole; a line longer than the canonical
// reader accepts is reported and skipped, not read into memory.
bool validate_stream(std::istream& in, const std::string& file, const canonical::JsonSchemas& schemas, Counts& counts,
                     std::ostream& out) {
  std::string line;
  std::uint32_t number = 0;
  while (true) {
    line.clear();
    bool too_long = false;
    char ch;
    bool any = false;
    while (in.get(ch)) {
      any = true;
      if (ch == '\n') break;
      if (line.size() >= canonical::kMaxMessageBytes) {
        too_long = true;
        continue;
      }
      line += ch;
    }
    if (!any) break;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos && !too_long) continue;
    ++counts.messages;
    if (too_long) {
      ++counts.invalid;
      out << problem_at(file, number, "canonical.json.too_long",
                        "message longer than " + std::to_string(canonical::kMaxMessageBytes) + " bytes")
                 .to_string()
          << "\n";
      continue;
    }
    Position where;
    where.file = file;
    where.line = number;
    auto message = canonical::parse_message(line, where);
    if (!message) {
      ++counts.invalid;
      out << message.error().to_string() << "\n";
      continue;
    }
    auto problems = schemas.validate(Poco::Dynamic::Var(*message));
    if (problems.empty()) continue;
    ++counts.invalid;
    for (const auto& p : problems)
      out << problem_at(file, number, "canonical.schema.invalid",
                        (p.path.empty() ? std::string("(message)") : p.path) + ": " + p.message)
                 .to_string()
          << "\n";
  }
  return !in.bad();
}

}  // namespace

int cmd_canonical(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("canonical", words, {}, kCanonicalHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.empty() || args.positional[0] != "validate") {
    err << "edigate canonical: expected 'validate'\n" << kCanonicalHelp;
    return kExitUsage;
  }
  if (args.positional.size() < 2) {
    err << "edigate canonical validate: no input files\n" << kCanonicalHelp;
    return kExitUsage;
  }
  const auto& schemas = canonical::JsonSchemas::embedded();
  Counts counts;
  bool io_error = false;
  for (std::size_t i = 1; i < args.positional.size(); ++i) {
    const std::string& file = args.positional[i];
    bool ok;
    if (file == "-") {
      ok = validate_stream(std::cin, file, schemas, counts, out);
    } else {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        err << file << ": cannot open [io.open]\n";
        io_error = true;
        continue;
      }
      ok = validate_stream(in, file, schemas, counts, out);
    }
    if (!ok) {
      err << file << ": read error [io.read]\n";
      io_error = true;
    }
  }
  err << counts.messages << " message(s), " << counts.invalid << " invalid\n";
  if (io_error) return kExitUsage;
  return counts.invalid ? kExitInvalid : kExitOk;
}

}  // namespace edigate::cli
