// The EDIFACT format plugin object: detection, reader, CONTRL and writer behind FormatPlugin.
#include "edifact_plugin.hpp"

#include "contrl.hpp"
#include "envelope_facts.hpp"
#include "interchange_reader.hpp"
#include "outbound_envelope.hpp"
#include "writer.hpp"

#include <exception>

namespace edigate::edifact {
namespace {

bool tag_follows(std::string_view s, std::string_view tag) {
  return s.size() >= 4 && s.substr(0, 3) == tag &&
         !((s[3] >= 'A' && s[3] <= 'Z') || (s[3] >= 'a' && s[3] <= 'z') || (s[3] >= '0' && s[3] <= '9'));
}

class EdifactPlugin final : public FormatPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"edifact", PluginKind::format, "0.1.0", EDIGATE_SDK_ABI,
            "UN/EDIFACT (ISO 9735 syntax 1-4): reader, CONTRL, writer"};
  }
  std::string_view standard() const noexcept override { return "EDIFACT"; }

  int detect(std::string_view p) const noexcept override {
    if (p.substr(0, 3) == "\xEF\xBB\xBF") p.remove_prefix(3);
    while (!p.empty() && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')) p.remove_prefix(1);
    if (p.size() >= 9 && p.substr(0, 3) == "UNA") return 100;
    if (tag_follows(p, "UNB")) return 100;
    if (tag_follows(p, "UNH")) return 80;
    return 0;
  }

  Result<EnvelopeFacts> describe_envelope(const Segment& header, const Delimiters& d) const noexcept override {
    try {
      return envelope_facts(header, d);
    } catch (const std::exception& e) {
      return Error("edifact.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  Result<EnvelopeFacts> sniff(std::string_view prefix) const noexcept override {
    try {
      return sniff_envelope(prefix);
    } catch (const std::exception& e) {
      return Error("edifact.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  Result<std::unique_ptr<DocumentReader>> open(InputStream& in, const ReaderOptions& options) noexcept override {
    try {
      return std::unique_ptr<DocumentReader>(std::make_unique<InterchangeReader>(in, options));
    } catch (const std::exception& e) {
      return Error("edifact.open", e.what());
    }
  }

  Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport& report,
                                                   const AckOptions& options) noexcept override {
    try {
      if (options.kind != AckKind::automatic && options.kind != AckKind::edifact_contrl)
        return Error("edifact.ack.kind", "EDIFACT acknowledges with CONTRL only")
            .want("automatic or edifact_contrl", "");
      std::vector<InterchangeData> out;
      // A CONTRL is not answered with a CONTRL (ISO 9735-1): an interchange of CONTRL messages
      // only, read without interchange-level errors, gets none.
      bool only_contrl = !report.groups.empty() && !has_errors(report.issues);
      for (const auto& g : report.groups)
        for (const auto& t : g.transactions) only_contrl = only_contrl && t.header.value(2) == "CONTRL";
      if (only_contrl) return out;
      EDIGATE_TRY(InterchangeData ack, build_contrl(report, options));
      out.push_back(std::move(ack));
      return out;
    } catch (const std::exception& e) {
      return Error("edifact.ack.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  Result<std::string> group_key(std::string_view set, const OutboundEnvelope& envelope) const noexcept override {
    try {
      // UNG groups only for a receiver that uses them (most EDIFACT partners use none).
      return envelope.group_receiver.id.empty() ? std::string() : std::string(set);
    } catch (const std::exception& e) {
      return Error("edifact.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  std::string transaction_control(std::uint64_t n) const noexcept override {
    try {
      return std::to_string(n);
    } catch (...) {
      return std::string();
    }
  }

  Result<void> add_envelope(InterchangeData& doc, const std::vector<std::string>& keys,
                            const OutboundEnvelope& envelope) const noexcept override {
    try {
      return edifact::add_envelope(doc, keys, envelope);
    } catch (const std::exception& e) {
      return Error("edifact.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  Result<std::string> write(const InterchangeData& doc, const WriteOptions& options) noexcept override {
    try {
      return write_interchange(doc, options);
    } catch (const std::exception& e) {
      return Error("edifact.write.internal", e.what()).as(ErrorCategory::internal);
    }
  }
};

}  // namespace

Plugin* create_plugin() { return new EdifactPlugin(); }

}  // namespace edigate::edifact
