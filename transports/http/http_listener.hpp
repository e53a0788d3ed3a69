#pragma once
// The supplier API listener (gateway.xml <listener type="http">): a Poco HTTP server, TLS through
// Poco NetSSL when a certificate and key are configured, serving SupplierApi.
#include "supplier_api.hpp"

#include <edigate/transport_plugin.hpp>

#include <memory>

namespace edigate::http {

/// The listener's settings (TransportSpec::listener).
std::vector<TransportOption> listener_options();

class HttpListener final : public TransportListener {
 public:
  /// Binds and starts serving. Errors (configuration): bad settings, the address cannot be bound,
  /// the certificate or key cannot be read.
  static Result<std::unique_ptr<HttpListener>> start(const ListenerConfig& config, TransportHost& host,
                                                     const PartnerKeys& keys);
  ~HttpListener() override;

  std::string address() const noexcept override;
  TransportHealth health() const noexcept override;
  void stop() noexcept override;

 private:
  struct Impl;
  explicit HttpListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace edigate::http
