#pragma once
// The supplier API (docs/transports/http-api.md): one request in, one JSON answer out.
//   POST /api/v1/partners/{id}/documents           raw EDI (or carrier JSON) as the body; canonical
//                                                  JSON with Content-Type: application/json and
//                                                  X-Edigate-Type: <canonical type>  -> 202
//   GET  /api/v1/partners/{id}/documents/{input}   status and acknowledgement          -> 200
// Order of checks: path (404/405) -> API key of that partner (401, before anything is read or
// revealed) -> the partner's token bucket (429 + Retry-After) -> size from Content-Length (413)
// -> the host's capacity (503) -> body read up to the limit (413) -> intake (400 naming the field
// of bad canonical JSON, 503 when the store cannot take it) -> 202 with Location.
// A document is acknowledged (202) only after the host has committed it.
#include "partner_keys.hpp"
#include "rate_limiter.hpp"

#include <edigate/transport_plugin.hpp>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <atomic>

namespace edigate::http {

struct ApiSettings {
  std::uint64_t max_bytes = 10u << 20;
  double rate = 10;   ///< requests per second per partner
  double burst = 20;  ///< bucket size
};

class SupplierApi {
 public:
  SupplierApi(TransportHost& host, const PartnerKeys& keys, ApiSettings settings)
      : host_(host), keys_(keys), settings_(settings), limiter_(settings.rate, settings.burst) {}

  /// Answers one request; never throws (a defect answers 500 and is logged).
  void handle(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) noexcept;

  std::uint64_t requests() const { return requests_.load(); }
  std::uint64_t accepted() const { return accepted_.load(); }

  struct Answer;  ///< status, JSON body, headers (supplier_api.cpp)

 private:
  Answer answer(Poco::Net::HTTPServerRequest& req);
  Answer post_document(Poco::Net::HTTPServerRequest& req, const std::string& partner);
  Answer get_status(const std::string& partner, std::int64_t input_id);

  TransportHost& host_;
  const PartnerKeys& keys_;
  ApiSettings settings_;
  RateLimiter limiter_;
  std::atomic<std::uint64_t> requests_{0}, accepted_{0}, sequence_{0};
};

}  // namespace edigate::http
