#pragma once
// Hand-written X12 fixtures. Segments are written with '*' ':' '^' '~' and rewritten to the
// delimiters under test, so one fixture covers every separator combination.
#include <cstdio>
#include <string>
#include <vector>

namespace edigate::x12::test {

struct Seps {
  char element = '*';
  char component = ':';
  char repetition = '^';  // 0: version 00401 with "U"
  std::string terminator = "~";
  std::string suffix = "\n";
};

/// A fixed-width (106 bytes with a 1-byte terminator) ISA.
inline std::string isa(const Seps& s, const std::string& control = "000000001", const std::string& ack = "0") {
  char e = s.element;
  std::string v = s.repetition ? "00501" : "00401";
  std::string rep = s.repetition ? std::string(1, s.repetition) : "U";
  return std::string("ISA") + e + "00" + e + "          " + e + "00" + e + "          " + e + "ZZ" + e +
         "SENDER         " + e + "ZZ" + e + "RECEIVER       " + e + "210101" + e + "1200" + e + rep + e + v + e +
         control + e + ack + e + "P" + e + s.component + s.terminator + s.suffix;
}

/// Rewrites '*' ':' '^' in a segment written with the default separators.
inline std::string seg(const Seps& s, const std::string& body) {
  std::string out;
  for (char c : body) {
    if (c == '*')
      out += s.element;
    else if (c == ':')
      out += s.component;
    else if (c == '^' && s.repetition)
      out += s.repetition;
    else
      out += c;
  }
  return out + s.terminator + s.suffix;
}

inline std::string segs(const Seps& s, const std::vector<std::string>& bodies) {
  std::string out;
  for (const auto& b : bodies) out += seg(s, b);
  return out;
}

/// One interchange, one group, the given transaction sets (bodies between ST and SE).
inline std::string interchange(const Seps& s, const std::vector<std::vector<std::string>>& sets,
                               const std::string& version = "005010", const std::string& control = "000000001") {
  std::string out = isa(s, control);
  out += seg(s, "GS*PO*SENDER*RECEIVER*20210101*1200*1*X*" + version);
  int n = 0;
  for (const auto& body : sets) {
    char ctl[16];
    std::snprintf(ctl, sizeof ctl, "%04d", ++n);
    out += seg(s, std::string("ST*850*") + ctl);
    out += segs(s, body);
    out += seg(s, "SE*" + std::to_string(body.size() + 2) + "*" + ctl);
  }
  out += seg(s, "GE*" + std::to_string(sets.size()) + "*1");
  out += seg(s, "IEA*1*" + control);
  return out;
}

inline const std::vector<std::string> kPoBody = {"BEG*00*SA*PO1**20210101", "REF*DP*038", "N1*ST*ACME:EAST",
                                                 "PO1*1*10*EA*9.5**BP*A1^B2", "CTT*1"};

}  // namespace edigate::x12::test
