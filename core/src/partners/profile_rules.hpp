#pragma once
// The profile rules an XSD cannot express, and text positions for their errors. Internal to
// partners/ (profile_loader.cpp).
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pugi {
class xml_node;
}

namespace edigate::partners {

/// Turns byte offsets (from pugixml) into file:line:col positions on an Error.
class TextPositions {
 public:
  TextPositions(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}
  std::uint32_t line_of(std::size_t offset) const;
  Error at_offset(std::size_t offset, Error e) const;
  /// At the element's '<'.
  Error at_node(const pugi::xml_node& node, Error e) const;
  /// At the attribute's name inside the element's start tag (the element when not found).
  Error at_attribute(const pugi::xml_node& node, const char* attribute, Error e) const;

 private:
  std::string_view text_;
  std::string file_;
};

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
