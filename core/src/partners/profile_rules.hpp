#pragma once
// The profile rules an XSD cannot express, and text positions for their errors. Internal to
// partners/ (profile_loader.cpp).
#include "config/xml_positions.hpp"
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pugi {
class xml_node;
}

namespace edigate::partners {

using config::TextPositions;

Result<Standard> parse_standard(std::string_view key);

/// Outbound separators when the profile gives none: X12 * : ^ ~ (no repetition separator
/// before 00402, where ISA11 is the standards identifier U), EDIFACT UNA defaults.
Delimiters default_delimiters(const Standard& standard);

/// "~" -> "~", "0x1D" -> "\x1D"; anything else is returned as written (a UTF-8 character).
Result<std::string> decode_separator(const std::string& written);

/// Empty when the separators can be written unambiguously; else what is wrong.
std::string delimiter_problem(const Delimiters& d, Family family);

/// Attributes the XSD types as SecretRef.
bool is_secret_attribute(std::string_view attribute);

/// env:NAME (NAME a shell variable name) or file:PATH (non-empty); nullopt for anything else.
std::optional<SecretRef> parse_secret_ref(std::string_view value);

/// The XSD's attribute defaults, which pugixml does not apply (keep in step with partner.xsd).
void fill_endpoint_defaults(Endpoint& e);

}  // namespace edigate::partners
