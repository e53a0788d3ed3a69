#include "una.hpp"

#include <cctype>

namespace edigate::edifact {

Delimiters default_delimiters(bool syntax4) {
  Delimiters d = Delimiters::edifact_default();
  if (syntax4) d.repetition = '*';
  return d;
}

Delimiters level_b_delimiters() {
  Delimiters d{'\x1D', '\x1F', 0, 0, '.', "\x1C", "", ""};
  return d;
}

UnaResult parse_una(std::string_view c) {
  UnaResult r;
  r.delimiters = Delimiters::edifact_default();
  if (c.size() != 6) {
    r.error = Error("edifact.una.invalid", "service string advice is truncated")
                  .want("6 characters after UNA", std::string(c));
    return r;
  }
  Delimiters d;
  d.component = c[0];
  d.element = c[1];
  d.decimal = c[2];
  d.release = c[3] == ' ' ? 0 : c[3];
  d.repetition = c[4] == ' ' ? 0 : c[4];
  d.segment = std::string(1, c[5]);
  d.suffix.clear();

  auto fail = [&](std::uint32_t pos, const char* what) {
    Error e("edifact.una.invalid", what);
    e.position.element = pos;
    e.expected = "distinct, non-alphanumeric service characters";
    e.found = std::string(c);
    r.error = std::move(e);
  };
  const char roles[] = {c[0], c[1], c[3], c[4], c[5]};
  const std::uint32_t positions[] = {1, 2, 4, 5, 6};
  for (int i = 0; i < 5; ++i) {
    unsigned char ch = static_cast<unsigned char>(roles[i]);
    if (ch == ' ' && (i == 2 || i == 3)) continue;  // release/repetition "not used"
    if (std::isalnum(ch) || (ch == ' ' && i != 4)) {
      fail(positions[i], "a letter, digit or space cannot be a separator");
      return r;
    }
    for (int j = 0; j < i; ++j) {
      if (roles[j] == roles[i] && !(roles[j] == ' ' && (j == 2 || j == 3))) {
        fail(positions[i], "two service characters share one character");
        return r;
      }
    }
  }
  if (d.decimal != '.' && d.decimal != ',') {
    fail(3, "decimal mark must be '.' or ','");
    return r;
  }
  r.delimiters = d;
  return r;
}

}  // namespace edigate::edifact
