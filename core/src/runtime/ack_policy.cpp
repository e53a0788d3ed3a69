#include "runtime/ack_policy.hpp"

#include <cstdio>

namespace edigate::runtime {
namespace {

AckKind kind_for(partners::FunctionalAck policy) {
  switch (policy) {
    case partners::FunctionalAck::x997:
      return AckKind::x12_997;
    case partners::FunctionalAck::x999:
      return AckKind::x12_999;
    case partners::FunctionalAck::none:
      return AckKind::x12_ta1_only;
    case partners::FunctionalAck::automatic:
      break;
  }
  return AckKind::automatic;
}

std::string zero_pad(std::uint64_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace

std::optional<AckOptions> ack_policy(const partners::Profile* partner, std::string_view standard,
                                     const AckOverrides& overrides) {
  AckOptions ack;
  ack.kind = overrides.kind.value_or(partner ? kind_for(partner->acks.functional) : AckKind::automatic);
  ack.ta1 = overrides.ta1.value_or(partner ? partner->acks.ta1 : Ta1Policy::requested);
  if (standard == "EDIFACT" && partner && !partner->acks.contrl && !overrides.kind) return std::nullopt;
  ack.date = overrides.date;
  ack.time = overrides.time;
  ack.report_accepted_sets = overrides.report_accepted_sets;
  return ack;
}

void set_ack_controls(AckOptions& ack, std::uint64_t interchange, std::uint64_t group, std::uint64_t transaction) {
  ack.interchange_control = zero_pad(interchange % 1000000000, 9);
  ack.group_control = std::to_string(group);
  ack.transaction_control = zero_pad(transaction, 4);
}

std::optional<AckOptions> AckPlanner::next(const partners::Profile* partner, std::string_view standard) {
  auto ack = ack_policy(partner, standard, overrides_);
  if (!ack) return std::nullopt;
  // Counters: --control, else the partner's <control-numbers> starts (as render numbers its
  // documents), else 1; advancing per interchange. The gateway takes them from its store.
  if (!interchange_) {
    const auto& c = partner ? partner->control_numbers : partners::ControlNumbers{};
    interchange_ = overrides_.first_control.value_or(c.interchange_start);
    group_ = overrides_.first_control.value_or(c.group_start);
    transaction_ = c.transaction_start;  // ST02/UNH 0062 need only be unique within their group
  }
  set_ack_controls(*ack, *interchange_, *group_, *transaction_);
  ++*interchange_;
  ++*group_;
  return ack;
}

}  // namespace edigate::runtime
