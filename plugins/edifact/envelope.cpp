#include "envelope.hpp"

#include <cctype>

namespace edigate::edifact {

void OwnedSegment::assign(const RawSegment& raw, const Delimiters& d) {
  bytes.assign(raw.bytes);
  split_elements(bytes, d, elements);
  segment.elements = elements;
  segment.offset = raw.offset;
  segment.index = raw.index;
}

Position CheckContext::at(const Segment& s, std::uint32_t element, std::uint32_t component) const {
  Position p;
  p.file = file;
  p.offset = s.offset;
  p.has_offset = true;
  p.segment_index = s.index;
  p.segment_tag = std::string(s.tag());
  p.element = element;
  p.component = component;
  return p;
}

void add_issue(std::vector<Error>& out, Error e) {
  if (out.size() < kMaxIssues) out.push_back(std::move(e));
}

namespace {

std::string comp(const Segment& s, std::size_t el, std::size_t c, const Delimiters& d) {
  return unescape(component(s.element(el), c, d), d.release);
}

void missing(const Segment& s, std::uint32_t el, std::uint32_t c, const char* code, const char* what,
             const CheckContext& cx, std::vector<Error>& out) {
  add_issue(out, Error(code, std::string(what) + " is missing").at(cx.at(s, el, c)).want(what, ""));
}

bool all_digits(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

UnbFields check_unb(const Segment& unb, const Delimiters& d, const CheckContext& cx, std::vector<Error>& out) {
  UnbFields f;
  f.syntax_id = comp(unb, 1, 1, d);
  std::string version = comp(unb, 1, 2, d);
  bool id_ok = f.syntax_id.size() == 4;
  for (char c : f.syntax_id) id_ok = id_ok && std::isupper(static_cast<unsigned char>(c));
  if (!id_ok)
    add_issue(out, Error("edifact.unb.syntax", "syntax identifier is not four upper-case letters")
                       .at(cx.at(unb, 1, 1))
                       .want("UNOA, UNOB, UNOC, ... (S001 0001)", f.syntax_id));
  if (version.size() == 1 && version[0] >= '1' && version[0] <= '4') {
    f.syntax_version = version[0] - '0';
  } else {
    add_issue(out, Error("edifact.unb.syntax", "syntax version number is not supported")
                       .at(cx.at(unb, 1, 2))
                       .want("1, 2, 3 or 4 (S001 0002)", version));
  }
  if (comp(unb, 2, 1, d).empty()) missing(unb, 2, 1, "edifact.unb.missing", "interchange sender (S002 0004)", cx, out);
  if (comp(unb, 3, 1, d).empty())
    missing(unb, 3, 1, "edifact.unb.missing", "interchange recipient (S003 0010)", cx, out);
  if (comp(unb, 4, 1, d).empty() || comp(unb, 4, 2, d).empty())
    missing(unb, 4, comp(unb, 4, 1, d).empty() ? 1 : 2, "edifact.unb.missing", "date and time of preparation (S004)",
            cx, out);
  f.reference = unescape(unb.element(5), d.release);
  if (f.reference.empty()) missing(unb, 5, 0, "edifact.unb.missing", "interchange control reference (0020)", cx, out);
  return f;
}

std::string check_ung(const Segment& ung, const Delimiters& d, const CheckContext& cx, std::vector<Error>& out) {
  if (ung.element(1).empty()) missing(ung, 1, 0, "edifact.ung.missing", "message group identification (0038)", cx, out);
  std::string ref = unescape(ung.element(5), d.release);
  if (ref.empty()) missing(ung, 5, 0, "edifact.ung.missing", "group reference number (0048)", cx, out);
  return ref;
}

UnhFields check_unh(const Segment& unh, const Delimiters& d, const CheckContext& cx, std::vector<Error>& out) {
  UnhFields f;
  f.reference = unescape(unh.element(1), d.release);
  if (f.reference.empty()) missing(unh, 1, 0, "edifact.unh.missing", "message reference number (0062)", cx, out);
  f.set_id = comp(unh, 2, 1, d);
  std::string version = comp(unh, 2, 2, d), release = comp(unh, 2, 3, d);
  if (f.set_id.empty()) missing(unh, 2, 1, "edifact.unh.missing", "message type (S009 0065)", cx, out);
  if (version.empty()) missing(unh, 2, 2, "edifact.unh.missing", "message version number (S009 0052)", cx, out);
  if (release.empty()) missing(unh, 2, 3, "edifact.unh.missing", "message release number (S009 0054)", cx, out);
  if (comp(unh, 2, 4, d).empty()) missing(unh, 2, 4, "edifact.unh.missing", "controlling agency (S009 0051)", cx, out);
  bool alpha = !version.empty() && std::isalpha(static_cast<unsigned char>(version[0]));
  f.version = alpha || release.empty() ? version + release : version + ":" + release;
  std::string_view s009 = unh.element(2);
  bool escaped = false;
  for (std::size_t i = 0; i < s009.size(); ++i) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (d.release && s009[i] == d.release) {
      escaped = true;
      continue;
    }
    if (s009[i] == d.component) {
      f.release = std::string(s009.substr(i + 1));
      break;
    }
  }
  return f;
}

void check_trailer(const Segment& t, const Delimiters& d, const CheckContext& cx, const char* what,
                   std::uint64_t counted, const std::string& reference, std::vector<Error>& out) {
  std::string tag(t.tag());
  std::string count = unescape(t.element(1), d.release);
  std::string ref = unescape(t.element(2), d.release);
  auto sev = [&](Error e) {
    if (cx.count_mismatch_is_warning) e.severity = Severity::warning;
    add_issue(out, std::move(e));
  };
  std::string prefix = std::string("edifact.") + what;
  if (count.empty()) {
    add_issue(
        out,
        Error(prefix + ".count", tag + " control count is missing").at(cx.at(t, 1)).want(std::to_string(counted), ""));
  } else if (!all_digits(count) || count.size() > 18 || std::stoull(count) != counted) {
    sev(Error(prefix + ".count", tag + " control count does not match the number received")
            .at(cx.at(t, 1))
            .want(std::to_string(counted), count));
  }
  if (ref.empty()) {
    add_issue(out,
              Error(prefix + ".reference", tag + " control reference is missing").at(cx.at(t, 2)).want(reference, ""));
  } else if (ref != reference) {
    sev(Error(prefix + ".reference", tag + " reference does not match its header")
            .at(cx.at(t, 2))
            .want(reference, ref));
  }
}

}  // namespace edigate::edifact
