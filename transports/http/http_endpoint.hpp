#pragma once
// One partner's <http> endpoint (partners/partner.xsd):
// - method GET: poll(): fetch `url` (If-None-Match with the last ETag); a body that differs from
//   the last one stored is handed to the host (remote id: url + ETag, or + SHA-256 without one),
//   and only then remembered (work_dir/last-poll), so a crash between the two fetches it again
//   and the store recognises the repeat. The carrier tracking pull (ups-api, bluegrass-freight).
// - method POST/PUT: send(): the document as the body to `url`. 2xx delivered; 408, 425, 429, 5xx
//   and network failures retry (after Retry-After, seconds or HTTP-date, capped at an hour); other
//   4xx and an untrusted TLS certificate are permanent.
// - api-key-sha256: the partner may use the supplier API (http_listener.hpp); its key hash is
//   registered with the plugin's PartnerKeys while the endpoint is open. Without a url, the
//   partner's acknowledgements are served by the API's status answer (send() of an ack is
//   "delivered" there); other documents need a sending transport.
// https verifies the server's chain (ca-file, else the system CAs) and its host name.
#include "partner_keys.hpp"

#include <edigate/transport_plugin.hpp>

#include <memory>
#include <mutex>

namespace edigate::http {

/// The settings of <http> (TransportSpec::options); every attribute the XSD allows.
std::vector<TransportOption> endpoint_options();

class HttpEndpoint final : public TransportEndpoint {
 public:
  /// Checks the settings (configuration errors name the endpoint) and registers the API key.
  static Result<std::unique_ptr<HttpEndpoint>> open(const TransportConfig& config, PartnerKeys& keys);
  ~HttpEndpoint() override;

  Result<std::size_t> poll(TransportHost& host) noexcept override;
  SendResult send(const OutboundDocument& doc) noexcept override;
  TransportHealth health() const noexcept override;
  void stop() noexcept override;
  /// GET polls; POST/PUT sends everything; without a url, only acknowledgements (served by the API).
  EndpointRole role() const noexcept override;

 private:
  struct Impl;
  explicit HttpEndpoint(std::unique_ptr<Impl> impl);
  void set_health(bool ok, std::string detail) const;
  std::unique_ptr<Impl> impl_;
};

/// Seconds to wait from a Retry-After value (delta-seconds or an HTTP-date), capped; 0 when absent
/// or unreadable.
std::chrono::seconds retry_after_of(const std::string& value, std::chrono::system_clock::time_point now,
                                    std::chrono::seconds cap);

}  // namespace edigate::http
