// edigate trace: the chain of messages around a PO number, shipment id or message id
// (pipeline/correlation_chain.hpp), one line per message.
#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/store_access.hpp"
#include "cli/table.hpp"
#include "pipeline/correlation_chain.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <ostream>

namespace edigate::cli {
namespace {

const char* const kTraceHelp =
    "usage: edigate trace PO_NUMBER|SHIPMENT_ID|MESSAGE_ID [--json] [--events N] [--data DIR] [--config FILE]\n"
    "\n"
    "The chain around a document: PO -> PO ack -> ship notice -> tracking events -> invoice,\n"
    "in both directions, found by following correlation keys (PO number, shipment id, bill of\n"
    "lading, tracking numbers) from message to message (at most 200 messages over 100 keys).\n"
    "One line per message, oldest first: time, type, direction, partner, status (with the\n"
    "functional ack of what was rendered and sent), message id and its last events.\n"
    "--json prints one JSON object: the keys followed and every message with all its events.\n"
    "Exit status: 0 ok, 1 nothing matches, 2 usage or I/O error, 3 configuration.\n";

Poco::JSON::Object::Ptr object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

/// "rendered; 997 accepted", "sent; ack overdue since ...": what the partner made of it.
std::string status_text(const pipeline::ChainLink& link, store::Millis now) {
  std::string text = link.message.status;
  for (const auto& d : link.documents) {
    if (d.kind != "document") continue;
    if (!d.ack_status.empty()) {
      text += "; ack " + d.ack_status;
    } else if (d.ack_due_at > 0) {
      text += d.ack_due_at < now ? "; ack overdue" : "; ack awaited";
    }
  }
  return text;
}

std::string last_events(const std::vector<store::EventRecord>& events, std::size_t count) {
  std::string text;
  const std::size_t from = events.size() > count ? events.size() - count : 0;
  for (std::size_t i = from; i < events.size(); ++i) {
    text += (text.empty() ? "" : ", ") + events[i].stage + " " + events[i].outcome;
  }
  return text;
}

std::string keys_text(const std::vector<store::CorrelationKey>& keys) {
  std::string text;
  for (const auto& k : keys) text += (text.empty() ? "" : ", ") + k.kind + " " + k.value;
  return text;
}

void print_text(const std::string& start, const pipeline::Chain& chain, std::size_t events, std::ostream& out) {
  const store::Millis now = store::now_millis();
  out << "trace " << start << ": " << chain.links.size() << " message(s)";
  if (!chain.keys.empty()) out << " linked by " << keys_text(chain.keys);
  out << (chain.truncated ? " (bounded: there may be more)" : "") << "\n";
  std::vector<std::vector<std::string>> rows{
      {"TIME", "TYPE", "DIRECTION", "PARTNER", "STATUS", "MESSAGE", "LAST EVENTS"}};
  for (const auto& link : chain.links) {
    const auto& m = link.message;
    rows.push_back({store::iso_utc(m.created_at), m.type, m.direction, m.partner, status_text(link, now), m.id,
                    last_events(link.events, events)});
  }
  print_table(out, rows);
}

void print_json(const std::string& start, const pipeline::Chain& chain, std::ostream& out) {
  auto root = object();
  root->set("query", start);
  Poco::JSON::Array::Ptr keys = new Poco::JSON::Array();
  for (const auto& k : chain.keys) {
    auto key = object();
    key->set("kind", k.kind);
    key->set("value", k.value);
    keys->add(key);
  }
  root->set("keys", keys);
  root->set("truncated", chain.truncated);
  Poco::JSON::Array::Ptr messages = new Poco::JSON::Array();
  for (const auto& link : chain.links) {
    const auto& m = link.message;
    auto item = object();
    item->set("message_id", m.id);
    item->set("type", m.type);
    item->set("direction", m.direction);
    item->set("partner", m.partner);
    item->set("status", m.status);
    item->set("created_at", store::iso_utc(m.created_at));
    item->set("updated_at", store::iso_utc(m.updated_at));
    item->set("correlation_id", m.correlation_id);
    if (m.input_id) item->set("input_id", static_cast<Poco::Int64>(m.input_id));
    Poco::JSON::Object::Ptr own_keys = object();
    for (const auto& k : link.keys) own_keys->set(k.kind, k.value);
    item->set("keys", own_keys);
    Poco::JSON::Array::Ptr documents = new Poco::JSON::Array();
    for (const auto& d : link.documents) {
      auto doc = object();
      doc->set("outbound_id", static_cast<Poco::Int64>(d.id));
      doc->set("kind", d.kind);
      doc->set("state", d.state);
      doc->set("file_name", d.file_name);
      if (d.ack_due_at) doc->set("ack_due_at", store::iso_utc(d.ack_due_at));
      doc->set("ack_status", d.ack_status);
      documents->add(doc);
    }
    item->set("documents", documents);
    Poco::JSON::Array::Ptr events = new Poco::JSON::Array();
    for (const auto& e : link.events) {
      auto event = object();
      event->set("at", store::iso_utc(e.at));
      event->set("stage", e.stage);
      event->set("outcome", e.outcome);
      event->set("detail", e.detail);
      events->add(event);
    }
    item->set("events", events);
    messages->add(item);
  }
  root->set("messages", messages);
  write_json(out, root);
  out << "\n";
}

}  // namespace

int cmd_trace(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto specs = store_options();
  specs.push_back({"json", false, false, "", "one JSON object instead of the table"});
  specs.push_back({"events", true, false, "N", "last events shown per message (default 3)"});
  auto started = start_command("trace", words, specs, kTraceHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.size() != 1 || args.positional[0].empty()) {
    return usage_error("trace", "expected one PO number, shipment id or message id", kTraceHelp, err);
  }
  std::size_t events = 3;
  if (auto n = args.get("events"); !n.empty()) {
    if (n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) {
      return usage_error("trace", "--events needs a small number, got '" + n + "'", kTraceHelp, err);
    }
    events = std::stoul(n);
  }
  auto opened = open_store(args);
  if (!opened) return report_error("trace", opened.error(), err);
  auto chain = pipeline::follow_chain(**opened, args.positional[0]);
  if (!chain) return report_error("trace", chain.error(), err);
  if (args.has("json")) {
    print_json(args.positional[0], *chain, out);
  } else {
    print_text(args.positional[0], *chain, events, out);
  }
  return kExitOk;
}

}  // namespace edigate::cli
