#include "envelope_facts.hpp"

#include "ebcdic.hpp"

#include <cctype>
#include <string>
#include <vector>

namespace edigate::x12 {
namespace {

// Padding around an identity: spaces, and UTF-8 no-break spaces (C2 A0), which some
// translators pad ISA06/ISA08 with (corpus x12/edinet/x12.850.edi); neither is part of an id.
std::string trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && s.front() == ' ')
      s.remove_prefix(1);
    else if (s.substr(0, 2) == "\xC2\xA0")
      s.remove_prefix(2);
    else
      break;
  }
  for (;;) {
    if (!s.empty() && s.back() == ' ')
      s.remove_suffix(1);
    else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0")
      s.remove_suffix(2);
    else
      break;
  }
  return std::string(s);
}

EnvelopeFacts isa_facts(const std::vector<std::string_view>& f) {  // f[0] = "ISA"
  auto at = [&](std::size_t i) { return i < f.size() ? trim(f[i]) : std::string(); };
  EnvelopeFacts facts;
  facts.level = EnvelopeLevel::interchange;
  facts.standard = "X12";
  facts.sender = {at(5), at(6)};
  facts.receiver = {at(7), at(8)};
  facts.date = at(9);
  facts.time = at(10);
  facts.version = at(12);
  facts.control = at(13);
  facts.ack_requested = at(14) == "1";
  facts.test = at(15) == "T";
  facts.sender_field = "ISA05/ISA06";
  facts.receiver_field = "ISA07/ISA08";
  return facts;
}

EnvelopeFacts gs_facts(const std::vector<std::string_view>& f) {
  auto at = [&](std::size_t i) { return i < f.size() ? trim(f[i]) : std::string(); };
  EnvelopeFacts facts;
  facts.level = EnvelopeLevel::group;
  facts.standard = "X12";
  facts.functional_id = at(1);
  facts.sender = {"", at(2)};
  facts.receiver = {"", at(3)};
  facts.date = at(4);
  facts.time = at(5);
  facts.control = at(6);
  facts.version = at(8);
  facts.sender_field = "GS02";
  facts.receiver_field = "GS03";
  return facts;
}

}  // namespace

Result<EnvelopeFacts> envelope_facts(const Segment& header, const Delimiters&) {
  std::vector<std::string_view> f(header.elements.begin(), header.elements.end());
  const std::string_view tag = header.tag();
  if (tag == "ISA" || tag == "isa") return isa_facts(f);
  if (tag == "GS" || tag == "gs") return gs_facts(f);
  return Error("x12.envelope.not_header", "not an interchange or group header").want("ISA or GS", std::string(tag));
}

Result<EnvelopeFacts> sniff_envelope(std::string_view prefix) {
  std::string decoded;
  if (prefix.size() >= 4 && is_ebcdic_isa(prefix.data())) {
    decoded.assign(prefix.substr(0, 256));
    decode_cp037(decoded.data(), decoded.size());
    prefix = decoded;
  }
  std::size_t at = prefix.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (at < prefix.size() && std::isspace(static_cast<unsigned char>(prefix[at]))) ++at;
  Error none("x12.envelope.sniff", "no ISA header at the start of the input");
  if (prefix.substr(at, 3) != "ISA" || at + 4 > prefix.size()) return none;
  const char sep = prefix[at + 3];
  if (std::isalnum(static_cast<unsigned char>(sep)) || sep == ' ') return none;
  std::vector<std::string_view> fields;
  split_raw(prefix.substr(at, 200), sep, 0, [&](std::size_t, std::string_view f) { fields.push_back(f); });
  if (fields.size() < 14) return none;  // ISA cut short: the reader will say why
  return isa_facts(fields);
}

}  // namespace edigate::x12
