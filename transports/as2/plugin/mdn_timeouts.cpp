#include "mdn_timeouts.hpp"

namespace edigate::as2 {

Result<std::size_t> settle_overdue(Registry& registry, const PartnerSetup& setup, TransportHost& host, std::int64_t now,
                                   MdnTimeoutCounts& counts) {
  std::size_t settled = 0, failed = 0;
  std::string first_failure;
  for (const PendingSend& p : registry.claim_overdue(setup.partner_id, now, setup.mdn_timeout)) {
    // Sends of this life: a replay after a dead letter starts counting again (Registry::next_send).
    const int sends = p.round - p.life_start + 1;
    const std::string why = "no MDN for " + p.message_id + " within " + std::to_string(setup.mdn_timeout.count()) +
                            " s (send " + std::to_string(sends) + " of " + std::to_string(setup.mdn_attempts) + ")";
    const bool last = sends >= setup.mdn_attempts;
    const SendResult r =
        last ? SendResult::permanent(why + ": no attempts left") : SendResult::retry(why + ": sending again");
    auto recorded = host.settle(p.outbound_id, r);
    if (!recorded) {
      registry.unclaim(p.message_id);
      ++failed;
      ++counts.failed;
      const std::string detail = r.detail + ": " + recorded.error().to_string() + " (tried again at the next check)";
      if (first_failure.empty()) first_failure = detail;
      host.log(LogLevel::error, "as2.settle_failed", setup.partner, detail);
      continue;
    }
    registry.expired(p.message_id, last);
    ++settled;
    ++counts.settled;
    host.log(LogLevel::warn, "as2.mdn_timeout", setup.partner, r.detail);
  }
  counts.unsettled = failed;
  if (failed > 0)
    return Error("transport.as2.mdn_timeout",
                 std::to_string(failed) + " overdue MDN timeout(s) not recorded: " + first_failure)
        .as(ErrorCategory::transient);
  return settled;
}

}  // namespace edigate::as2
