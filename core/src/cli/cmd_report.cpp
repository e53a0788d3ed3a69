// edigate report: what is stuck in the business flow, from the store: POs with no ship notice,
// outbound documents whose functional ack is overdue, ship notices with no tracking, and the
// dead letters by destination.
#include "cli/commands.hpp"
#include "cli/store_access.hpp"
#include "cli/table.hpp"

#include <algorithm>
#include <ostream>

namespace edigate::cli {
namespace {

const char* const kReportHelp =
    "usage: edigate report [--days N] [--data DIR] [--config FILE]\n"
    "\n"
    "Four lists, each with its count:\n"
    "  purchase orders with no ship notice (same PO number) after N days\n"
    "  outbound documents whose functional ack (997/999/CONTRL) is overdue (the partner's\n"
    "    <acks expect-within-minutes>)\n"
    "  ship notices with no tracking event (same shipment id, bill of lading or tracking\n"
    "    number) after N days\n"
    "  dead letters by destination (and dead-lettered inputs); replay them with\n"
    "    'edigate replay --dead-letter --destination NAME' or 'edigate replay --input N'\n"
    "'edigate trace VALUE' shows the chain behind any line.\n"
    "Exit status: 0 ok (whatever is listed), 2 usage or I/O error, 3 configuration.\n";

constexpr int kMaxRows = 1000;
constexpr store::Millis kDay = 24LL * 3600 * 1000;

/// "TITLE: COUNT" and its table. `bounded`: the query stopped at kMaxRows.
void section(std::ostream& out, const std::string& title, std::size_t count,
             const std::vector<std::vector<std::string>>& rows, bool bounded = false) {
  out << "\n" << title << ": " << count << (bounded ? " (the oldest " + std::to_string(kMaxRows) + ")" : "") << "\n";
  if (count) print_table(out, rows);
}

Result<void> unanswered(store::Store& store, std::ostream& out, const std::string& title, const std::string& type,
                        std::vector<std::string> key_kinds, std::vector<std::string> answers, store::Millis before,
                        store::Millis now) {
  store::UnansweredQuery q{type, std::move(key_kinds), std::move(answers), before, kMaxRows};
  EDIGATE_TRY(auto rows, store.unanswered(q));
  std::vector<std::vector<std::string>> table{{"RECEIVED", "AGE", "PARTNER", "DIRECTION", "KEY", "STATUS", "MESSAGE"}};
  for (const auto& m : rows) {
    // The key the answer was looked for by (the shipment id of a ship notice, not its PO).
    std::string key = m.correlation_id;
    EDIGATE_TRY(auto keys, store.correlation_keys(m.id));
    for (auto kind = q.key_kinds.rbegin(); kind != q.key_kinds.rend(); ++kind) {
      auto found = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.kind == *kind; });
      if (found != keys.end()) key = found->kind + " " + found->value;
    }
    table.push_back({store::iso_utc(m.created_at), std::to_string((now - m.created_at) / kDay) + "d", m.partner,
                     m.direction, key, m.status, m.id});
  }
  section(out, title, rows.size(), table, rows.size() >= static_cast<std::size_t>(kMaxRows));
  return {};
}

Result<void> report(store::Store& store, int days, std::ostream& out) {
  const store::Millis now = store::now_millis();
  const store::Millis before = now - static_cast<store::Millis>(days) * kDay;
  out << "report at " << store::iso_utc(now) << " (waiting more than " << days << " day(s))\n";
  EDIGATE_TRY_VOID(unanswered(store, out, "purchase orders with no ship notice", "purchase_order", {"po_number"},
                              {"ship_notice"}, before, now));

  EDIGATE_TRY(auto overdue, store.overdue_acks(now));
  std::vector<std::vector<std::string>> acks{{"SENT", "DUE", "PARTNER", "TYPE", "FILE", "STATE", "MESSAGE"}};
  for (const auto& o : overdue) {
    acks.push_back({store::iso_utc(o.created_at), store::iso_utc(o.ack_due_at), o.partner, o.type, o.file_name, o.state,
                    o.message_id});
  }
  section(out, "outbound documents with no functional ack (overdue)", overdue.size(), acks);

  EDIGATE_TRY_VOID(unanswered(store, out, "ship notices with no tracking", "ship_notice",
                              {"shipment_id", "bol", "tracking_number"}, {"tracking_event"}, before, now));

  EDIGATE_TRY(auto dead, store.dead_letter_counts());
  std::vector<std::vector<std::string>> dead_rows{{"KIND", "DESTINATION", "COUNT", "OLDEST"}};
  std::int64_t total = 0;
  for (const auto& d : dead) {
    const bool input = d.kind == store::WorkKind::process;
    dead_rows.push_back({input ? "input" : to_string(d.kind), d.target.empty() ? "-" : d.target,
                         std::to_string(d.count), store::iso_utc(d.oldest)});
    total += d.count;
  }
  section(out, "dead letters", static_cast<std::size_t>(total), dead_rows);
  return {};
}

}  // namespace

int cmd_report(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto specs = store_options();
  specs.push_back({"days", true, false, "N",
                   "how long a PO may wait for its ship notice, and a ship notice for\n"
                   "its tracking (default 3)"});
  auto started = start_command("report", words, specs, kReportHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (!args.positional.empty()) return usage_error("report", "takes no arguments", kReportHelp, err);
  int days = 3;
  if (auto n = args.get("days"); !n.empty()) {
    if (n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos) {
      return usage_error("report", "--days needs a number of days, got '" + n + "'", kReportHelp, err);
    }
    days = std::stoi(n);
  }
  auto opened = open_store(args);
  if (!opened) return report_error("report", opened.error(), err);
  auto done = report(**opened, days, out);
  if (!done) return report_error("report", done.error(), err);
  return kExitOk;
}

}  // namespace edigate::cli
