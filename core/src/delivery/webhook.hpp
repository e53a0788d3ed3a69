#pragma once
// The HTTP webhook destination: a JSON POST of the canonical body to the ERP/WMS.
//   Idempotency-Key: <message_id>          the receiver deduplicates on it
//   X-Edigate-Signature: sha256=<hex>      HMAC-SHA256 of the body (when a secret is set)
//   X-Correlation-Id, X-Edigate-Message-Type, X-Edigate-Partner, User-Agent
// https URLs use TLS with certificate and host name verification against the CA file, or the
// system CAs when none is set. Every socket step has a timeout.
//
// Outcomes (see http_outcome.hpp for the HTTP answers):
//   refused, reset, timed out, DNS failure      retry
//   TLS: untrusted or mismatched certificate    permanent: it fails the same way until someone
//        fixes the CA file, the certificate or the URL; retrying would only hide that behind a
//        backoff and a circuit breaker, while a permanent outcome dead-letters the message with
//        the reason at once, and it is replayed after the fix.
//   TLS: connection closed during the handshake retry (a network fault, not a certificate)
//
// SIGPIPE: a write to a connection the receiver reset fails with EPIPE instead of ending the
// process because Poco Foundation blocks SIGPIPE in the thread that loads it (a static
// initialiser in Thread_POSIX.cpp) and threads created later inherit that mask. A thread that
// unblocks SIGPIPE must not call deliver(); the test "webhook survives a receiver that closes
// the connection in the middle of a large body" fails (the process dies) if this changes.
#include "delivery/destination.hpp"

#include <edigate/abi.hpp>
#include <edigate/result.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPClientSession;
}

namespace edigate::delivery {

struct WebhookSettings {
  std::string url;                             ///< http:// or https://
  std::string signing_secret;                  ///< resolved value; empty: no signature header
  std::string auth_header;                     ///< resolved value of an Authorization header; empty: none
  std::chrono::seconds timeout{10};            ///< connect, send and receive, each
  std::string ca_file;                         ///< PEM file of trusted CAs; empty: system CAs
  std::chrono::seconds retry_after_cap{3600};  ///< a longer Retry-After is cut to this
  std::string user_agent = "edigate/" EDIGATE_VERSION;
};

class WebhookDestination final : public Destination {
 public:
  /// Checks the URL (configuration error `delivery.webhook.url`) and, for https, the CA file
  /// (`delivery.webhook.tls`). Built once per destination and shared by the workers.
  static Result<std::unique_ptr<WebhookDestination>> create(std::string name, WebhookSettings settings);
  ~WebhookDestination() override;

  DeliveryOutcome deliver(const Delivery& delivery) override;
  /// The batch over one keep-alive connection (a new one only when the receiver closes it or
  /// an attempt fails), closed at the end: no idle pooled connection is left to go half-dead
  /// between batches. An attempt that fails on a connection kept from the previous request is
  /// made once more on a new connection (the receiver may have closed it in between; a repeat
  /// is deduped by its Idempotency-Key). Measured: connection set-up per delivery was about a
  /// twentieth of the gateway's CPU on the backlog bench, and more of the receiver's.
  std::vector<DeliveryOutcome> deliver_all(std::span<const Delivery> deliveries) override;
  std::string describe() const override;

 private:
  struct Attempt;
  DeliveryOutcome attempt(Poco::Net::HTTPClientSession& session, const Delivery& delivery, Attempt& facts) const;
  struct Impl;
  WebhookDestination(std::string name, std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace edigate::delivery
