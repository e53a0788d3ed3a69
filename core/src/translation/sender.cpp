#include "translation/sender.hpp"

#include <edigate/document.hpp>

#include <cctype>
#include <vector>

namespace edigate::translation {
namespace {

// Padding around an identity: spaces, and UTF-8 no-break spaces (C2 A0), which some
// translators pad ISA06/ISA08 with (corpus x12/edinet/x12.850.edi); neither is part of an id.
std::string trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    else if (s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    else break;
  }
  for (;;) {
    if (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    else break;
  }
  return std::string(s);
}

std::optional<Sender> sniff_x12(std::string_view head, std::size_t at) {
  if (at + 4 > head.size()) return std::nullopt;
  const char sep = head[at + 3];
  if (std::isalnum(static_cast<unsigned char>(sep)) || sep == ' ') return std::nullopt;
  std::vector<std::string_view> fields;
  split_raw(head.substr(at, 200), sep, 0, [&](std::size_t, std::string_view f) { fields.push_back(f); });
  if (fields.size() < 8) return std::nullopt;  // ISA cut short: the reader will say why
  return Sender{partners::Family::x12, trim(fields[5]), trim(fields[6])};
}

std::optional<Sender> sniff_edifact(std::string_view head, std::size_t at) {
  Delimiters d = Delimiters::edifact_default();
  if (head.substr(at, 3) == "UNA") {
    if (at + 9 > head.size()) return std::nullopt;
    d.component = head[at + 3];
    d.element = head[at + 4];
    d.release = head[at + 6] == ' ' ? 0 : head[at + 6];
    at = head.find("UNB", at + 9);
    if (at == std::string_view::npos) return std::nullopt;
  }
  if (at + 4 > head.size() || head[at + 3] != d.element) return std::nullopt;
  std::vector<std::string_view> fields;
  split_raw(head.substr(at, 600), d.element, d.release, [&](std::size_t, std::string_view f) { fields.push_back(f); });
  if (fields.size() < 3) return std::nullopt;
  return Sender{partners::Family::edifact, unescape(component(fields[2], 2, d), d.release),
                unescape(component(fields[2], 1, d), d.release)};
}

}  // namespace

std::string Sender::describe() const {
  if (family == partners::Family::x12) return "X12 sender " + qualifier + "/" + id + " (ISA05/ISA06)";
  return "EDIFACT sender " + id + (qualifier.empty() ? "" : ":" + qualifier) + " (UNB S002)";
}

std::optional<Sender> sniff_sender(std::string_view head) {
  // Skip what tolerant readers skip too: a UTF-8 BOM and blank space before the header.
  std::size_t at = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (at < head.size() && std::isspace(static_cast<unsigned char>(head[at]))) ++at;
  if (head.substr(at, 3) == "ISA") return sniff_x12(head, at);
  if (head.substr(at, 3) == "UNA" || head.substr(at, 3) == "UNB") return sniff_edifact(head, at);
  return std::nullopt;
}

std::optional<Parties> parties_of(const Segment& header, const Delimiters& delimiters) {
  SegmentData s = SegmentData::from(header, delimiters);
  if (s.tag == "ISA" || s.tag == "isa")
    return Parties{{partners::Family::x12, trim(s.value(5)), trim(s.value(6))},
                   {partners::Family::x12, trim(s.value(7)), trim(s.value(8))}};
  if (s.tag == "UNB" || s.tag == "unb")
    return Parties{{partners::Family::edifact, trim(s.value(2, 2)), trim(s.value(2, 1))},
                   {partners::Family::edifact, trim(s.value(3, 2)), trim(s.value(3, 1))}};
  return std::nullopt;
}

std::shared_ptr<const partners::Profile> find_partner(const partners::RegistrySnapshot& registry, const Sender& sender) {
  if (sender.family == partners::Family::x12) return registry.find_x12(sender.qualifier, sender.id);
  return registry.find_edifact(sender.id, sender.qualifier);
}

}  // namespace edigate::translation
