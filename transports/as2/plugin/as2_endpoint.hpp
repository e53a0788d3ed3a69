#pragma once
// One partner's AS2 endpoint: sends documents (build, POST, verify the MDN) and is what the
// listener serves that partner with (its setup is in the plugin's Registry while it is open).
// It also polls: each poll settles its sends whose async MDN is overdue (mdn_timeouts.hpp), so
// the timeout holds whether or not this gateway runs an AS2 listener, and for sends made before
// the partner was switched from mdn="async" to sync or none.
#include "mdn_timeouts.hpp"
#include "registry.hpp"
#include "settings.hpp"

#include <as2/mdn.hpp>

#include <edigate/transport_plugin.hpp>

#include <memory>
#include <mutex>

namespace edigate::as2 {

/// What one send attempt's answer means (sync MDN, HTTP status, connection), kept apart from
/// the HTTP call so the decisions are tested without a peer.
SendResult judge_sync_answer(const PartnerSetup& setup, const std::string& message_id, const std::string& mic,
                             int status, const std::string& content_type, const std::string& body,
                             const std::string& mdn_message_id);
/// The outcome of an MDN (sync or async) once it was read.
SendResult judge_mdn(const Result<VerifiedMdn>& mdn, const std::string& message_id, const std::string& mdn_message_id);

/// The Message-ID of attempt `attempt` of outbound document `id`: the same for the same attempt
/// (a retried call after a crash reuses it, so the partner can recognise the repeat), different
/// across attempts and across gateways (`instance` is random per work folder). `round` counts the
/// sends of the document whose async MDN timed out: the host's new send after a timeout starts
/// its attempts again at 0, and must not repeat an earlier Message-ID.
std::string outbound_message_id(const std::string& instance, std::int64_t id, std::uint32_t attempt,
                                const std::string& our_id, int round = 0);

class As2Endpoint final : public TransportEndpoint {
 public:
  As2Endpoint(std::shared_ptr<const PartnerSetup> setup, std::shared_ptr<Registry> registry, std::string instance);
  ~As2Endpoint() override;

  /// Stores nothing (AS2 messages arrive at the listener): settles the overdue async MDNs of
  /// this partner's sends. Error (transient) when the host could not record one; it is retried.
  Result<std::size_t> poll(TransportHost& host) noexcept override;
  SendResult send(const OutboundDocument& doc) noexcept override;
  TransportHealth health() const noexcept override;
  void stop() noexcept override {}
  /// Polls only to time out async MDNs; sends everything.
  EndpointRole role() const noexcept override;

 private:
  SendResult send_once(const OutboundDocument& doc);
  void note(bool ok, std::string detail) const;

  std::shared_ptr<const PartnerSetup> setup_;
  std::shared_ptr<Registry> registry_;
  std::uint64_t token_;
  std::string instance_;
  mutable std::mutex mutex_;
  mutable TransportHealth last_;
  MdnTimeoutCounts timeouts_;
};

/// Days until `cert` expires (negative once expired), for the certificate_days_left gauges.
double days_left(const Certificate& cert);
/// The certificate's serial number in hex.
std::string serial_hex(const Certificate& cert);

}  // namespace edigate::as2
