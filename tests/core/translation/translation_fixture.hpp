#pragma once
// Real parts for the translation tests: the built format plugins and schemas, the repository's
// maps folder, partner profiles and maps written by the test into a temp dir.
#include "canonical/json_io.hpp"
#include "io/peek_input.hpp"
#include "partners/registry.hpp"
#include "temp_dir.hpp"
#include "translation/inbound.hpp"
#include "translation/render.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace edigate::test {

/// A small 850 inbound map, kept here so the expected output cannot drift with the base maps.
inline const std::string kMap850In =
    R"(<map id="t-850-in" direction="inbound" standard="X12" version="004010" set="850" type="purchase_order">
  <field name="po_number" path="BEG03" required="true" correlation="po_number"/>
  <field name="po_date" path="BEG05" convert="date" required="true"/>
  <array name="lines" each="PO1">
    <field name="line_number" path="PO101"/>
    <field name="quantity" path="PO102" convert="decimal"/>
    <field name="uom" path="PO103"/>
  </array>
</map>
)";

inline const std::string kMap855Out =
    R"(<map id="t-855-out" direction="outbound" standard="X12" version="004010" set="855" type="purchase_order_ack">
  <segment tag="ST"><element pos="1" const="855"/><element pos="2" source="control" required="true"/></segment>
  <segment tag="BAK">
    <element pos="1" const="00"/><element pos="2" const="AC"/>
    <element pos="3" path="po_number" required="true"/><element pos="4" path="po_date" convert="date8" required="true"/>
  </segment>
  <loop each="lines">
    <segment tag="PO1">
      <element pos="1" path="line_number"/><element pos="2" path="quantity" convert="decimal"/><element pos="3" path="uom"/>
    </segment>
  </loop>
  <segment tag="CTT"><element pos="1" source="count" path="lines"/></segment>
  <segment tag="SE"><element pos="1" source="segment_count"/><element pos="2" source="control"/></segment>
</map>
)";

inline const std::string kMap855In =
    R"(<map id="t-855-in" direction="inbound" standard="X12" version="004010" set="855" type="purchase_order_ack">
  <field name="po_number" path="BAK03" required="true" correlation="po_number"/>
  <field name="po_date" path="BAK04" convert="date" required="true"/>
  <array name="lines" each="PO1">
    <field name="line_number" path="PO101"/>
    <field name="quantity" path="PO102" convert="decimal"/>
    <field name="uom" path="PO103"/>
  </array>
</map>
)";

/// An X12 004010 profile (ISA ZZ/<isa_id>) whose documents are `documents` (<document .../> lines).
inline std::string x12_partner(const std::string& id, const std::string& isa_id, const std::string& documents,
                               const std::string& extra = "") {
  return "<partner xmlns=\"urn:edigate:partner:1\" id=\"" + id +
         "\" standard=\"x12-004010\">\n"
         "  <name>" +
         id +
         "</name>\n"
         "  <identities><x12 isa-qualifier=\"ZZ\" isa-id=\"" +
         isa_id +
         "\"/></identities>\n"
         "  <local><x12 isa-qualifier=\"ZZ\" isa-id=\"EDIGATE\"/></local>\n"
         "  <documents>" +
         documents + "</documents>\n" + extra + "</partner>\n";
}

/// An 850 interchange from ZZ/<sender> with the given transaction sets (ST..SE each).
inline std::string interchange_850(const std::string& sender, const std::vector<std::string>& sets) {
  std::string padded = sender;
  padded.resize(15, ' ');
  std::string out = "ISA*00*          *00*          *ZZ*" + padded +
                    "*ZZ*EDIGATE        *240312*1200*U*00401*000000905*0*P*>~\n"
                    "GS*PO*" +
                    sender + "*EDIGATE*20240312*1200*905*X*004010~\n";
  for (const auto& s : sets) out += s;
  out += "GE*" + std::to_string(sets.size()) + "*905~\nIEA*1*000000905~\n";
  return out;
}

struct Runtime {
  plugin_host::PluginHost plugins;
  schema::Registry schemas{{std::filesystem::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"}};
  translation::FileCache files;
  translation::Services services{plugins, &schemas, files};
  /// Maps load with every check, as in the CLI; `canonical_maps` false is for engine tests whose
  /// synthetic maps write fields the canonical schemas do not have.
  explicit Runtime(bool canonical_maps = true)
      : files{std::filesystem::path(EDIGATE_SOURCE_DIR) / "maps", mapping::MapChecks{canonical_maps, &schemas}} {
    auto errors = plugins.load_directory(std::filesystem::path(EDIGATE_BUILD_DIR) / "plugins");
    REQUIRE(plugins.format_for_standard("X12"));
    REQUIRE(plugins.format_for_standard("EDIFACT"));
  }
};

struct Outcome {
  std::vector<std::string> lines;  ///< messages as JSON Lines
  std::vector<Poco::JSON::Object::Ptr> messages;
  std::vector<Error> issues;
  translation::InboundSummary summary;
};

inline Outcome translate_text(Runtime& rt, const std::string& text, translation::InboundOptions options) {
  MemoryInput memory(text, options.file);
  io::PeekInput in(memory);
  Outcome o;
  translation::InboundSink sink;
  sink.on_message = [&](const Poco::JSON::Object::Ptr& m) {
    o.messages.push_back(m);
    auto line = canonical::to_json_line(m);
    REQUIRE(line.ok());
    o.lines.push_back(*line);
  };
  sink.on_issue = [&](const Error& e) { o.issues.push_back(e); };
  auto summary = translation::translate_inbound(rt.services, in, options, sink);
  if (!summary) FAIL(summary.error().to_string());
  o.summary = *summary;
  return o;
}

inline std::shared_ptr<const partners::Profile> partner(const partners::PartnerRegistry& registry,
                                                        const std::string& id) {
  auto p = registry.find(id);
  if (!p) {
    for (const auto& e : registry.snapshot()->errors) UNSCOPED_INFO(e.to_string());
    FAIL("partner " + id + " did not load");
  }
  return p;
}

}  // namespace edigate::test
