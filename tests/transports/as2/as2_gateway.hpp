#pragma once
// The whole gateway in-process (samples/gateway/gateway.xml) with ACME's AS2 endpoint pointed at
// a libas2 peer on 127.0.0.1 through a gateway.xml <endpoint> override, as the demo wires it.
#include "libas2_peer.hpp"

#include "gateway_process.hpp"
#include "sample_gateway.hpp"

#include <regex>

namespace edigate::as2::test {

inline bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(60)) {
  return edigate::test::wait_until(done, limit, std::chrono::milliseconds(100));
}

/// ACME's `<endpoint>` override toward the peer at `port`, with `extra` options (mdn, ...).
inline std::string acme_as2_endpoint(int port, const std::map<std::string, std::string>& extra = {}) {
  Pki& pki = Pki::get();
  ::setenv("EDIGATE_AS2_TEST_KEY", read_file(pki.gateway.key).c_str(), 1);
  std::map<std::string, std::string> options = {{"url", "http://127.0.0.1:" + std::to_string(port) + "/as2"},
                                                {"partner-certificate", pki.partner.crt.string()},
                                                {"our-certificate", pki.gateway.crt.string()},
                                                {"our-private-key", "env:EDIGATE_AS2_TEST_KEY"},
                                                {"timeout-seconds", "30"}};
  for (const auto& [k, v] : extra) options[k] = v;
  std::string xml = "<endpoint partner=\"acme-retail\" name=\"as2\">";
  for (const auto& [k, v] : options) xml += "<option name=\"" + k + "\" value=\"" + v + "\"/>";
  return xml + "</endpoint>";
}

/// ACME as a libas2 receiver (EDIGATEDEMO is the gateway's AS2 id) on a free port; `flags` for
/// receive.js (" --no-async-mdn").
struct AcmePeer {
  Libas2Peer peer;
  int port = free_port();
  fs::path received = peer.work.path / "received";
  std::unique_ptr<Libas2Server> server;

  explicit AcmePeer(const std::string& flags = "") {
    Pki& pki = Pki::get();
    peer.add("EDIGATEDEMO", pki.gateway, false);
    peer.add("ACMERETAIL-AS2", pki.partner, true);
    server = std::make_unique<Libas2Server>(peer, port, "ACMERETAIL-AS2", received, flags);
  }
};

/// A started gateway whose <transports> element is `transports`; stopped on destruction.
struct As2Gateway {
  edigate::test::TempDir dir{"as2-gateway"};
  fs::path data = dir.path / "data";
  std::unique_ptr<edigate::test::StartedGateway> started;
  pipeline::Gateway* gateway = nullptr;

  explicit As2Gateway(const std::string& transports) {
    edigate::test::SampleGatewayOptions o;
    o.transports = transports;
    const fs::path config_file = dir.path / "gateway.xml";
    write_file(config_file, edigate::test::sample_gateway_xml(o));
    started = std::make_unique<edigate::test::StartedGateway>(config_file, data);
    gateway = started->gateway.get();
  }

  /// The newest outbound document for ACME, if any.
  std::optional<store::OutboundRecord> last_outbound() {
    auto list = gateway->store().outbound_list("acme-retail", 10);
    if (!list || list->empty()) return std::nullopt;
    return list->back();
  }
};

}  // namespace edigate::as2::test
