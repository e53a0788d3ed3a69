// The SFTP transport plugin (type "sftp", a partner profile's <sftp> element): polls the
// partner's server and uploads to it (sftp_endpoint.hpp). No listener: partners do not connect to
// us over SFTP.
#include "sftp/sftp_endpoint.hpp"

namespace edigate::sftp {
namespace {

class SftpPlugin final : public TransportPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"sftp", PluginKind::transport, "0.1.0", EDIGATE_SDK_ABI,
            "SFTP (libssh2): polls a partner's server (pinned host key, size-checked downloads, remote delete or "
            "move only after the store committed), uploads via temporary name and rename"};
  }
  TransportSpec spec() const noexcept override { return {"sftp", sftp_options(), true, true, {}}; }

  Result<std::unique_ptr<TransportEndpoint>> open(const TransportConfig& config, TransportHost&) noexcept override {
    try {
      EDIGATE_TRY(EndpointSettings settings, read_settings(config));
      auto pool = pools_.for_endpoint(config.partner, config.name, settings.max_sessions);
      return std::unique_ptr<TransportEndpoint>(new SftpEndpoint(config, std::move(settings), std::move(pool)));
    } catch (const std::exception& e) {
      return Error("transport.sftp.config", "transport '" + config.name + "': " + e.what()).as(ErrorCategory::internal);
    }
  }

  Result<std::unique_ptr<TransportListener>> listen(const ListenerConfig&, TransportHost&) noexcept override {
    return Error("transport.listener.unsupported", "the SFTP transport has no listener")
        .as(ErrorCategory::configuration);
  }

 private:
  SessionPools pools_;  ///< one per endpoint (its max-sessions)
};

Plugin* create_plugin() { return new SftpPlugin(); }

}  // namespace
}  // namespace edigate::sftp

EDIGATE_PLUGIN(edigate::sftp::create_plugin)
