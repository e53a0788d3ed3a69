// The X12 format plugin object: detection, reader factory, acknowledgements, writer.
#include "x12_plugin.hpp"

#include "ack.hpp"
#include "ebcdic.hpp"
#include "envelope_facts.hpp"
#include "interchange_reader.hpp"
#include "outbound_envelope.hpp"
#include "writer.hpp"

#include <cctype>
#include <new>

namespace edigate::x12 {
namespace {

class X12Plugin final : public FormatPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"x12", PluginKind::format, "0.1.0", EDIGATE_SDK_ABI,
            "ANSI ASC X12: reader, envelope rules, 997/999/TA1, writer"};
  }
  std::string_view standard() const noexcept override { return "X12"; }

  int detect(std::string_view prefix) const noexcept override {
    if (prefix.substr(0, 3) == "\xEF\xBB\xBF") prefix.remove_prefix(3);
    while (!prefix.empty() && (prefix.front() == ' ' || prefix.front() == '\t' || prefix.front() == '\r' ||
                               prefix.front() == '\n' || prefix.front() == 0x40 /* EBCDIC space */))
      prefix.remove_prefix(1);
    if (prefix.size() < 4) return 0;
    char sep = prefix[3];
    if (prefix.substr(0, 3) == "ISA") {
      // A plausible separator: not a letter, digit, space or line break.
      bool ok = !std::isalnum(static_cast<unsigned char>(sep)) && sep != ' ' && sep != '\r' && sep != '\n';
      return ok ? 100 : 0;
    }
    if (is_ebcdic_isa(prefix.data())) {
      char c = sep;
      decode_cp037(&c, 1);
      return !std::isalnum(static_cast<unsigned char>(c)) && c != ' ' ? 100 : 0;
    }
    return 0;
  }

  Result<EnvelopeFacts> describe_envelope(const Segment& header, const Delimiters& d) const noexcept override {
    try {
      return envelope_facts(header, d);
    } catch (const std::exception& e) {
      return Error("x12.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  Result<EnvelopeFacts> sniff(std::string_view prefix) const noexcept override {
    try {
      return sniff_envelope(prefix);
    } catch (const std::exception& e) {
      return Error("x12.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  Result<std::unique_ptr<DocumentReader>> open(InputStream& in, const ReaderOptions& options) noexcept override {
    try {
      return std::unique_ptr<DocumentReader>(std::make_unique<InterchangeReader>(in, options));
    } catch (const std::exception& e) {
      return Error("x12.open", e.what());
    }
  }

  Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport& report,
                                                   const AckOptions& options) noexcept override {
    try {
      return x12::acknowledge(report, options);
    } catch (const std::exception& e) {
      return Error("x12.ack", e.what());
    }
  }

  Result<std::string> group_key(std::string_view set, const OutboundEnvelope&) const noexcept override {
    try {
      if (auto code = functional_identifier(set)) return *code;
      return Error("render.group.unknown_set",
                   "no functional identifier code (GS01) known for set " + std::string(set));
    } catch (const std::exception& e) {
      return Error("x12.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  std::string transaction_control(std::uint64_t n) const noexcept override {
    try {
      return st_control(n);
    } catch (...) {
      return std::string();
    }
  }

  Result<void> add_envelope(InterchangeData& doc, const std::vector<std::string>& keys,
                            const OutboundEnvelope& envelope) const noexcept override {
    try {
      return x12::add_envelope(doc, keys, envelope);
    } catch (const std::exception& e) {
      return Error("x12.internal", e.what()).as(ErrorCategory::internal);
    }
  }

  Result<std::string> write(const InterchangeData& doc, const WriteOptions& options) noexcept override {
    try {
      return write_interchange(doc, options);
    } catch (const std::exception& e) {
      return Error("x12.write", e.what());
    }
  }
};

}  // namespace

Plugin* create_plugin() { return new X12Plugin(); }

}  // namespace edigate::x12
