// The AS2 transport plugin (RFC 4130): endpoints send to partners, the gateway's listener
// receives from them (settings.hpp for the options, as2_endpoint.hpp, as2_listener.hpp).
#include "as2_endpoint.hpp"
#include "as2_listener.hpp"

#include <as2/mime.hpp>
#include <file/durable_file.hpp>

#include <fstream>

namespace edigate::as2 {
namespace {

// A random token per endpoint work folder, kept there: part of every Message-ID we mint, so two
// gateways (or a re-created data folder) never reuse one for outbound id + attempt.
Result<std::string> instance_token(const std::filesystem::path& work_dir) {
  const auto file = work_dir / "instance";
  {
    std::ifstream in(file);
    std::string token;
    if (in >> token && token.size() == 16) return token;
  }
  std::error_code ec;
  std::filesystem::create_directories(work_dir, ec);
  const std::string token = random_token(8);
  EDIGATE_TRY_VOID(io::write_file_durably(file, token + "\n", "transport.as2.instance"));
  return token;
}

class As2Plugin final : public TransportPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"as2", PluginKind::transport, "0.1.0", EDIGATE_SDK_ABI,
            "AS2 (RFC 4130): signed, encrypted, compressed messages with MDNs over HTTP(S); certificate rollover"};
  }
  // polls: an endpoint asking for async MDNs polls to time them out (As2Endpoint::role); the
  // host's default interval (a minute) is fine grain for mdn-timeout-seconds.
  TransportSpec spec() const noexcept override { return {"as2", endpoint_options(), true, true, listener_options()}; }

  Result<std::unique_ptr<TransportEndpoint>> open(const TransportConfig& config, TransportHost&) noexcept override {
    try {
      EDIGATE_TRY(auto setup, load_partner_setup(config));
      EDIGATE_TRY(std::string token, instance_token(config.work_dir));
      return std::unique_ptr<TransportEndpoint>(new As2Endpoint(std::move(setup), registry_, std::move(token)));
    } catch (const std::exception& e) {
      return Error("transport.as2.config",
                   "transport '" + config.name + "' of partner '" + config.partner + "': " + e.what())
          .as(ErrorCategory::configuration);
    }
  }

  Result<std::unique_ptr<TransportListener>> listen(const ListenerConfig& config,
                                                    TransportHost& host) noexcept override {
    try {
      return start_listener(config, registry_, host);
    } catch (const std::exception& e) {
      return Error("transport.as2.listener", std::string("AS2 listener: ") + e.what()).as(ErrorCategory::internal);
    }
  }

 private:
  std::shared_ptr<Registry> registry_ = std::make_shared<Registry>();
};

Plugin* create_plugin() { return new As2Plugin(); }

}  // namespace
}  // namespace edigate::as2

EDIGATE_PLUGIN(edigate::as2::create_plugin)
