#pragma once
// Envelope rules of ISO 9735 for the service segments UNB/UNZ, UNG/UNE and UNH/UNT: the
// mandatory data elements, and the control counts and references in trailers. Each check
// appends positioned Errors; the reader decides which event carries them.
#include "tokenizer.hpp"

#include <edigate/error.hpp>
#include <edigate/segment.hpp>

#include <string>
#include <vector>

namespace edigate::edifact {

/// An owned copy of a service segment that must outlive the tokenizer's buffer.
struct OwnedSegment {
  std::string bytes;
  std::vector<std::string_view> elements;
  Segment segment;
  void assign(const RawSegment& raw, const Delimiters& d);
};

/// Context for positions: file name, and whether count/reference mismatches are warnings.
struct CheckContext {
  std::string file;
  bool count_mismatch_is_warning = false;
  Position at(const Segment& s, std::uint32_t element = 0, std::uint32_t component = 0) const;
};

struct UnbFields {
  std::string syntax_id;   ///< S001 0001 ("UNOA")
  int syntax_version = 0;  ///< S001 0002 (1..4), 0 when absent or invalid
  std::string reference;   ///< 0020, unescaped
};
UnbFields check_unb(const Segment& unb, const Delimiters& d, const CheckContext& cx, std::vector<Error>& out);

/// UNG 0048 (element 5), unescaped.
std::string check_ung(const Segment& ung, const Delimiters& d, const CheckContext& cx, std::vector<Error>& out);

struct UnhFields {
  std::string reference;  ///< 0062
  std::string set_id;     ///< S009 0065
  std::string version;    ///< schema key: 0052+0054 ("D96A"); "0052:0054" when 0052 is numeric ("11:1")
  std::string release;    ///< S009 after 0065, as sent ("D:96A:UN:EAN008")
};
UnhFields check_unh(const Segment& unh, const Delimiters& d, const CheckContext& cx, std::vector<Error>& out);

/// Trailer checks: element 1 must equal `counted`, element 2 must equal `reference`.
/// `what` is "unt", "une" or "unz" and names the codes (edifact.<what>.count / .reference).
void check_trailer(const Segment& trailer, const Delimiters& d, const CheckContext& cx, const char* what,
                   std::uint64_t counted, const std::string& reference, std::vector<Error>& out);

/// Appends e unless `out` already holds kMaxIssues entries (bounded memory on garbage).
void add_issue(std::vector<Error>& out, Error e);
inline constexpr std::size_t kMaxIssues = 100;

}  // namespace edigate::edifact
