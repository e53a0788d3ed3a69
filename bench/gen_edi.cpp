// Deterministic generator of large, standard-valid EDI inputs for the benchmarks:
//   X12 005010 850 purchase orders (ISA/GS/ST envelopes, N1 loops, PO1/PID lines) or
//   EDIFACT D96A ORDERS (UNA/UNB/UNH..UNT/UNZ, NAD/LIN/QTY/PRI groups).
// The same seed and size always give the same bytes. Output goes to a file or "-" (stdout),
// written in 1 MiB blocks, so a 1 GB input can be piped straight into a reader.
//
// usage: edigate_gen_edi --standard x12|edifact --bytes N[K|M|G] --out FILE|- [--seed S]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

// splitmix64: tiny, fast and the same on every platform (std:: distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  template <std::size_t N>
  const char* pick(const char* const (&items)[N]) {
    return items[next() % N];
  }

 private:
  std::uint64_t state_;
};

constexpr const char* kCompanies[] = {"ACME WIDGETS INC",      "NORTHWIND TRADING",          "GLOBEX CORPORATION",
                                      "INITECH SUPPLY",        "UMBRELLA RETAIL GROUP",      "STARK INDUSTRIAL",
                                      "WAYNE HOME AND GARDEN", "CONTOSO DISTRIBUTION CENTER"};
constexpr const char* kStreets[] = {"100 MAIN STREET", "2500 COMMERCE PARKWAY",
                                    "7 HARBOR RD",     "1200 INDUSTRIAL BLVD SUITE 400",
                                    "55 WATER ST",     "9 ELM AVE"};
constexpr const char* kCities[] = {"SPRINGFIELD", "COLUMBUS", "PORTLAND", "AUSTIN", "DENVER", "RALEIGH"};
constexpr const char* kStates[] = {"IL", "OH", "OR", "TX", "CO", "NC"};
constexpr const char* kWords[] = {"BLUE",       "STEEL",      "BOLT",       "WIDGET",  "LARGE",
                                  "PACK OF 12", "ORGANIC",    "COFFEE",     "CABLE",   "USB-C",
                                  "2M",         "CERAMIC",    "MUG",        "PREMIUM", "ORANGE JUICE",
                                  "1L",         "SPARE PART", "HEAVY DUTY", "GLOVES",  "NITRILE"};
constexpr const char* kUnits[] = {"EA", "CA", "BX", "PK", "DZ"};
constexpr const char* kEdifactNames[] = {"ACME WIDGETS", "EUROFOOD BV", "HANSE LOGISTIK GMBH", "LE PETIT MARCHE SARL",
                                         "NORDIC SUPPLY AB"};

/// Buffered writer: appends to a string and flushes whole blocks.
class Out {
 public:
  explicit Out(std::FILE* f) : f_(f) { buf_.reserve(kBlock + 64 * 1024); }
  ~Out() { flush(); }
  std::string& buf() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= kBlock) flush();
  }
  void flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      std::perror("edigate_gen_edi: write");
      std::exit(1);
    }
    written_ += buf_.size();
    buf_.clear();
  }
  std::uint64_t size() const { return written_ + buf_.size(); }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  std::FILE* f_;
  std::string buf_;
  std::uint64_t written_ = 0;
};

void append_num(std::string& s, std::uint64_t v, int width = 0) {
  char tmp[24];
  int n = std::snprintf(tmp, sizeof tmp, "%0*llu", width, static_cast<unsigned long long>(v));
  s.append(tmp, static_cast<std::size_t>(n));
}
/// cents as a decimal with two places: 1999 -> "19.99".
void append_money(std::string& s, std::uint64_t cents) {
  append_num(s, cents / 100);
  s += '.';
  append_num(s, cents % 100, 2);
}
/// A date CCYYMMDD in 2024-2026 (days 1-28 keep every month valid).
void append_date(std::string& s, Rng& rng) {
  append_num(s, static_cast<std::uint64_t>(rng.range(2024, 2026)));
  append_num(s, static_cast<std::uint64_t>(rng.range(1, 12)), 2);
  append_num(s, static_cast<std::uint64_t>(rng.range(1, 28)), 2);
}
void append_words(std::string& s, Rng& rng, int count) {
  for (int i = 0; i < count; ++i) {
    if (i) s += ' ';
    s += rng.pick(kWords);
  }
}

// ---- X12 005010 850 ----

struct X12Writer {
  Out& out;
  Rng& rng;
  std::uint64_t segs = 0;  // segments of the current transaction
  std::string& s() { return out.buf(); }
  void end() {  // segment terminator plus a newline, as most partners send it
    s() += "~\n";
    ++segs;
  }

  void transaction(std::uint64_t control) {
    segs = 0;
    s() += "ST*850*";
    append_num(s(), control, 4);
    end();
    s() += "BEG*00*SA*PO";
    append_num(s(), rng.next() % 100000000, 8);
    s() += "**";
    append_date(s(), rng);
    end();
    s() += "CUR*BY*USD";
    end();
    if (rng.range(0, 1)) {
      s() += "REF*DP*";
      append_num(s(), static_cast<std::uint64_t>(rng.range(1, 999)));
      end();
    }
    s() += "PER*BD*JANE BUYER*TE*555";
    append_num(s(), rng.next() % 10000000, 7);
    end();
    s() += "DTM*002*";
    append_date(s(), rng);
    end();
    static constexpr const char* kParties[] = {"BY", "ST", "VN", "BT"};
    int parties = rng.range(1, 4);
    for (int p = 0; p < parties; ++p) {
      s() += "N1*";
      s() += kParties[p];
      s() += '*';
      s() += rng.pick(kCompanies);
      s() += "*92*";
      append_num(s(), rng.next() % 1000000, 6);
      end();
      s() += "N3*";
      s() += rng.pick(kStreets);
      end();
      int city = rng.range(0, 5);
      s() += "N4*";
      s() += kCities[city];
      s() += '*';
      s() += kStates[city];
      s() += '*';
      append_num(s(), rng.next() % 100000, 5);
      s() += "*US";
      end();
    }
    int lines = rng.range(1, 40);
    std::uint64_t quantity_total = 0, amount_cents = 0;
    for (int l = 1; l <= lines; ++l) {
      std::uint64_t qty = static_cast<std::uint64_t>(rng.range(1, 500));
      std::uint64_t price = static_cast<std::uint64_t>(rng.range(5, 250000));
      quantity_total += qty;
      amount_cents += qty * price;
      s() += "PO1*";
      append_num(s(), static_cast<std::uint64_t>(l));
      s() += '*';
      append_num(s(), qty);
      s() += '*';
      s() += rng.pick(kUnits);
      s() += '*';
      append_money(s(), price);
      s() += "**BP*";
      append_num(s(), rng.next() % 1000000000000ull, 12);
      s() += "*VP*VP-";
      append_num(s(), rng.next() % 100000, 5);
      end();
      if (rng.range(0, 3)) {
        s() += "PID*F****";
        append_words(s(), rng, rng.range(1, 6));
        end();
      }
    }
    s() += "CTT*";
    append_num(s(), static_cast<std::uint64_t>(lines));
    s() += '*';
    append_num(s(), quantity_total);
    end();
    s() += "AMT*TT*";
    append_money(s(), amount_cents);
    end();
    s() += "SE*";
    append_num(s(), segs + 1);
    s() += '*';
    append_num(s(), control, 4);
    s() += "~\n";
  }

  void interchange(std::uint64_t isa_control, std::uint64_t& gs_control, int groups, int sets_per_group) {
    s() += "ISA*00*          *00*          *ZZ*EDIGATEBUYER   *ZZ*EDIGATESUPPLIER*240115*0930*^*00501*";
    append_num(s(), isa_control, 9);
    s() += "*0*P*:~\n";
    for (int g = 0; g < groups; ++g) {
      ++gs_control;
      s() += "GS*PO*EDIGATEBUYER*EDIGATESUPPLIER*20240115*0930*";
      append_num(s(), gs_control);
      s() += "*X*005010~\n";
      for (int t = 1; t <= sets_per_group; ++t) {
        transaction(static_cast<std::uint64_t>(t));
        out.maybe_flush();
      }
      s() += "GE*";
      append_num(s(), static_cast<std::uint64_t>(sets_per_group));
      s() += '*';
      append_num(s(), gs_control);
      s() += "~\n";
    }
    s() += "IEA*";
    append_num(s(), static_cast<std::uint64_t>(groups));
    s() += '*';
    append_num(s(), isa_control, 9);
    s() += "~\n";
  }
};

void generate_x12(Out& out, Rng& rng, std::uint64_t target) {
  X12Writer w{out, rng};
  std::uint64_t isa = 0, gs = 0;
  while (out.size() < target) w.interchange(++isa, gs, rng.range(1, 4), rng.range(200, 2000));
}

// ---- EDIFACT D96A ORDERS ----

struct EdifactWriter {
  Out& out;
  Rng& rng;
  std::uint64_t segs = 0;
  std::string& s() { return out.buf(); }
  void end() {
    s() += "'\n";
    ++segs;
  }
  /// Free text of at most max_len characters (D96A 4440 is an..70, 7008 an..35), now and
  /// then holding characters that need the release character '?'.
  void text(int words, std::size_t max_len) {
    std::string plain;
    append_words(plain, rng, words);
    if (rng.range(0, 7) == 0) plain.insert(0, "5+1 'FREE' ");
    if (plain.size() > max_len) plain.resize(max_len);
    while (!plain.empty() && plain.back() == ' ') plain.pop_back();  // no trailing space
    for (char c : plain) {
      if (c == '+' || c == ':' || c == '\'' || c == '?') s() += '?';
      s() += c;
    }
  }

  void message(std::uint64_t reference) {
    segs = 0;
    s() += "UNH+";
    append_num(s(), reference);
    s() += "+ORDERS:D:96A:UN:EAN008";
    end();
    s() += "BGM+220+PO";
    append_num(s(), rng.next() % 100000000, 8);
    s() += "+9";
    end();
    s() += "DTM+137:";
    append_date(s(), rng);
    s() += ":102";
    end();
    s() += "DTM+2:";
    append_date(s(), rng);
    s() += ":102";
    end();
    if (rng.range(0, 1)) {
      s() += "FTX+PUR+++";
      text(rng.range(2, 8), 70);
      end();
    }
    s() += "RFF+CT:FRAME-";
    append_num(s(), rng.next() % 10000, 4);
    end();
    static constexpr const char* kParties[] = {"BY", "SU", "DP", "IV"};
    int parties = rng.range(2, 4);
    for (int p = 0; p < parties; ++p) {
      s() += "NAD+";
      s() += kParties[p];
      s() += '+';
      append_num(s(), 5400000000000ull + rng.next() % 100000000000ull, 13);
      s() += "::9";
      if (rng.range(0, 1)) {
        s() += "++";
        s() += rng.pick(kEdifactNames);
      }
      end();
      if (p == 0) {
        s() += "CTA+OC+:PURCHASING DEPT";
        end();
        s() += "COM+0032";
        append_num(s(), rng.next() % 100000000, 8);
        s() += ":TE";
        end();
      }
    }
    s() += "CUX+2:EUR:9";
    end();
    int lines = rng.range(1, 40);
    for (int l = 1; l <= lines; ++l) {
      s() += "LIN+";
      append_num(s(), static_cast<std::uint64_t>(l));
      s() += "++";
      append_num(s(), 8700000000000ull + rng.next() % 100000000000ull, 13);
      s() += ":EN";
      end();
      if (rng.range(0, 1)) {
        s() += "PIA+1+SKU";
        append_num(s(), rng.next() % 1000000, 6);
        s() += ":SA";
        end();
      }
      if (rng.range(0, 3)) {
        s() += "IMD+F++:::";
        text(rng.range(1, 5), 35);
        end();
      }
      s() += "QTY+21:";
      append_num(s(), static_cast<std::uint64_t>(rng.range(1, 900)));
      end();
      s() += "PRI+AAA:";
      append_money(s(), static_cast<std::uint64_t>(rng.range(5, 99999)));
      end();
    }
    s() += "UNS+S";
    end();
    s() += "CNT+2:";
    append_num(s(), static_cast<std::uint64_t>(lines));
    end();
    s() += "UNT+";
    append_num(s(), segs + 1);
    s() += '+';
    append_num(s(), reference);
    s() += "'\n";
  }

  void interchange(std::uint64_t reference, int messages) {
    s() += "UNA:+.? '\nUNB+UNOC:3+5412345000013:14+5498765000019:14+240115:0930+IC";
    append_num(s(), reference, 8);
    s() += "'\n";
    for (int m = 1; m <= messages; ++m) {
      message(static_cast<std::uint64_t>(m));
      out.maybe_flush();
    }
    s() += "UNZ+";
    append_num(s(), static_cast<std::uint64_t>(messages));
    s() += "+IC";
    append_num(s(), reference, 8);
    s() += "'\n";
  }
};

void generate_edifact(Out& out, Rng& rng, std::uint64_t target) {
  EdifactWriter w{out, rng};
  std::uint64_t ref = 0;
  while (out.size() < target) w.interchange(++ref, rng.range(500, 5000));
}

std::uint64_t parse_size(const char* text) {
  char* end = nullptr;
  double v = std::strtod(text, &end);
  switch (end && *end ? *end : ' ') {
    case 'K':
    case 'k':
      v *= 1024;
      break;
    case 'M':
    case 'm':
      v *= 1024 * 1024;
      break;
    case 'G':
    case 'g':
      v *= 1024.0 * 1024 * 1024;
      break;
    default:
      break;
  }
  return static_cast<std::uint64_t>(v);
}

int usage() {
  std::fprintf(stderr, "usage: edigate_gen_edi --standard x12|edifact --bytes N[K|M|G] --out FILE|- [--seed S]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string standard, out_path;
  std::uint64_t bytes = 0, seed = 20240115;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view k = argv[i];
    if (k == "--standard")
      standard = argv[i + 1];
    else if (k == "--bytes")
      bytes = parse_size(argv[i + 1]);
    else if (k == "--out")
      out_path = argv[i + 1];
    else if (k == "--seed")
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    else
      return usage();
  }
  if ((standard != "x12" && standard != "edifact") || bytes == 0 || out_path.empty()) return usage();
  std::FILE* f = out_path == "-" ? stdout : std::fopen(out_path.c_str(), "wb");
  if (!f) {
    std::perror(out_path.c_str());
    return 1;
  }
  {
    Out out(f);
    Rng rng(seed);
    if (standard == "x12")
      generate_x12(out, rng, bytes);
    else
      generate_edifact(out, rng, bytes);
  }
  if (f != stdout && std::fclose(f) != 0) {
    std::perror(out_path.c_str());
    return 1;
  }
  return 0;
}
