// Acknowledgement envelopes.
#include "ack_envelope.hpp"

#include "envelope_checks.hpp"
#include "isa.hpp"

#include <cctype>
#include <ctime>

namespace edigate::x12 {
namespace {

std::string pad(std::string_view v, std::size_t width) {
  std::string s(v.substr(0, width));
  s.resize(width, ' ');
  return s;
}

std::string isa_value(const InterchangeReport& r, std::size_t el) {
  return r.header ? std::string(trim_isa_field(r.header->value(el))) : std::string();
}

}  // namespace

AckClock ack_clock(const AckOptions& options) {
  AckClock c{options.date, options.time};
  if (c.date.empty() || c.time.empty()) {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[16];
    if (c.date.empty()) {
      std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
      c.date = buf;
    }
    if (c.time.empty()) {
      std::strftime(buf, sizeof buf, "%H%M", &tm);
      c.time = buf;
    }
  }
  return c;
}

namespace {

// The sender's delimiters are reused only when an acknowledgement can be written with them.
bool usable(const Delimiters& d) {
  auto plain = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == 0; };
  if (d.segment.empty() || plain(d.element) || plain(d.component) || d.element == d.component) return false;
  if (d.repetition && (plain(d.repetition) || d.repetition == d.element || d.repetition == d.component)) return false;
  for (char c : d.segment)
    if (c == d.element || c == d.component || (d.repetition && c == d.repetition) ||
        (d.segment.size() == 1 && plain(c)))
      return false;
  return true;
}

}  // namespace

Delimiters ack_delimiters(const InterchangeReport& report, bool need_repetition) {
  Delimiters d = report.delimiters;
  if (!usable(d)) {
    d = Delimiters::x12_default();
    d.encoding = report.delimiters.encoding;  // an EBCDIC partner reads EBCDIC whatever the separators
    if (!need_repetition) d.repetition = 0;
    return d;
  }
  d.release = 0;
  if (need_repetition && !d.repetition) {
    for (char c : {'^', '{', '!', '|', '`'}) {
      if (c != d.element && c != d.component && d.segment != std::string(1, c)) {
        d.repetition = c;
        break;
      }
    }
  }
  if (!need_repetition) d.repetition = report.delimiters.repetition;
  if (d.suffix.find_first_not_of("\r\n ") != std::string::npos) d.suffix.clear();
  return d;
}

SegmentData ack_isa(const InterchangeReport& report, const AckOptions& options, const AckClock& clock,
                    const Delimiters& d, const std::string& version) {
  auto header_value = [&](std::size_t el) { return writable(isa_value(report, el), d, 15); };
  std::string usage = isa_value(report, 15);
  if (usage != "P" && usage != "T" && usage != "I") usage = "P";
  std::string control = options.interchange_control.empty() ? "1" : options.interchange_control;
  if (control.size() < 9) control.insert(0, 9 - control.size(), '0');
  std::string rep = version >= "00402" && d.repetition ? std::string(1, d.repetition) : std::string("U");
  return SegmentData::of(
      "ISA", {"00", pad("", 10), "00", pad("", 10), pad(header_value(7), 2), pad(header_value(8), 15),
              pad(header_value(5), 2), pad(header_value(6), 15), clock.date.substr(2, 6), clock.time.substr(0, 4), rep,
              version, control.substr(control.size() - 9), "0", usage, std::string(1, d.component)});
}

std::string next_control(const std::string& base, std::uint64_t step) {
  std::string b(trim(base));
  if (b.empty()) b = "1";
  std::uint64_t n = 0;
  for (char c : b) {
    if (c < '0' || c > '9') return b;  // not numeric: cannot increment, keep as given
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  std::string s = std::to_string(n + step);
  if (s.size() < b.size()) s.insert(0, b.size() - s.size(), '0');
  return s;
}

std::string writable(std::string_view v, const Delimiters& d, std::size_t max) {
  std::string out;
  for (char c : v) {
    if (out.size() >= max) break;
    if (c == d.element || c == d.component || (d.repetition && c == d.repetition) ||
        d.segment.find(c) != std::string::npos || static_cast<unsigned char>(c) < 0x20)
      continue;
    out += c;
  }
  return out;
}

}  // namespace edigate::x12
