#pragma once
// One error currency for the whole product: a code, a message, and where in the input it
// happened. Rendered as
//   po_850.edi:1042: segment 7 (BEG) element 3: expected date CCYYMMDD, found "2024-13-01"
//   [schema.element.invalid_date]
#include <cstdint>
#include <string>
#include <utility>

namespace edigate {

enum class Severity : std::uint8_t { error, warning };

/// What kind of failure, so a caller can decide without reading codes: retry a transient one,
/// dead-letter bad input, alert on configuration and internal ones (exit codes follow it too).
enum class ErrorCategory : std::uint8_t {
  invalid_input,  ///< the document (or request) is wrong; retrying gives the same answer
  configuration,  ///< a profile, map, schema or option is wrong or missing; fix it, then replay
  transient,      ///< I/O, network, a busy resource; the same work may succeed later
  internal,       ///< a defect or resource exhaustion inside the gateway
};

inline const char* to_string(ErrorCategory c) {
  switch (c) {
    case ErrorCategory::invalid_input:
      return "invalid-input";
    case ErrorCategory::configuration:
      return "configuration";
    case ErrorCategory::transient:
      return "transient";
    case ErrorCategory::internal:
      return "internal";
  }
  return "internal";
}

/// Where a problem sits. Zero means "not applicable" for every numeric field.
struct Position {
  std::string file;                 ///< input name as given by the user ("-" for stdin)
  std::uint64_t offset = 0;         ///< byte offset of the segment (or byte) in the input
  std::uint64_t segment_index = 0;  ///< 1-based ordinal of the segment in the input
  std::string segment_tag;          ///< "BEG", "UNH", ...
  std::uint32_t element = 0;        ///< 1-based element position in the segment
  std::uint32_t component = 0;      ///< 1-based component position in a composite
  std::uint32_t repetition = 0;     ///< 1-based repetition of a repeating element
  std::uint32_t line = 0;           ///< 1-based line, for text files such as XML configuration
  std::uint32_t column = 0;
  bool has_offset = false;  ///< offset 0 is a valid byte offset, so say when it is set
  std::string element_ref;  ///< data element reference ("373", "C507") when a schema knows it
  std::string loop_id;      ///< loop / segment group ("N1", "SG2") when a schema knows it
};

struct Error {
  std::string code;     ///< stable, dotted: "x12.isa.short", "schema.element.too_long"
  std::string message;  ///< what is wrong, for a person
  Position position;
  std::string expected;  ///< optional: what the standard wants
  std::string found;     ///< optional: what the input has (shown quoted)
  Severity severity = Severity::error;
  ErrorCategory category = ErrorCategory::invalid_input;

  Error() = default;
  Error(std::string c, std::string m) : code(std::move(c)), message(std::move(m)) {}

  Error& at(Position p) & {
    position = std::move(p);
    return *this;
  }
  Error&& at(Position p) && {
    position = std::move(p);
    return std::move(*this);
  }
  Error&& want(std::string exp, std::string got) && {
    expected = std::move(exp);
    found = std::move(got);
    return std::move(*this);
  }
  Error&& warn() && {
    severity = Severity::warning;
    return std::move(*this);
  }
  Error&& as(ErrorCategory c) && {
    category = c;
    return std::move(*this);
  }
  Error& as(ErrorCategory c) & {
    category = c;
    return *this;
  }

  bool is_warning() const noexcept { return severity == Severity::warning; }

  /// `FILE:OFFSET: segment N (ID) element M: message: expected X, found "Y" [code]`.
  /// Parts that do not apply are left out; text files use FILE:LINE:COL instead of an offset.
  /// Without the code when this error is quoted inside another that carries the same code.
  /// An error about no input at all (an unknown partner id) has no location prefix; one with a
  /// position but no file name says "<input>" (whoever made it should have named the file).
  std::string to_string(bool with_code = true) const {
    std::string out;
    const bool located =
        position.line || position.has_offset || position.segment_index || !position.segment_tag.empty();
    if (!position.file.empty() || located) {
      out = position.file.empty() ? std::string("<input>") : position.file;
      if (position.line) {
        out += ':' + std::to_string(position.line);
        if (position.column) out += ':' + std::to_string(position.column);
      } else if (position.has_offset) {
        out += ':' + std::to_string(position.offset);
      }
      out += ": ";
    }
    if (severity == Severity::warning) out += "warning: ";
    if (position.segment_index || !position.segment_tag.empty()) {
      out += "segment";
      if (position.segment_index) out += ' ' + std::to_string(position.segment_index);
      if (!position.segment_tag.empty()) out += " (" + position.segment_tag + ")";
      if (position.element) {
        out += " element " + std::to_string(position.element);
        if (position.component) out += " component " + std::to_string(position.component);
        if (position.repetition > 1) out += " repetition " + std::to_string(position.repetition);
      }
      out += ": ";
    }
    out += message;
    if (!expected.empty() || !found.empty()) {
      out += ':';
      if (!expected.empty()) out += " expected " + expected;
      if (!found.empty()) out += std::string(expected.empty() ? "" : ",") + " found \"" + printable(found) + "\"";
    }
    if (with_code && !code.empty()) out += " [" + code + "]";
    return out;
  }

  /// Control and non-ASCII bytes shown as \xNN so a message is always one printable line.
  static std::string printable(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        out += static_cast<char>(c);
      } else {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
      if (out.size() > 120) {
        out += "...";
        break;
      }
    }
    return out;
  }
};

}  // namespace edigate
