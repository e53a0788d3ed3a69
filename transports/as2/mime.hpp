#pragma once
// Byte-exact MIME handling for AS2. Signatures are verified over the exact received bytes, so
// nothing here re-canonicalizes line endings: an entity is split at its first blank line and a
// multipart at its boundary lines, and the parts are returned as views of the input.
#include <edigate/result.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace edigate::as2 {

struct Header {
  std::string name;
  std::string value;  ///< unfolded, trimmed
};

struct Entity {
  std::vector<Header> headers;
  std::string_view body;  ///< view into the parsed bytes
  /// Header value by case-insensitive name, empty if absent.
  std::string header(std::string_view name) const;
};

/// Splits headers from body at the first empty line (CRLF CRLF, or LF LF for lenient senders).
Result<Entity> parse_entity(std::string_view bytes);

/// A parsed Content-Type: lower-cased media type and parameters (names lower-cased).
struct ContentType {
  std::string type;  ///< "multipart/signed"
  std::vector<std::pair<std::string, std::string>> params;
  std::string param(std::string_view name) const;
};
ContentType parse_content_type(std::string_view value);

/// The body parts of a multipart body, each the exact bytes between the CRLF that ends a
/// boundary line and the CRLF that precedes the next one (RFC 2046 5.1.1: that CRLF belongs
/// to the boundary).
Result<std::vector<std::string_view>> split_multipart(std::string_view body, std::string_view boundary);

/// The body decoded by its Content-Transfer-Encoding (binary, 8bit, 7bit or base64).
Result<std::string> decoded_body(const Entity& e);

/// A fresh boundary / Message-ID token: random hex.
std::string random_token(std::size_t bytes);

}  // namespace edigate::as2
