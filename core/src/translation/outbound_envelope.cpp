#include "translation/outbound_envelope.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <utility>

namespace edigate::translation {
namespace {

bool digits(const std::string& s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string pad(const std::string& v, std::size_t width) {
  std::string s = v.substr(0, width);
  s.resize(width, ' ');
  return s;
}

std::string zero_pad(std::uint64_t n, std::size_t width) {
  std::string s = std::to_string(n);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

Element composite(std::initializer_list<std::string> parts) {
  std::vector<std::string> c(parts);
  while (!c.empty() && c.back().empty()) c.pop_back();
  return c.empty() ? Element{} : Element{c};
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

std::optional<std::string> functional_identifier(std::string_view set) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kCodes = {{
      {"204", "SM"}, {"210", "IM"}, {"214", "QM"}, {"753", "GF"}, {"754", "GF"}, {"810", "IN"}, {"812", "CD"},
      {"820", "RA"}, {"824", "AG"}, {"846", "IB"}, {"850", "PO"}, {"855", "PR"}, {"856", "SH"}, {"860", "PC"},
      {"865", "CA"}, {"940", "OW"}, {"945", "SW"}, {"990", "GF"}, {"997", "FA"}, {"999", "FA"},
  }};
  for (const auto& [s, code] : kCodes)
    if (s == set) return std::string(code);
  return std::nullopt;
}

std::string isa_control(std::uint64_t n) { return zero_pad(n % 1000000000, 9); }
std::string st_control(std::uint64_t n) { return zero_pad(n, 4); }

Result<SegmentData> isa_header(const partners::X12Identity& sender, const partners::X12Identity& receiver,
                               const partners::Standard& standard, const Delimiters& d, const OutboundClock& clock,
                               std::uint64_t control, bool test) {
  for (const auto* id : {&sender, &receiver})
    if (id->isa_qualifier.size() != 2 || id->isa_id.empty() || id->isa_id.size() > 15)
      return std::move(Error("render.identity", "an ISA identity is a two-character qualifier and an id of 1 to 15 characters"))
          .want("QQ/ID", id->isa_qualifier + "/" + id->isa_id);
  const std::string version = standard.version.substr(0, 5);  // 004010 -> ISA12 00401
  const std::string repetition = version >= "00402" && d.repetition ? std::string(1, d.repetition) : std::string("U");
  return SegmentData::of("ISA", {"00", pad("", 10), "00", pad("", 10), sender.isa_qualifier, pad(sender.isa_id, 15),
                                 receiver.isa_qualifier, pad(receiver.isa_id, 15), clock.date.substr(2),
                                 clock.time, repetition, version, isa_control(control), "0", test ? "T" : "P",
                                 std::string(1, d.component)});
}

SegmentData gs_header(const std::string& functional_id, const partners::X12Identity& sender,
                      const partners::X12Identity& receiver, const OutboundClock& clock, std::uint64_t control,
                      const partners::Standard& standard) {
  auto gs_id = [](const partners::X12Identity& i) { return i.gs_id.empty() ? i.isa_id : i.gs_id; };
  return SegmentData::of("GS", {functional_id, gs_id(sender), gs_id(receiver), clock.date, clock.time,
                                std::to_string(control), "X", standard.version});
}

SegmentData unb_header(const partners::EdifactIdentity& sender, const partners::EdifactIdentity& receiver,
                       const OutboundClock& clock, std::uint64_t control, bool test) {
  SegmentData unb("UNB");
  unb.elements.push_back(composite({"UNOC", "3"}));
  unb.elements.push_back(composite({sender.unb_id, sender.unb_qualifier}));
  unb.elements.push_back(composite({receiver.unb_id, receiver.unb_qualifier}));
  unb.elements.push_back(composite({clock.date.substr(2), clock.time}));
  unb.elements.push_back(composite({std::to_string(control)}));
  if (test) {
    unb.elements.resize(10);
    unb.elements.push_back(composite({"1"}));  // 0035 test indicator
  }
  return unb;
}

SegmentData ung_header(const SegmentData& unh, const partners::EdifactIdentity& sender,
                       const partners::EdifactIdentity& receiver, const OutboundClock& clock, std::uint64_t control) {
  auto id = [](const partners::EdifactIdentity& i) {
    return i.ung_id.empty() ? composite({i.unb_id, i.unb_qualifier}) : composite({i.ung_id, i.ung_qualifier});
  };
  SegmentData ung("UNG");
  ung.elements.push_back(composite({unh.value(2, 1)}));  // 0038: the message type
  ung.elements.push_back(id(sender));
  ung.elements.push_back(id(receiver));
  ung.elements.push_back(composite({clock.date.substr(2), clock.time}));
  ung.elements.push_back(composite({std::to_string(control)}));
  ung.elements.push_back(composite({"UN"}));
  ung.elements.push_back(composite({unh.value(2, 2), unh.value(2, 3)}));
  return ung;
}

}  // namespace edigate::translation
