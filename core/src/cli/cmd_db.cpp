// edigate db migrate|check|backup|show-input: the gateway's store seen by its operator.
#include "cli/commands.hpp"
#include "cli/store_access.hpp"

#include <ostream>

namespace edigate::cli {
namespace {

const char* const kDbHelp =
    "usage: edigate db migrate [--data DIR] [--config FILE]\n"
    "       edigate db check [--data DIR] [--config FILE]\n"
    "       edigate db backup TARGET_DIR [--data DIR] [--config FILE]\n"
    "       edigate db show-input N [--data DIR] [--config FILE]\n"
    "\n"
    "migrate     apply the schema migrations the database lacks (creating it when absent);\n"
    "            prints the schema version before and after. Stop the gateway first.\n"
    "check       schema version, integrity (PRAGMA quick_check), row counts, work queue counts\n"
    "            and inputs whose blob file is missing; exit 1 when anything is wrong\n"
    "backup      a consistent copy of the database and its blob files into TARGET_DIR (empty or\n"
    "            new), safe while the gateway runs; restore by stopping the gateway and copying\n"
    "            TARGET_DIR's edigate.db and blobs/ into the data directory (docs/operations.md)\n"
    "show-input  the raw bytes of stored input N, exactly as received, on stdout\n"
    "\n"
    "The data directory is --data DIR, else the one --config FILE names, else ./data.\n"
    "Exit status: 0 ok, 1 problems found (check) or no such input, 2 usage or I/O error (no\n"
    "database there), 3 configuration (schema too old or too new), 4 internal (a damaged database).\n";

int migrate(const Args& args, std::ostream& out, std::ostream& err) {
  auto where = locate_store(args);
  if (!where) return report_error("db", where.error(), err);
  auto done = store::migrate_sqlite_store(where->data_dir, where->options);
  if (!done) return report_error("db", done.error(), err);
  const std::string file = (where->data_dir / "edigate.db").string();
  if (done->from == done->to) {
    out << file << ": schema version " << done->to << ", up to date\n";
  } else {
    out << file << ": migrated from schema version " << done->from << " to " << done->to << "\n";
  }
  return kExitOk;
}

int check(const Args& args, std::ostream& out, std::ostream& err) {
  auto where = locate_store(args);
  if (!where) return report_error("db", where.error(), err);
  auto opened = open_existing_store(*where);
  if (!opened) return report_error("db", opened.error(), err);
  auto report = (*opened)->check();
  if (!report) return report_error("db", report.error(), err);
  const auto& r = *report;
  out << "database:  " << (where->data_dir / "edigate.db").string() << "\n";
  out << "schema:    version " << r.schema_version << " (this edigate: " << r.latest_version << ")\n";
  out << "rows:      " << r.inputs << " input(s), " << r.messages << " message(s), " << r.outbound
      << " outbound document(s), " << r.events << " event(s)\n";
  out << "work:      " << r.queue.ready << " ready, " << r.queue.leased << " leased, " << r.queue.dead << " dead\n";
  if (r.problems.empty()) {
    out << "integrity: ok\n";
    return kExitOk;
  }
  out << "problems:  " << r.problems.size() << "\n";
  for (const auto& p : r.problems) out << "  " << p << "\n";
  return kExitInvalid;
}

int backup(const Args& args, std::ostream& out, std::ostream& err) {
  const std::filesystem::path target = args.positional[1];
  auto opened = open_store(args);
  if (!opened) return report_error("db", opened.error(), err);
  auto copied = (*opened)->backup(target);
  if (!copied) return report_error("db", copied.error(), err);
  // What the copy holds, read back from the copy itself.
  auto copy = store::open_sqlite_store(target, {}, false);
  if (!copy) return report_error("db", copy.error(), err);
  auto report = (*copy)->check();
  if (!report) return report_error("db", report.error(), err);
  std::size_t blobs = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(target / "blobs", ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) ++blobs;
  }
  out << "backed up " << (target / "edigate.db").string() << ": schema version " << report->schema_version << ", "
      << report->inputs << " input(s), " << report->messages << " message(s), " << report->outbound
      << " outbound document(s), " << report->events << " event(s), " << blobs << " blob file(s)\n";
  if (!report->problems.empty()) {
    for (const auto& p : report->problems) err << "edigate db: the copy: " << p << "\n";
    return kExitInternal;
  }
  return kExitOk;
}

int show_input(const Args& args, std::ostream& out, std::ostream& err) {
  const std::string& text = args.positional[1];
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return usage_error("db", "show-input needs an input number, got '" + text + "'", kDbHelp, err);
  }
  auto opened = open_store(args);
  if (!opened) return report_error("db", opened.error(), err);
  auto bytes = (*opened)->input_bytes(std::stoll(text));
  if (!bytes) return report_error("db", bytes.error(), err);
  out << *bytes;
  out.flush();
  return kExitOk;
}

}  // namespace

int cmd_db(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("db", words, store_options(), kDbHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const std::string action = args.positional.empty() ? "" : args.positional[0];
  const std::size_t n = args.positional.size();
  if (action == "migrate" && n == 1) return migrate(args, out, err);
  if (action == "check" && n == 1) return check(args, out, err);
  if (action == "backup" && n == 2) return backup(args, out, err);
  if (action == "show-input" && n == 2) return show_input(args, out, err);
  if (action == "backup" || action == "show-input") {
    return usage_error("db", action + " takes one argument", kDbHelp, err);
  }
  if (action == "migrate" || action == "check") return usage_error("db", action + " takes no argument", kDbHelp, err);
  return usage_error("db",
                     "expected 'migrate', 'check', 'backup DIR' or 'show-input N'" +
                         did_you_mean(action, {"migrate", "check", "backup", "show-input"}),
                     kDbHelp, err);
}

}  // namespace edigate::cli
