#pragma once
// Envelopes for acknowledgements: ISA/GS with sender and receiver swapped, dates, control
// numbers, and the delimiters the acknowledgement is written with.
#include <edigate/document.hpp>
#include <edigate/report.hpp>

#include <string>

namespace edigate::x12 {

struct AckClock {
  std::string date;  ///< CCYYMMDD
  std::string time;  ///< HHMM
};

/// AckOptions date/time, or now (UTC).
AckClock ack_clock(const AckOptions& options);

/// Delimiters for an acknowledgement of `report`: the sender's, with a repetition separator
/// when `need_repetition` (5010) and the sender had none.
Delimiters ack_delimiters(const InterchangeReport& report, bool need_repetition);

/// ISA of the acknowledgement: ISA05/06 and ISA07/08 swapped, ISA12 = `version` (5 digits).
SegmentData ack_isa(const InterchangeReport& report, const AckOptions& options, const AckClock& clock,
                    const Delimiters& d, const std::string& version);

/// Control number `base` + `step`, keeping base's width ("0001" + 1 = "0002"); "1" when empty.
std::string next_control(const std::string& base, std::uint64_t step);

/// Value with delimiter characters and control bytes removed, at most `max` bytes
/// (AK404/IK404 copy of bad data must be writable).
std::string writable(std::string_view v, const Delimiters& d, std::size_t max);

}  // namespace edigate::x12
