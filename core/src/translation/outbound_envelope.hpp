#pragma once
// Envelope segments for what we send: ISA/GS (X12) and UNB/UNG (EDIFACT). The format plugin's
// writer adds the trailers (SE/GE/IEA, UNT/UNE/UNZ counts and references).
#include "partners/profile.hpp"

#include <edigate/document.hpp>
#include <edigate/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace edigate::translation {

/// Interchange date and time: CCYYMMDD and HHMM (UTC "now" when not given, so tests can fix it).
struct OutboundClock {
  std::string date;
  std::string time;
  /// Checks the given values (render.usage), filling empty ones from the UTC clock.
  static Result<OutboundClock> make(const std::string& date, const std::string& time);
};

/// GS01 functional identifier code for an X12 set: 850 PO, 855 PR, 856 SH, 810 IN, 940 OW,
/// 945 SW, 214 QM, 997/999 FA (and a few more common ones); nullopt when unknown.
std::optional<std::string> functional_identifier(std::string_view set);

/// ISA with fixed-width fields (ids padded to 15). ISA11 is the repetition separator from
/// 00402 on, else U; ISA14 0 (no TA1 requested); ISA15 P, or T for test.
Result<SegmentData> isa_header(const partners::X12Identity& sender, const partners::X12Identity& receiver,
                               const partners::Standard& standard, const Delimiters& delimiters,
                               const OutboundClock& clock, std::uint64_t control, bool test);

/// GS: application sender/receiver are the GS ids (the ISA ids when none are given).
SegmentData gs_header(const std::string& functional_id, const partners::X12Identity& sender,
                      const partners::X12Identity& receiver, const OutboundClock& clock, std::uint64_t control,
                      const partners::Standard& standard);

/// UNB syntax UNOC:3, date YYMMDD:HHMM; 0035 = 1 for test.
SegmentData unb_header(const partners::EdifactIdentity& sender, const partners::EdifactIdentity& receiver,
                       const OutboundClock& clock, std::uint64_t control, bool test);

/// UNG for one message type; `unh` gives the message version and release (S009 0052/0054).
SegmentData ung_header(const SegmentData& unh, const partners::EdifactIdentity& sender,
                       const partners::EdifactIdentity& receiver, const OutboundClock& clock, std::uint64_t control);

/// ISA13 (nine digits, zero padded) and ST02 (at least four digits) as partners expect them.
std::string isa_control(std::uint64_t n);
std::string st_control(std::uint64_t n);

}  // namespace edigate::translation
