// Envelope rules (X12.5 / X12.6): counts, control numbers, GS and ST header fields.
#include "envelope_checks.hpp"

#include <algorithm>

namespace edigate::x12 {
namespace {

bool all_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view strip_zeros(std::string_view v) {
  while (v.size() > 1 && v.front() == '0') v.remove_prefix(1);
  return v;
}

void add(std::vector<Error>& out, Error e, bool as_warning) {
  if (as_warning) e.severity = Severity::warning;
  out.push_back(std::move(e));
}

// GS04 is CCYYMMDD from 004010; earlier versions (and many 004010 senders) use YYMMDD.
bool valid_group_date(std::string_view v) {
  if ((v.size() != 8 && v.size() != 6) || !all_digits(v)) return false;
  std::size_t m = v.size() - 4;
  int mm = (v[m] - '0') * 10 + (v[m + 1] - '0'), dd = (v[m + 2] - '0') * 10 + (v[m + 3] - '0');
  static const int kDays[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= kDays[mm];
}

bool valid_time(std::string_view v) {  // HHMM[SS[D[D]]]
  if (v.size() < 4 || v.size() > 8 || v.size() == 5 || !all_digits(v)) return false;
  int hh = (v[0] - '0') * 10 + (v[1] - '0'), mi = (v[2] - '0') * 10 + (v[3] - '0');
  if (hh > 23 || mi > 59) return false;
  return v.size() < 6 || (v[4] - '0') * 10 + (v[5] - '0') <= 59;
}

}  // namespace

Position position_of(const std::string& file, const Segment& seg, std::uint32_t element) {
  Position p;
  p.file = file;
  p.offset = seg.offset;
  p.has_offset = true;
  p.segment_index = seg.index;
  p.segment_tag = std::string(seg.tag());
  p.element = element;
  return p;
}

std::string_view trim(std::string_view v) noexcept {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

bool equals_count(std::string_view value, std::uint64_t n) noexcept {
  value = trim(value);
  return all_digits(value) && strip_zeros(value) == std::to_string(n);
}

bool same_control(std::string_view a, std::string_view b) noexcept {
  a = trim(a);
  b = trim(b);
  if (all_digits(a) && all_digits(b)) return strip_zeros(a) == strip_zeros(b);
  return a == b;
}

void check_count(std::vector<Error>& out, const std::string& file, const Segment& trailer, std::uint32_t element,
                 std::uint64_t counted, const char* code, const char* what, bool as_warning) {
  std::string_view v = trailer.element(element);
  if (equals_count(v, counted)) return;
  add(out,
      Error(code, std::string(what) + " does not match what was received")
          .at(position_of(file, trailer, element))
          .want(std::to_string(counted), std::string(v)),
      as_warning);
}

void check_control(std::vector<Error>& out, const std::string& file, const Segment& trailer, std::uint32_t element,
                   std::string_view header_value, const char* code, const char* what, bool as_warning) {
  std::string_view v = trailer.element(element);
  if (same_control(v, header_value)) return;
  add(out,
      Error(code, std::string(what) + " does not match the header's control number")
          .at(position_of(file, trailer, element))
          .want(std::string(trim(header_value)), std::string(v)),
      as_warning);
}

void check_gs(std::vector<Error>& out, const std::string& file, const Segment& gs) {
  auto bad = [&](const char* code, std::uint32_t el, const char* msg, const char* exp) {
    out.push_back(Error(code, msg).at(position_of(file, gs, el)).want(exp, std::string(gs.element(el))));
  };
  std::string_view id = gs.element(1);
  if (id.size() != 2) bad("x12.gs.functional_id", 1, "invalid functional identifier code", "2 characters");
  if (gs.element(2).empty()) bad("x12.gs.sender", 2, "application sender's code is missing", "2-15 characters");
  if (gs.element(3).empty()) bad("x12.gs.receiver", 3, "application receiver's code is missing", "2-15 characters");
  if (!valid_group_date(gs.element(4))) bad("x12.gs.date", 4, "invalid group date", "CCYYMMDD");
  if (!valid_time(gs.element(5))) bad("x12.gs.time", 5, "invalid group time", "HHMM[SS[DD]]");
  std::string_view ctl = trim(gs.element(6));
  if (!all_digits(ctl) || ctl.size() > 9) bad("x12.gs.control", 6, "invalid group control number", "1-9 digits");
  std::string_view agency = gs.element(7);
  if (agency != "X" && agency != "T") bad("x12.gs.agency", 7, "invalid responsible agency code", "X or T");
  if (gs.element(8).empty()) bad("x12.gs.version", 8, "version/release/industry identifier is missing", "e.g. 004010");
}

void check_st(std::vector<Error>& out, const std::string& file, const Segment& st) {
  std::string_view id = st.element(1), ctl = st.element(2);
  if (id.size() != 3)
    out.push_back(Error("x12.st.set_id", "invalid transaction set identifier code")
                      .at(position_of(file, st, 1))
                      .want("3 characters", std::string(id)));
  if (trim(ctl).size() < 4 || ctl.size() > 9)
    out.push_back(Error("x12.st.control", "invalid transaction set control number")
                      .at(position_of(file, st, 2))
                      .want("4-9 characters", std::string(ctl)));
}

}  // namespace edigate::x12
