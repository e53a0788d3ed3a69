// edigate report: what is stuck in the business flow, from the store: POs with no ship notice,
// outbound documents whose functional ack is overdue, ship notices with no tracking, and the
// dead letters by destination.
#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/store_access.hpp"
#include "cli/table.hpp"

#include <algorithm>
#include <cctype>
#include <ostream>

namespace edigate::cli {
namespace {

const char* const kReportHelp =
    "usage: edigate report [--days N] [--json] [--data DIR] [--config FILE]\n"
    "\n"
    "Four lists, each with its count:\n"
    "  purchase orders with no ship notice (same PO number) after N days\n"
    "  outbound documents whose functional ack (997/999/CONTRL) is overdue (the partner's\n"
    "    <acks expect-within-minutes>)\n"
    "  ship notices with no tracking event (same shipment id, bill of lading or tracking\n"
    "    number) after N days\n"
    "  dead letters by destination (and dead-lettered inputs); replay them with\n"
    "    'edigate replay --dead-letter --destination NAME' or 'edigate replay --input N'\n"
    "'edigate trace VALUE' shows the chain behind any line. --json prints one object with\n"
    "the same lists (sections.KEY.items, count, bounded), for monitoring.\n"
    "Exit status: 0 ok (whatever is listed), 2 usage or I/O error, 3 configuration.\n";

constexpr int kMaxRows = 1000;
constexpr store::Millis kDay = 24LL * 3600 * 1000;

/// One list of the report: its rows under named columns, and how many there are.
struct Section {
  std::string key;    ///< the JSON member: "purchase_orders_without_ship_notice"
  std::string title;  ///< the text heading
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::size_t count = 0;  ///< rows, or (dead letters) the documents they count
  bool bounded = false;   ///< the query stopped at kMaxRows
};

Result<Section> unanswered(store::Store& store, std::string key, std::string title, const std::string& type,
                           std::vector<std::string> key_kinds, std::vector<std::string> answers, store::Millis before,
                           store::Millis now) {
  store::UnansweredQuery q{type, std::move(key_kinds), std::move(answers), before, kMaxRows};
  EDIGATE_TRY(auto rows, store.unanswered(q));
  Section s{
      std::move(key), std::move(title), {"received", "age_days", "partner", "direction", "key", "status", "message"}};
  for (const auto& m : rows) {
    // The key the answer was looked for by (the shipment id of a ship notice, not its PO).
    std::string found_key = m.correlation_id;
    EDIGATE_TRY(auto keys, store.correlation_keys(m.id));
    for (auto kind = q.key_kinds.rbegin(); kind != q.key_kinds.rend(); ++kind) {
      auto found = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.kind == *kind; });
      if (found != keys.end()) found_key = found->kind + " " + found->value;
    }
    s.rows.push_back({store::iso_utc(m.created_at), std::to_string((now - m.created_at) / kDay), m.partner, m.direction,
                      found_key, m.status, m.id});
  }
  s.count = rows.size();
  s.bounded = rows.size() >= static_cast<std::size_t>(kMaxRows);
  return s;
}

Result<std::vector<Section>> build_report(store::Store& store, int days, store::Millis now) {
  const store::Millis before = now - static_cast<store::Millis>(days) * kDay;
  std::vector<Section> out;
  EDIGATE_TRY(auto pos, unanswered(store, "purchase_orders_without_ship_notice", "purchase orders with no ship notice",
                                   "purchase_order", {"po_number"}, {"ship_notice"}, before, now));
  out.push_back(std::move(pos));

  EDIGATE_TRY(auto overdue, store.overdue_acks(now));
  Section acks{"overdue_functional_acks",
               "outbound documents with no functional ack (overdue)",
               {"sent", "due", "partner", "type", "file", "state", "message"}};
  for (const auto& o : overdue)
    acks.rows.push_back({store::iso_utc(o.created_at), store::iso_utc(o.ack_due_at), o.partner, o.type, o.file_name,
                         o.state, o.message_id});
  acks.count = overdue.size();
  out.push_back(std::move(acks));

  EDIGATE_TRY(auto untracked,
              unanswered(store, "ship_notices_without_tracking", "ship notices with no tracking", "ship_notice",
                         {"shipment_id", "bol", "tracking_number"}, {"tracking_event"}, before, now));
  out.push_back(std::move(untracked));

  EDIGATE_TRY(auto dead, store.dead_letter_counts());
  Section letters{"dead_letters", "dead letters", {"kind", "destination", "count", "oldest"}};
  for (const auto& d : dead) {
    const bool input = d.kind == store::WorkKind::process;
    letters.rows.push_back({input ? "input" : to_string(d.kind), d.target.empty() ? "-" : d.target,
                            std::to_string(d.count), store::iso_utc(d.oldest)});
    letters.count += static_cast<std::size_t>(d.count);
  }
  out.push_back(std::move(letters));
  return out;
}

void print_text(const std::vector<Section>& sections, int days, store::Millis now, std::ostream& out) {
  out << "report at " << store::iso_utc(now) << " (waiting more than " << days << " day(s))\n";
  for (const auto& s : sections) {
    out << "\n"
        << s.title << ": " << s.count << (s.bounded ? " (the oldest " + std::to_string(kMaxRows) + ")" : "") << "\n";
    if (s.count == 0) continue;
    std::vector<std::vector<std::string>> table{{}};
    for (const auto& c : s.columns) {
      std::string heading = c == "age_days" ? "AGE" : c;
      std::transform(heading.begin(), heading.end(), heading.begin(),
                     [](unsigned char ch) { return std::toupper(ch); });
      table[0].push_back(heading);
    }
    for (auto row : s.rows) {
      if (auto age = std::find(s.columns.begin(), s.columns.end(), "age_days"); age != s.columns.end())
        row[static_cast<std::size_t>(age - s.columns.begin())] += "d";
      table.push_back(std::move(row));
    }
    print_table(out, table);
  }
}

/// {"generated_at","days","sections":{KEY:{"title","count","bounded","items":[{COLUMN:VALUE}]}}}:
/// what a monitoring job or a dashboard reads.
void print_json(const std::vector<Section>& sections, int days, store::Millis now, std::ostream& out) {
  Poco::JSON::Object::Ptr root = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  root->set("generated_at", store::iso_utc(now));
  root->set("days", days);
  Poco::JSON::Object::Ptr all = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& s : sections) {
    Poco::JSON::Object::Ptr section = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    section->set("title", s.title);
    section->set("count", s.count);
    section->set("bounded", s.bounded);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : s.rows) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      for (std::size_t i = 0; i < s.columns.size() && i < row.size(); ++i) {
        const bool number = s.columns[i] == "age_days" || s.columns[i] == "count";
        if (number)
          item->set(s.columns[i], std::stoll(row[i]));
        else
          item->set(s.columns[i], row[i]);
      }
      items->add(item);
    }
    section->set("items", items);
    all->set(s.key, section);
  }
  root->set("sections", all);
  write_json(out, root);
  out << "\n";
}

}  // namespace

int cmd_report(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto specs = store_options();
  specs.push_back({"days", true, false, "N",
                   "how long a PO may wait for its ship notice, and a ship notice for\n"
                   "its tracking (default 3)"});
  specs.push_back({"json", false, false, "", "one JSON object instead of the tables"});
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
  const store::Millis now = store::now_millis();
  auto sections = build_report(**opened, days, now);
  if (!sections) return report_error("report", sections.error(), err);
  if (args.has("json"))
    print_json(*sections, days, now, out);
  else
    print_text(*sections, days, now, out);
  return kExitOk;
}

}  // namespace edigate::cli
