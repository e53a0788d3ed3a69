#pragma once
// Which acknowledgement a partner gets for an interchange, and with which control numbers: the
// profile's <acks> and <control-numbers>, unless the caller overrides them (the CLI's --kind,
// --ta1, --control). The gateway service and `edigate ack` both decide here.
#include "partners/profile.hpp"

#include <edigate/report.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace edigate::runtime {

struct AckOverrides {
  std::optional<AckKind> kind;
  std::optional<Ta1Policy> ta1;
  std::optional<std::uint64_t> first_control;  ///< interchange, group and transaction counters start here
  std::string date;                            ///< CCYYMMDD; empty: now (UTC)
  std::string time;                            ///< HHMM
  bool report_accepted_sets = true;
};

/// The acknowledgement `partner` (null: defaults) gets for an interchange in `standard`, without
/// control numbers; nullopt when its policy asks for none (EDIFACT with contrl="false").
std::optional<AckOptions> ack_policy(const partners::Profile* partner, std::string_view standard,
                                     const AckOverrides& overrides = {});
/// Writes the counters as the envelopes want them (ISA13 nine digits, ST02 at least four).
void set_ack_controls(AckOptions& ack, std::uint64_t interchange, std::uint64_t group, std::uint64_t transaction);

/// Hands out acknowledgement options, one interchange after another, advancing the counters.
class AckPlanner {
 public:
  explicit AckPlanner(AckOverrides overrides) : overrides_(std::move(overrides)) {}

  /// Options for the next acknowledgement to `partner` (null: no profile, defaults) of an
  /// interchange in `standard` ("X12", "EDIFACT"); nullopt when the partner's policy asks for
  /// none (EDIFACT with contrl="false").
  std::optional<AckOptions> next(const partners::Profile* partner, std::string_view standard);

 private:
  AckOverrides overrides_;
  std::optional<std::uint64_t> interchange_, group_, transaction_;
};

}  // namespace edigate::runtime
