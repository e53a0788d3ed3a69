#pragma once
// The separators one interchange uses. Readers detect them (ISA, UNA or defaults); writers are
// given them.
#include <string>

namespace edigate {

struct Delimiters {
  char element = '*';
  char component = ':';
  char repetition = 0;        ///< 0 when the interchange has none (X12 < 00402, EDIFACT syntax < 4)
  char release = 0;           ///< EDIFACT release (escape) character; 0 when none
  char decimal = '.';         ///< EDIFACT decimal mark from UNA
  std::string segment = "~";  ///< terminator: usually one byte, may be a multi-byte UTF-8 character
  std::string suffix;         ///< what follows each terminator on output: "", "\n" or "\r\n"
  /// How the interchange's bytes are encoded: "" for ASCII/UTF-8, "cp037" for EBCDIC. Readers
  /// decode to Latin-1 and say so here; writers encode what they write back (an
  /// acknowledgement goes out in the encoding its interchange came in).
  std::string encoding;

  bool operator==(const Delimiters&) const = default;

  static Delimiters x12_default() { return Delimiters{'*', ':', '^', 0, '.', "~", "\n", ""}; }
  static Delimiters edifact_default() { return Delimiters{'+', ':', 0, '?', '.', "'", "", ""}; }
};

}  // namespace edigate
