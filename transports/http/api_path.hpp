#pragma once
// The supplier API's paths (versioned: /api/v1/...). Anything else is not ours (404). Path
// segments are checked against the partner id and input id grammars here, so no later step sees
// "..", an encoded slash or an id that is not a number.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace edigate::http {

struct ApiPath {
  enum class Kind : std::uint8_t { documents, document };
  Kind kind = Kind::documents;  ///< documents: POST a new one; document: GET one's status
  std::string partner;
  std::int64_t input_id = 0;
};

/// "/api/v1/partners/{partner}/documents" or ".../documents/{input-id}" (a partner id as in
/// partner.xsd: [a-z0-9][a-z0-9_-]{0,63}; an input id of 1 to 18 digits). The path as sent,
/// not decoded: a percent-escape makes it unknown.
std::optional<ApiPath> parse_api_path(std::string_view path);

std::string document_path(const std::string& partner, std::int64_t input_id);

}  // namespace edigate::http
