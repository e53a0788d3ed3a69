// ISA delimiter detection and field validation (X12.5 interchange control header).
#include "isa.hpp"

#include <algorithm>
#include <cctype>

namespace edigate::x12 {
namespace {

// Offsets of the 16 element separators in a fixed-width ISA.
constexpr std::size_t kSepOffsets[16] = {3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};
// Widths of ISA01..ISA16.
constexpr std::size_t kWidths[17] = {0, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};

bool is_alnum(unsigned char c) { return std::isalnum(c) != 0; }
bool is_line_break(char c) { return c == '\r' || c == '\n'; }

// Length of the UTF-8 sequence starting with lead byte c (1 for ASCII and stray bytes).
std::size_t utf8_length(unsigned char c) {
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 1;
}

bool all_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_yymmdd(std::string_view v) {
  if (v.size() != 6 || !all_digits(v)) return false;
  int mm = (v[2] - '0') * 10 + (v[3] - '0'), dd = (v[4] - '0') * 10 + (v[5] - '0');
  static const int kDays[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= kDays[mm];
}

bool valid_hhmm(std::string_view v) {
  if (v.size() != 4 || !all_digits(v)) return false;
  int hh = (v[0] - '0') * 10 + (v[1] - '0'), mi = (v[2] - '0') * 10 + (v[3] - '0');
  return hh <= 23 && mi <= 59;
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), v) != codes.end();
}

std::string show(char c) { return std::string(1, c); }

}  // namespace

std::string_view trim_isa_field(std::string_view v) noexcept {
  for (;;) {
    if (!v.empty() && v.front() == ' ')
      v.remove_prefix(1);
    else if (v.size() >= 2 && v[0] == '\xC2' && v[1] == '\xA0')
      v.remove_prefix(2);
    else
      break;
  }
  for (;;) {
    if (!v.empty() && v.back() == ' ')
      v.remove_suffix(1);
    else if (v.size() >= 2 && v[v.size() - 2] == '\xC2' && v.back() == '\xA0')
      v.remove_suffix(2);
    else
      break;
  }
  return v;
}

bool delimiters_unusable(const Delimiters& d) noexcept {
  if (d.segment.empty()) return true;
  unsigned char t = static_cast<unsigned char>(d.segment[0]);
  return d.segment.size() == 1 && (d.segment[0] == d.element || is_alnum(t));
}

IsaScan scan_isa(std::string_view buf, bool eof, IsaLayout& out, Error& error) noexcept {
  out = IsaLayout{};
  auto fail = [&](const char* code, std::string msg, std::size_t at, std::string exp, std::string got) {
    error = Error(code, std::move(msg));
    error.position.offset = at;
    error.position.has_offset = true;
    error.expected = std::move(exp);
    error.found = std::move(got);
    return IsaScan::malformed;
  };
  if (buf.size() < 4) {
    if (!eof) return IsaScan::need_more;
    return fail("x12.isa.short", "input ends inside the ISA", buf.size(), "106 bytes", std::string(buf));
  }
  const char sep = buf[3];
  if (is_alnum(static_cast<unsigned char>(sep)) || is_line_break(sep) || sep == ' ')
    return fail("x12.isa.element_separator", "invalid element separator after ISA", 3, "a non-alphanumeric separator",
                show(sep));

  std::size_t term_at = 0;
  out.fields[0] = "ISA";
  // Fast path: the standard fixed layout.
  if (buf.size() >= kIsaFixedLength) {
    bool fixed =
        std::all_of(std::begin(kSepOffsets), std::end(kSepOffsets), [&](std::size_t o) { return buf[o] == sep; }) &&
        buf[104] != sep && std::none_of(buf.begin(), buf.begin() + 105, is_line_break);
    if (fixed) {
      for (int i = 0; i < 16; ++i) {
        std::size_t start = kSepOffsets[i] + 1;
        std::size_t end = i < 15 ? kSepOffsets[i + 1] : 105;
        out.fields[i + 1] = std::string(buf.substr(start, end - start));
      }
      out.fixed_width = true;
      term_at = 105;
    }
  }
  if (!out.fixed_width) {
    // Padded, trimmed or hard-wrapped ISA: find the fields by the separator.
    int field = 1;
    std::size_t i = 4;
    const std::size_t limit = std::min(buf.size(), kIsaMaxScan);
    for (; i < limit && field < 16; ++i) {
      char c = buf[i];
      if (c == sep) {
        ++field;
      } else if (is_line_break(c)) {
        out.line_breaks = true;
      } else {
        if (out.fields[field].size() >= 64)
          return fail("x12.isa.malformed", "ISA field too long to be an ISA element", i, "ISA field layout",
                      out.fields[field]);
        out.fields[field] += c;
      }
    }
    if (field < 16) {
      if (i >= kIsaMaxScan)
        return fail("x12.isa.malformed", "no 16 element separators in the ISA", i, "16 separators", "");
      if (!eof) return IsaScan::need_more;
      return fail("x12.isa.short", "input ends inside the ISA", buf.size(), "16 elements",
                  std::to_string(field - 1) + " elements");
    }
    // i is just after the 16th separator: ISA16 is one byte.
    if (i >= buf.size()) {
      if (!eof) return IsaScan::need_more;
      return fail("x12.isa.short", "input ends before ISA16", buf.size(), "component separator", "");
    }
    out.fields[16] = std::string(1, buf[i]);
    term_at = i + 1;
  }
  out.delimiters.element = sep;
  out.delimiters.component = out.fields[16][0];
  out.delimiters.release = 0;
  out.delimiters.suffix.clear();
  if (term_at >= buf.size()) {
    if (!eof) return IsaScan::need_more;
    return fail("x12.isa.short", "input ends before the ISA segment terminator", buf.size(), "segment terminator", "");
  }
  std::size_t tlen = utf8_length(static_cast<unsigned char>(buf[term_at]));
  if (tlen > 1) {
    if (term_at + tlen > buf.size() && !eof) return IsaScan::need_more;
    bool valid = term_at + tlen <= buf.size();
    for (std::size_t k = 1; valid && k < tlen; ++k)
      valid = (static_cast<unsigned char>(buf[term_at + k]) & 0xC0) == 0x80;
    if (!valid) tlen = 1;  // a Latin-1 byte used as terminator
  }
  out.delimiters.segment = std::string(buf.substr(term_at, tlen));
  std::size_t after = term_at + tlen;
  if (after + 2 > buf.size() && !eof) return IsaScan::need_more;
  std::string_view rest = buf.substr(std::min(after, buf.size()));
  const std::string& t = out.delimiters.segment;
  if (rest.substr(0, 2) == "\r\n" && t != "\r" && t != "\n")
    out.delimiters.suffix = "\r\n";
  else if (!rest.empty() && rest[0] == '\n' && t != "\n")
    out.delimiters.suffix = "\n";
  else if (!rest.empty() && rest[0] == '\r' && t != "\r")
    out.delimiters.suffix = "\r";
  else if (!rest.empty() && rest[0] == ' ' && sep != ' ')
    out.delimiters.suffix = " ";
  // Repetition separator: ISA11 from version 00402 on; before that ISA11 is the standards id "U".
  std::string_view version = trim_isa_field(out.fields[12]);
  if (version >= "00402" && out.fields[11].size() == 1 && !is_alnum(static_cast<unsigned char>(out.fields[11][0])))
    out.delimiters.repetition = out.fields[11][0];
  else
    out.delimiters.repetition = 0;
  out.length = after;
  return IsaScan::ok;
}

std::vector<Error> validate_isa(const IsaLayout& isa, const Position& base, const Tolerance& tol) {
  std::vector<Error> out;
  auto at = [&](std::uint32_t el) {
    Position p = base;
    p.element = el;
    return p;
  };
  auto add = [&](const char* code, std::uint32_t el, std::string msg, std::string exp, std::string got) {
    out.push_back(Error(code, std::move(msg)).at(at(el)).want(std::move(exp), std::move(got)));
  };
  if (!isa.fixed_width) {
    Error e("x12.isa.variable_length", "ISA is not fixed-width; fields read by separator");
    e.at(base);
    e.expected = "106-byte ISA";
    if (tol.variable_length_isa)
      out.push_back(std::move(e).warn());
    else
      out.push_back(std::move(e));
  }
  if (isa.line_breaks) {
    Error e("x12.segment.line_break", "line breaks inside the ISA (hard-wrapped file)");
    e.at(base);
    if (tol.hard_wrapped_lines)
      out.push_back(std::move(e).warn());
    else
      out.push_back(std::move(e));
  }
  // Widths: only meaningful when the ISA is fixed (a variable ISA was already reported).
  if (isa.fixed_width) {
    for (std::uint32_t i = 1; i <= 16; ++i)
      if (isa.fields[i].size() != kWidths[i])
        add("x12.isa.field_width", i, "ISA element has the wrong width", std::to_string(kWidths[i]) + " characters",
            isa.fields[i]);
  }
  auto f = [&](int i) { return trim_isa_field(isa.fields[i]); };
  if (!one_of(f(1), {"00", "01", "02", "03", "04", "05", "06"}))
    add("x12.isa.authorization_qualifier", 1, "invalid authorization information qualifier", "00-06",
        std::string(f(1)));
  if (!one_of(f(3), {"00", "01"}))
    add("x12.isa.security_qualifier", 3, "invalid security information qualifier", "00 or 01", std::string(f(3)));
  static const std::initializer_list<std::string_view> kQualifiers = {
      "01", "02", "03", "04", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
      "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30",
      "31", "32", "33", "34", "35", "36", "37", "38", "AM", "NR", "SA", "SN", "ZZ"};
  if (!one_of(f(5), kQualifiers))
    add("x12.isa.sender_qualifier", 5, "invalid interchange ID qualifier (sender)", "code from list I05",
        std::string(f(5)));
  if (f(6).empty()) add("x12.isa.sender", 6, "interchange sender ID is empty", "sender ID", "");
  if (!one_of(f(7), kQualifiers))
    add("x12.isa.receiver_qualifier", 7, "invalid interchange ID qualifier (receiver)", "code from list I05",
        std::string(f(7)));
  if (f(8).empty()) add("x12.isa.receiver", 8, "interchange receiver ID is empty", "receiver ID", "");
  if (!valid_yymmdd(f(9))) add("x12.isa.date", 9, "invalid interchange date", "YYMMDD", std::string(f(9)));
  if (!valid_hhmm(f(10))) add("x12.isa.time", 10, "invalid interchange time", "HHMM", std::string(f(10)));
  std::string_view version = f(12);
  if (version.size() != 5 || !all_digits(version))
    add("x12.isa.version", 12, "invalid interchange control version number", "5 digits, e.g. 00401",
        std::string(version));
  if (version < "00402") {
    if (f(11) != "U")
      add("x12.isa.standards_id", 11, "invalid interchange control standards identifier", "U", std::string(f(11)));
  } else if (isa.delimiters.repetition == 0) {
    // Many 00403+ senders keep "U" here; read it as "no repetition separator".
    Error e("x12.isa.repetition_separator", "ISA11 should be the repetition separator from version 00402");
    e.at(at(11));
    e.expected = "a non-alphanumeric separator";
    e.found = isa.fields[11];
    if (f(11) == "U") e.severity = Severity::warning;
    out.push_back(std::move(e));
  }
  if (f(13).size() != 9 || !all_digits(f(13)))
    add("x12.isa.control", 13, "invalid interchange control number", "9 digits", std::string(f(13)));
  if (f(14) != "0" && f(14) != "1")
    add("x12.isa.ack_requested", 14, "invalid acknowledgment requested code", "0 or 1", std::string(f(14)));
  if (f(15) != "P" && f(15) != "T" && f(15) != "I")
    add("x12.isa.usage", 15, "invalid interchange usage indicator", "P, T or I", std::string(f(15)));
  // Delimiters must be distinct and not letters or digits (X12.6 basic character set).
  const Delimiters& d = isa.delimiters;
  unsigned char comp = static_cast<unsigned char>(d.component);
  std::string_view term = d.segment;
  if (is_alnum(comp) || d.component == d.element || term == std::string_view(&d.component, 1) ||
      (d.repetition && d.component == d.repetition))
    add("x12.isa.component_separator", 16, "invalid component element separator (ISA16)",
        "a separator distinct from the others", show(d.component));
  if (term.size() == 1 && (term[0] == d.element || is_alnum(static_cast<unsigned char>(term[0]))))
    add("x12.isa.terminator", 16, "invalid segment terminator", "a terminator distinct from the separators",
        std::string(term));
  if (d.repetition && (d.repetition == d.element || term == std::string_view(&d.repetition, 1)))
    add("x12.isa.repetition_separator", 11, "repetition separator clashes with another delimiter",
        "a distinct separator", show(d.repetition));
  return out;
}

}  // namespace edigate::x12
