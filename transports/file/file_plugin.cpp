// The file transport plugin: folders as a partner connection (file_endpoint.hpp). No listener.
#include "file_endpoint.hpp"

namespace edigate::file {
namespace {

class FilePlugin final : public TransportPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"file", PluginKind::transport, "0.1.0", EDIGATE_SDK_ABI,
            "folders: inbox polling (complete files only), outbox writes (temp, fsync, rename)"};
  }
  TransportSpec spec() const noexcept override { return {"folder", file_options(), true, true, {}}; }

  Result<std::unique_ptr<TransportEndpoint>> open(const TransportConfig& config, TransportHost&) noexcept override {
    if (config.option("inbox").empty() && config.option("inbox-root").empty() && config.option("outbox").empty() &&
        config.option("outbox-root").empty())
      return Error("transport.file.config",
                   "transport '" + config.name + "' of partner '" + config.partner + "' names no inbox and no outbox")
          .as(ErrorCategory::configuration);
    try {
      return std::unique_ptr<TransportEndpoint>(new FileEndpoint(config));
    } catch (const std::exception& e) {
      return Error("transport.file.config", "transport '" + config.name + "': " + e.what())
          .as(ErrorCategory::configuration);
    }
  }

  Result<std::unique_ptr<TransportListener>> listen(const ListenerConfig&, TransportHost&) noexcept override {
    return Error("transport.listener.unsupported", "the folder transport has no listener")
        .as(ErrorCategory::configuration);
  }
};

Plugin* create_plugin() { return new FilePlugin(); }

}  // namespace
}  // namespace edigate::file

EDIGATE_PLUGIN(edigate::file::create_plugin)
