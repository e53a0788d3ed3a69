#pragma once
// The date and time on what we send. The envelope segments themselves are the format
// plugin's (FormatPlugin::add_envelope); core only says who, when and which numbers.
#include <edigate/result.hpp>

#include <string>

namespace edigate::translation {

/// Interchange date and time: CCYYMMDD and HHMM (UTC "now" when not given, so tests can fix it).
struct OutboundClock {
  std::string date;
  std::string time;
  /// Checks the given values (render.usage), filling empty ones from the UTC clock.
  static Result<OutboundClock> make(const std::string& date, const std::string& time);
};

}  // namespace edigate::translation
