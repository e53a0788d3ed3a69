#pragma once
// The corpus validation tests read each file through the one inbound pass in validate-only
// mode (translation::translate_inbound, InboundOptions.translate = false), as `edigate
// validate` does: the real X12/EDIFACT plugins, the given schema registry, no partner. What a
// test needs per transaction (which schema judged it) comes from the acknowledgement reports.
#include "edifact_plugin.hpp"
#include "io/peek_input.hpp"
#include "plugin_host/plugin_host.hpp"
#include "schema/registry.hpp"
#include "translation/inbound.hpp"
#include "x12_plugin.hpp"

#include <edigate/input.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace edigate::test {

/// One transaction as the pass reported it.
struct PassTransaction {
  std::string version;  ///< schema version key ("004010", "D96A")
  std::string set;      ///< "850", "ORDERS"
  std::string release;  ///< version as sent, for variant lookup ("D:96A:UN:EAN008"); X12: empty
  bool schema_checked = false;
};

struct PassOutcome {
  translation::InboundSummary summary;
  std::vector<Error> issues;  ///< errors and warnings, input order
  std::vector<PassTransaction> transactions;
};

inline plugin_host::PluginHost& linked_plugins() {
  static plugin_host::PluginHost host = [] {
    plugin_host::PluginHost h;
    REQUIRE(h.add(std::shared_ptr<Plugin>(x12::create_plugin()), "x12 (linked)").ok());
    REQUIRE(h.add(std::shared_ptr<Plugin>(edifact::create_plugin()), "edifact (linked)").ok());
    return h;
  }();
  return host;
}

inline PassTransaction pass_transaction(const TransactionReport& t) {
  PassTransaction out;
  out.version = t.version;
  out.schema_checked = t.schema_checked;
  auto component = [&](std::size_t element, std::size_t c) -> std::string {
    if (element >= t.header.elements.size() || t.header.elements[element].empty()) return {};
    const auto& comps = t.header.elements[element].front();
    return c < comps.size() ? comps[c] : std::string();
  };
  if (t.header.tag == "UNH") {  // S009: type : version : release : agency : association
    out.set = component(1, 0);
    out.release = component(1, 1) + ":" + component(1, 2) + ":" + component(1, 3) + ":" + component(1, 4);
  } else {
    out.set = component(0, 0);
  }
  return out;
}

/// Reads `bytes` (named `file` in positions) as `standard` to the end; REQUIREs that the pass
/// itself succeeded (content problems are issues, not a failure).
inline PassOutcome validate_pass(const std::string& standard, const std::string& bytes, const std::string& file,
                                 schema::Registry& schemas, const Tolerance& tolerance = {}) {
  static translation::FileCache files(std::filesystem::path(EDIGATE_SOURCE_DIR) / "maps");
  translation::Services services{linked_plugins(), &schemas, files};
  MemoryInput raw(bytes, file);
  io::PeekInput in(raw);
  translation::InboundOptions options;
  options.file = file;
  options.standard = standard;
  options.translate = false;
  options.reader.file = file;
  options.reader.tolerance = tolerance;
  PassOutcome out;
  translation::InboundSink sink;
  sink.on_issue = [&](const Error& e) { out.issues.push_back(e); };
  sink.on_interchange = [&](InterchangeReport&& report, const auto&, FormatPlugin&) {
    for (const auto& g : report.groups)
      for (const auto& t : g.transactions) out.transactions.push_back(pass_transaction(t));
  };
  auto r = translation::translate_inbound(services, in, options, sink);
  if (!r) FAIL(r.error().to_string());
  out.summary = *r;
  return out;
}

}  // namespace edigate::test
