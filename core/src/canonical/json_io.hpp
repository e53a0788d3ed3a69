#pragma once
// Canonical JSON on the wire: one message per line (JSON Lines), keys in insertion order, no
// binary floats, always valid UTF-8.
#include <edigate/error.hpp>
#include <edigate/result.hpp>

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace edigate::canonical {

/// Nesting deeper than this is refused when reading and writing (bounded stack and memory).
inline constexpr std::size_t kMaxJsonDepth = 64;
/// Largest single message accepted by the reader.
inline constexpr std::size_t kMaxMessageBytes = 16u << 20;

/// One compact JSON line (no trailing newline), keys in the order the objects hold them
/// (make_object() preserves insertion order). Strings are escaped per RFC 8259; bytes that are
/// not valid UTF-8 are read as Latin-1 and written as \u00XX, so the output is always valid
/// JSON whatever the EDI held. A double anywhere in the tree is `canonical.json.binary_float`
/// (with the JSON path in `found`): amounts must be decimal strings (decimal.hpp).
Result<std::string> to_json_line(const Poco::JSON::Object::Ptr& message);

/// Appends `s` as a JSON string literal exactly as to_json_line writes strings (quotes, RFC 8259
/// escapes, Latin-1 fallback for invalid UTF-8). For writers that produce canonical lines directly.
void append_json_string(std::string& out, std::string_view s);

/// Parses one canonical message (an object with "schema": "edigate.canonical/v1"), keeping key
/// order. Errors: `canonical.json.invalid` (syntax, depth, size), `canonical.json.not_canonical`
/// (not an object or another schema id), at `where`.
Result<Poco::JSON::Object::Ptr> parse_message(std::string_view text, const Position& where = {});

/// Reads JSON Lines: calls `on_message` for each non-blank line, in order. Stops at the first
/// bad line and returns its error with `file` and the 1-based line number; stops early, without
/// error, when the callback returns false. Returns the number of messages read.
Result<std::size_t> read_message_lines(std::string_view text, const std::string& file,
                                       const std::function<bool(Poco::JSON::Object::Ptr)>& on_message);

}  // namespace edigate::canonical
