#include "contrl.hpp"

#include "contrl_codes.hpp"

#include <ctime>

namespace edigate::edifact {
namespace {

const Error* first_error(const std::vector<Error>& issues) {
  for (const auto& e : issues)
    if (!e.is_warning()) return &e;
  return nullptr;
}

bool is_service_tag(const std::string& t) {
  return t == "UNA" || t == "UNB" || t == "UNZ" || t == "UNG" || t == "UNE" || t == "UNH" || t == "UNT";
}

/// S011 "element:component" (component left out when 0).
Element data_element_id(const Position& p) {
  if (!p.element) return {};
  std::vector<std::string> c{std::to_string(p.element)};
  if (p.component) c.push_back(std::to_string(p.component));
  return Element{c};
}

/// Appends "0085 + 0013 + S011" for an envelope error (service segment tag and element).
void add_error_elements(SegmentData& s, const Error& e) {
  s.elements.push_back(Element{{std::to_string(syntax_error_code(e.code))}});
  if (is_service_tag(e.position.segment_tag)) {
    s.elements.push_back(Element{{e.position.segment_tag}});
    Element id = data_element_id(e.position);
    if (!id.empty()) s.elements.push_back(std::move(id));
  }
}

void now_utc(std::string& date, std::string& time) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char d[16], h[8];
  std::strftime(d, sizeof d, "%Y%m%d", &tm);
  std::strftime(h, sizeof h, "%H%M", &tm);
  if (date.empty()) date = d;
  if (time.empty()) time = h;
}

/// UCM (+ UCS/UCD) for one message.
void report_message(const TransactionReport& t, std::vector<SegmentData>& out) {
  SegmentData ucm("UCM");
  ucm.elements.push_back(t.header.elements.size() > 0 ? t.header.elements[0] : Element{});
  ucm.elements.push_back(t.header.elements.size() > 1 ? t.header.elements[1] : Element{});
  const Error* envelope = nullptr;
  for (const auto& e : t.issues)
    if (!e.is_warning() &&
        (e.position.segment_tag == "UNH" || e.position.segment_tag == "UNT" || e.code.rfind("edifact.unt.", 0) == 0)) {
      envelope = &e;
      break;
    }
  bool rejected = !t.accepted();
  ucm.elements.push_back(Element{{rejected ? "4" : "7"}});
  if (envelope) {
    add_error_elements(ucm, *envelope);
  } else if (rejected) {
    // Content errors are detailed in UCS/UCD; no error code at message level is needed,
    // except when none of them can be placed on a segment.
    bool placed = false;
    for (const auto& e : t.issues) placed = placed || (!e.is_warning() && e.position.segment_index >= t.header.index);
    if (!placed) add_error_elements(ucm, *first_error(t.issues));
  }
  out.push_back(std::move(ucm));
  if (!rejected) return;
  for (const auto& e : t.issues) {
    if (e.is_warning() || &e == envelope || is_service_tag(e.position.segment_tag)) continue;
    if (e.position.segment_index < t.header.index || !e.position.segment_index) continue;
    std::uint64_t pos = e.position.segment_index - t.header.index + 1;  // UNH = 1
    SegmentData ucs("UCS");
    ucs.elements.push_back(Element{{std::to_string(pos)}});
    std::string code = std::to_string(syntax_error_code(e.code));
    if (e.position.element) {
      out.push_back(std::move(ucs));
      SegmentData ucd("UCD");
      ucd.elements.push_back(Element{{code}});
      ucd.elements.push_back(data_element_id(e.position));
      out.push_back(std::move(ucd));
    } else {
      ucs.elements.push_back(Element{{code}});
      out.push_back(std::move(ucs));
    }
  }
}

}  // namespace

Result<InterchangeData> build_contrl(const InterchangeReport& r, const AckOptions& o) {
  const SegmentData empty_header("UNB");
  const SegmentData& unb = r.header ? *r.header : empty_header;
  std::string syntax_id = unb.value(1, 1).empty() ? "UNOA" : unb.value(1, 1);
  std::string version = unb.value(1, 2);
  if (version.size() != 1 || version[0] < '1' || version[0] > '4') version = "3";
  bool v4 = version == "4";

  std::string date = o.date, time = o.time;
  now_utc(date, time);
  std::string icn = o.interchange_control.empty() ? "1" : o.interchange_control;

  InterchangeData ack;
  ack.delimiters = r.delimiters;
  if (!v4) ack.delimiters.repetition = 0;
  if (ack.delimiters.segment.size() != 1) ack.delimiters = Delimiters::edifact_default();

  SegmentData h("UNB");
  h.elements.push_back(Element{{syntax_id, version}});
  auto party = [&](std::size_t el) { return el <= unb.elements.size() ? unb.elements[el - 1] : Element{}; };
  h.elements.push_back(party(3));  // sender of the CONTRL = recipient of the subject interchange
  h.elements.push_back(party(2));
  h.elements.push_back(Element{{v4 ? date : date.substr(date.size() >= 8 ? 2 : 0), time}});
  h.elements.push_back(Element{{icn}});
  ack.header = h;

  std::vector<SegmentData> body;
  SegmentData unh("UNH");
  std::string mref = o.transaction_control.empty() ? "1" : o.transaction_control;
  unh.elements.push_back(Element{{mref}});
  unh.elements.push_back(v4 ? Element{{"CONTRL", "4", "1", "UN"}} : Element{{"CONTRL", "D", "3", "UN"}});
  body.push_back(unh);

  SegmentData uci("UCI");
  uci.elements.push_back(party(5));
  uci.elements.push_back(party(2));
  uci.elements.push_back(party(3));
  const Error* ie = first_error(r.issues);
  uci.elements.push_back(Element{{ie ? "4" : "7"}});
  if (ie) add_error_elements(uci, *ie);
  body.push_back(uci);

  if (!ie) {
    for (const GroupReport& g : r.groups) {
      if (g.header) {
        SegmentData ucf("UCF");
        ucf.elements.push_back(Element{{g.header->value(5)}});
        ucf.elements.push_back(g.header->elements.size() > 1 ? g.header->elements[1] : Element{});
        ucf.elements.push_back(g.header->elements.size() > 2 ? g.header->elements[2] : Element{});
        const Error* ge = first_error(g.issues);
        ucf.elements.push_back(Element{{ge ? "4" : "7"}});
        if (ge) add_error_elements(ucf, *ge);
        body.push_back(ucf);
        if (ge) continue;
      } else if (const Error* ge = first_error(g.issues)) {
        // An implicit group has no UCF: its problem rejects each of its messages.
        for (const TransactionReport& t : g.transactions) {
          TransactionReport copy = t;
          copy.issues.push_back(*ge);
          report_message(copy, body);
        }
        continue;
      }
      for (const TransactionReport& t : g.transactions) report_message(t, body);
    }
  }

  SegmentData unt("UNT");
  unt.elements.push_back(Element{{std::to_string(body.size() + 1)}});
  unt.elements.push_back(Element{{mref}});
  body.push_back(unt);

  GroupData group;
  group.transactions.push_back(TransactionData{std::move(body)});
  ack.groups.push_back(std::move(group));
  SegmentData unz("UNZ");
  unz.elements.push_back(Element{{"1"}});
  unz.elements.push_back(Element{{icn}});
  ack.trailer = unz;
  return ack;
}

}  // namespace edigate::edifact
