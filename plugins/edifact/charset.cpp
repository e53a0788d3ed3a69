#include "charset.hpp"

#include <array>
#include <string>

namespace edigate::edifact {
namespace {

constexpr std::string_view kLevelAPunct = " .,-()/='+:?!\"%&*;<>";

struct Tables {
  std::array<bool, 256> a{}, b{}, c{};
  Tables() {
    for (char ch = 'A'; ch <= 'Z'; ++ch) a[static_cast<unsigned char>(ch)] = true;
    for (char ch = '0'; ch <= '9'; ++ch) a[static_cast<unsigned char>(ch)] = true;
    for (char ch : kLevelAPunct) a[static_cast<unsigned char>(ch)] = true;
    b = a;
    for (char ch = 'a'; ch <= 'z'; ++ch) b[static_cast<unsigned char>(ch)] = true;
    // Latin-1 graphic characters: printable ASCII and A0..FF.
    for (int i = 0x20; i < 0x7F; ++i) c[i] = true;
    for (int i = 0xA0; i < 0x100; ++i) c[i] = true;
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

/// Length of the valid UTF-8 sequence starting at s[i] (2..4), or 0 (RFC 3629: no overlongs,
/// no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  unsigned c0 = byte(0);
  auto cont = [&](std::size_t k) {
    unsigned v = byte(k);
    return v >= 0x80 && v <= 0xBF;
  };
  if (c0 >= 0xC2 && c0 <= 0xDF) return cont(1) ? 2 : 0;
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    unsigned c1 = byte(1);
    if (c0 == 0xE0 && c1 < 0xA0) return 0;
    if (c0 == 0xED && c1 > 0x9F) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    unsigned c1 = byte(1);
    if (c0 == 0xF0 && c1 < 0x90) return 0;
    if (c0 == 0xF4 && c1 > 0x8F) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

bool is_delimiter(unsigned char c, const Delimiters& d) {
  char ch = static_cast<char>(c);
  return ch == d.element || ch == d.component || (d.repetition && ch == d.repetition) ||
         (d.release && ch == d.release) || (!d.segment.empty() && ch == d.segment[0]);
}

/// Element/component of byte i, honouring the release character.
void locate(std::string_view seg, std::size_t at, const Delimiters& d, Position& p) {
  std::uint32_t el = 0, comp = 1;
  for (std::size_t i = 0; i < at && i < seg.size(); ++i) {
    char c = seg[i];
    if (d.release && c == d.release) {
      ++i;
      continue;
    }
    if (c == d.element) {
      ++el;
      comp = 1;
    } else if (c == d.component)
      ++comp;
  }
  p.element = el;
  p.component = el ? comp : 0;
}

}  // namespace

Charset charset_for(std::string_view id) noexcept {
  if (id == "UNOA") return Charset::unoa;
  if (id == "UNOB") return Charset::unob;
  if (id == "UNOC") return Charset::unoc;
  if (id == "UNOY") return Charset::unoy;
  return Charset::other;
}

bool charset_fast_ok(Charset cs, unsigned char c) noexcept {
  switch (cs) {
    case Charset::unoa:
      return tables().a[c];
    case Charset::unob:
      return tables().b[c];
    case Charset::unoc:
      return c >= 0x20 && c < 0x7F;  // non-ASCII takes the slow path (UTF-8 check)
    case Charset::unoy:
      return c >= 0x20 && c < 0x7F;
    case Charset::other:
      return c >= 0x20 || c == '\t';
  }
  return true;
}

std::optional<Error> check_segment_charset(std::string_view seg, Charset cs, const Delimiters& d,
                                           std::uint64_t offset) noexcept {
  try {
    const Tables& t = tables();
    std::optional<Error> warning;
    for (std::size_t i = 0; i < seg.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(seg[i]);
      if (charset_fast_ok(cs, c) || is_delimiter(c, d)) continue;
      std::string found(seg.substr(i, 4));
      auto make = [&](const char* code, std::string msg, std::string expected) {
        Error e(code, std::move(msg));
        Position p;
        p.offset = offset + i;
        p.has_offset = true;
        locate(seg, i, d, p);
        e.at(std::move(p));
        e.expected = std::move(expected);
        e.found = found;
        return e;
      };
      if (c < 0x20 || c == 0x7F) {
        if (cs == Charset::other && c != 0x7F) continue;  // 8-bit sets may use C0 controls
        return make("edifact.charset.invalid", "control character in data", "a graphic character");
      }
      std::size_t n = c >= 0x80 ? utf8_sequence(seg, i) : 0;
      switch (cs) {
        case Charset::unoa:
        case Charset::unob:
          if (c >= 0x80 && n == 0)
            return make("edifact.charset.invalid", "byte is neither in the repertoire nor UTF-8",
                        cs == Charset::unoa ? "UNOA character" : "UNOB character");
          if (!warning)
            warning = make("edifact.charset.invalid", "character outside the syntax identifier's repertoire",
                           cs == Charset::unoa ? "UNOA character" : "UNOB character");
          if (n) i += n - 1;
          break;
        case Charset::unoc:
          if (n) {
            if (!warning)
              warning = make("edifact.charset.utf8_in_latin1", "UTF-8 text in a UNOC (ISO 8859-1) interchange",
                             "ISO 8859-1 byte");
            i += n - 1;
          } else if (!t.c[c]) {
            return make("edifact.charset.invalid", "C1 control byte in a UNOC (ISO 8859-1) interchange",
                        "ISO 8859-1 graphic character");
          }
          break;
        case Charset::unoy:
          if (n == 0) return make("edifact.charset.invalid", "invalid UTF-8 in a UNOY interchange", "valid UTF-8");
          i += n - 1;
          break;
        case Charset::other:
          break;
      }
    }
    if (warning) warning->severity = Severity::warning;
    return warning;
  } catch (...) {
    return std::nullopt;  // out of memory while building a message: nothing sensible to add
  }
}

}  // namespace edigate::edifact
