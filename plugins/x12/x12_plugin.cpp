// PLACEHOLDER (being replaced by the X12 plugin work): declares the plugin so the tree builds.
#include "x12_plugin.hpp"

namespace edigate::x12 {
namespace {
class X12Plugin final : public FormatPlugin {
 public:
  PluginInfo info() const noexcept override { return {"x12", PluginKind::format, "0.0.0", EDIGATE_SDK_ABI, "ANSI ASC X12"}; }
  std::string_view standard() const noexcept override { return "X12"; }
  int detect(std::string_view) const noexcept override { return 0; }
  Result<std::unique_ptr<DocumentReader>> open(InputStream&, const ReaderOptions&) noexcept override { return Error("x12.todo", "not built yet"); }
  Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport&, const AckOptions&) noexcept override { return Error("x12.todo", "not built yet"); }
  Result<std::string> write(const InterchangeData&, const WriteOptions&) noexcept override { return Error("x12.todo", "not built yet"); }
};
}  // namespace
Plugin* create_plugin() { return new X12Plugin(); }
}  // namespace edigate::x12
