#include "envelope_facts.hpp"

#include <cctype>
#include <string>
#include <vector>

namespace edigate::edifact {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && s[start] == ' ') ++start;
  return s.substr(start);
}

/// Element `el`, component `comp` (1-based; 0 = the whole element), unescaped and trimmed.
class Fields {
 public:
  Fields(std::vector<std::string_view> f, const Delimiters& d) : f_(std::move(f)), d_(d) {}
  std::string at(std::size_t el, std::size_t comp = 0) const {
    if (el >= f_.size()) return {};
    std::string_view raw = comp ? component(f_[el], comp, d_) : f_[el];
    return trim(unescape(raw, d_.release));
  }

 private:
  std::vector<std::string_view> f_;
  const Delimiters& d_;
};

EnvelopeFacts unb_facts(const Fields& f) {  // element 1 = S001
  EnvelopeFacts facts;
  facts.level = EnvelopeLevel::interchange;
  facts.standard = "EDIFACT";
  facts.version = f.at(1, 1) + (f.at(1, 2).empty() ? "" : ":" + f.at(1, 2));
  facts.sender = {f.at(2, 2), f.at(2, 1)};
  facts.receiver = {f.at(3, 2), f.at(3, 1)};
  facts.date = f.at(4, 1);
  facts.time = f.at(4, 2);
  facts.control = f.at(5, 1);
  facts.ack_requested = f.at(9) == "1";
  facts.test = f.at(11) == "1";
  facts.sender_field = "UNB S002";
  facts.receiver_field = "UNB S003";
  return facts;
}

EnvelopeFacts ung_facts(const Fields& f) {
  EnvelopeFacts facts;
  facts.level = EnvelopeLevel::group;
  facts.standard = "EDIFACT";
  facts.functional_id = f.at(1);
  facts.sender = {f.at(2, 2), f.at(2, 1)};
  facts.receiver = {f.at(3, 2), f.at(3, 1)};
  facts.date = f.at(4, 1);
  facts.time = f.at(4, 2);
  facts.control = f.at(5);
  facts.version = f.at(7, 1) + (f.at(7, 2).empty() ? "" : f.at(7, 2));
  facts.sender_field = "UNG S006";
  facts.receiver_field = "UNG S007";
  return facts;
}

}  // namespace

Result<EnvelopeFacts> envelope_facts(const Segment& header, const Delimiters& delimiters) {
  Fields f(std::vector<std::string_view>(header.elements.begin(), header.elements.end()), delimiters);
  const std::string_view tag = header.tag();
  if (tag == "UNB" || tag == "unb") return unb_facts(f);
  if (tag == "UNG" || tag == "ung") return ung_facts(f);
  return Error("edifact.envelope.not_header", "not an interchange or group header")
      .want("UNB or UNG", std::string(tag));
}

Result<EnvelopeFacts> sniff_envelope(std::string_view head) {
  Error none("edifact.envelope.sniff", "no UNB header at the start of the input");
  std::size_t at = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (at < head.size() && std::isspace(static_cast<unsigned char>(head[at]))) ++at;
  Delimiters d = Delimiters::edifact_default();
  if (head.substr(at, 3) == "UNA") {
    if (at + 9 > head.size()) return none;
    d.component = head[at + 3];
    d.element = head[at + 4];
    d.decimal = head[at + 5];
    d.release = head[at + 6] == ' ' ? 0 : head[at + 6];
    d.segment = std::string(1, head[at + 8]);
    at += 9;
    while (at < head.size() && std::isspace(static_cast<unsigned char>(head[at]))) ++at;
  }
  if (head.substr(at, 3) != "UNB" || at + 4 > head.size() || head[at + 3] != d.element) return none;
  // The UNB ends at the first unreleased segment terminator.
  std::size_t end = at;
  const char terminator = d.segment[0];
  while (end < head.size() && head[end] != terminator) end += (d.release && head[end] == d.release) ? 2 : 1;
  if (end >= head.size()) return none;  // cut short: the reader will say why
  std::vector<std::string_view> fields;
  split_raw(head.substr(at, end - at), d.element, d.release,
            [&](std::size_t, std::string_view v) { fields.push_back(v); });
  if (fields.size() < 6) return none;
  return unb_facts(Fields(std::move(fields), d));
}

}  // namespace edigate::edifact
