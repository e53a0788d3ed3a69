#pragma once
// A minimal format plugin for plugin-host tests: reads nothing, writes nothing.
#include <edigate/sdk.hpp>

namespace fixture {
class FixtureFormat final : public edigate::FormatPlugin {
 public:
  explicit FixtureFormat(std::string name) : name_(std::move(name)) {}
  edigate::PluginInfo info() const noexcept override {
    return {name_, edigate::PluginKind::format, "9.9.9", EDIGATE_SDK_ABI, "test fixture"};
  }
  std::string_view standard() const noexcept override { return "FIXTURE"; }
  int detect(std::string_view prefix) const noexcept override { return prefix.rfind("FIX", 0) == 0 ? 100 : 0; }
  edigate::Result<edigate::EnvelopeFacts> describe_envelope(const edigate::Segment&,
                                                            const edigate::Delimiters&) const noexcept override {
    return edigate::Error("fixture.envelope", "fixture has no envelopes");
  }
  edigate::Result<edigate::EnvelopeFacts> sniff(std::string_view) const noexcept override {
    return edigate::Error("fixture.envelope", "fixture has no envelopes");
  }
  edigate::Result<std::string> group_key(std::string_view, const edigate::OutboundEnvelope&) const noexcept override {
    return std::string();
  }
  std::string transaction_control(std::uint64_t n) const noexcept override { return std::to_string(n); }
  edigate::Result<void> add_envelope(edigate::InterchangeData&, const std::vector<std::string>&,
                                     const edigate::OutboundEnvelope&) const noexcept override {
    return edigate::Error("fixture.envelope", "fixture has no envelopes");
  }
  edigate::Result<std::unique_ptr<edigate::DocumentReader>> open(edigate::InputStream&,
                                                                 const edigate::ReaderOptions&) noexcept override {
    return edigate::Error("fixture.read", "fixture reads nothing");
  }
  edigate::Result<std::vector<edigate::InterchangeData>> acknowledge(const edigate::InterchangeReport&,
                                                                     const edigate::AckOptions&) noexcept override {
    return std::vector<edigate::InterchangeData>{};
  }
  edigate::Result<std::string> write(const edigate::InterchangeData&, const edigate::WriteOptions&) noexcept override {
    return std::string("FIX");
  }

 private:
  std::string name_;
};
}  // namespace fixture
