#pragma once
// The sends to one partner whose asynchronous MDN did not come in time, settled through the host:
// retry (the host sends again under a new Message-ID) or, once a life's mdn-attempts sends had
// none, permanent (a dead letter). Run by the partner's endpoint on every poll, so it works
// whether or not this gateway has an AS2 listener: the sends are the endpoint's, not the
// listener's. A settlement the host cannot record (its store is down) is tried again next poll.
#include "registry.hpp"
#include "settings.hpp"

#include <edigate/transport_plugin.hpp>

#include <atomic>
#include <cstdint>
#include <string>

namespace edigate::as2 {

/// What the checks did so far (the endpoint's health and gauges).
struct MdnTimeoutCounts {
  std::atomic<std::uint64_t> settled{0};    ///< overdue sends the host recorded
  std::atomic<std::uint64_t> failed{0};     ///< settlements the host refused (each tried again later)
  std::atomic<std::uint64_t> unsettled{0};  ///< overdue sends whose last settlement failed
};

/// Settles `setup`'s sends whose mdn-timeout passed at `now` (unix seconds). Returns how many were
/// settled; an Error (transient, code transport.as2.mdn_timeout) when the host refused one: those
/// wait again and the next call retries them.
Result<std::size_t> settle_overdue(Registry& registry, const PartnerSetup& setup, TransportHost& host, std::int64_t now,
                                   MdnTimeoutCounts& counts);

}  // namespace edigate::as2
