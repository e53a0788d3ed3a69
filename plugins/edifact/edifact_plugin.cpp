// PLACEHOLDER (being replaced by the EDIFACT plugin work): declares the plugin so the tree builds.
#include "edifact_plugin.hpp"

namespace edigate::edifact {
namespace {
class EdifactPlugin final : public FormatPlugin {
 public:
  PluginInfo info() const noexcept override { return {"edifact", PluginKind::format, "0.0.0", EDIGATE_SDK_ABI, "UN/EDIFACT"}; }
  std::string_view standard() const noexcept override { return "EDIFACT"; }
  int detect(std::string_view) const noexcept override { return 0; }
  Result<std::unique_ptr<DocumentReader>> open(InputStream&, const ReaderOptions&) noexcept override { return Error("edifact.todo", "not built yet"); }
  Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport&, const AckOptions&) noexcept override { return Error("edifact.todo", "not built yet"); }
  Result<std::string> write(const InterchangeData&, const WriteOptions&) noexcept override { return Error("edifact.todo", "not built yet"); }
};
}  // namespace
Plugin* create_plugin() { return new EdifactPlugin(); }
}  // namespace edigate::edifact
