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

namespace {

bool calendar_date(const std::string& ccyymmdd) {
  const int year = std::stoi(ccyymmdd.substr(0, 4));
  const int month = std::stoi(ccyymmdd.substr(4, 2));
  const int day = std::stoi(ccyymmdd.substr(6, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace

Result<OutboundClock> OutboundClock::make(const std::string& date, const std::string& time) {
  if (!date.empty() && !(digits(date, 8) && calendar_date(date)))
    return std::move(Error("render.usage", "bad interchange date")).want("CCYYMMDD (a real calendar date)", date);
  if (!time.empty() && !(digits(time, 4) && std::stoi(time.substr(0, 2)) < 24 && std::stoi(time.substr(2, 2)) < 60))
    return std::move(Error("render.usage", "bad interchange time")).want("HHMM (00:00 to 23:59)", time);
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
