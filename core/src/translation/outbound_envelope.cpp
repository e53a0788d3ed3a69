#include "translation/outbound_envelope.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace edigate::translation {
namespace {

bool digits(const std::string& s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

Result<OutboundClock> OutboundClock::make(const std::string& date, const std::string& time) {
  if (!date.empty() && !digits(date, 8)) return std::move(Error("render.usage", "bad interchange date")).want("CCYYMMDD", date);
  if (!time.empty() && !digits(time, 4)) return std::move(Error("render.usage", "bad interchange time")).want("HHMM", time);
  OutboundClock c{date, time};
  if (c.date.empty() || c.time.empty()) {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[16];
    if (c.date.empty()) c.date = (std::strftime(buf, sizeof buf, "%Y%m%d", &tm), buf);
    if (c.time.empty()) c.time = (std::strftime(buf, sizeof buf, "%H%M", &tm), buf);
  }
  return c;
}

}  // namespace edigate::translation
