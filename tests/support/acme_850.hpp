#pragma once
// Interchanges of our own for the gateway tests: a small acme-retail 850 (X12 004010, the example
// partner's identities) whose control numbers and PO numbers are derived from one number.
#include <cstdio>
#include <string>

namespace edigate::test {

/// A small acme-retail 850 interchange (X12 004010) with `sets` transactions: our own data, the
/// control numbers and PO numbers derived from `n` so every interchange, group and set differs.
inline std::string acme_850(int n, int sets) {
  char isa[160];
  std::snprintf(
      isa, sizeof isa,
      "ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATEDEMO    *261122*1030*U*00401*%09d*0*P*>~\n",
      700000 + n);
  std::string out = isa;
  out += "GS*PO*ACMERETAIL*EDIGATEDEMO*20261122*1030*" + std::to_string(n) + "*X*004010~\n";
  for (int s = 0; s < sets; ++s) {
    char st[16];
    std::snprintf(st, sizeof st, "%04d", (n * 2 + s) % 10000);
    out += std::string("ST*850*") + st + "~\n";
    out += "BEG*00*SA*CRASH" + std::to_string(n) + "-" + std::to_string(s) + "**20261122~\n";
    out += "CUR*BY*USD~\nREF*DP*042~\nDTM*002*20261201~\nN1*ST*ACME DC 42*92*0042~\n";
    out += "N3*1200 INDUSTRIAL PKWY~\nN4*COLUMBUS*OH*43215*US~\n";
    out += "PO1*1*" + std::to_string(1 + n % 50) + "*EA*12.50**UP*012345678905*VP*WID-100~\n";
    out += "PID*F****BLUE WIDGET~\nCTT*1~\n";
    out += std::string("SE*12*") + st + "~\n";
  }
  out += "GE*" + std::to_string(sets) + "*" + std::to_string(n) + "~\n";
  char iea[32];
  std::snprintf(iea, sizeof iea, "IEA*1*%09d~\n", 700000 + n);
  return out + iea;
}

}  // namespace edigate::test
