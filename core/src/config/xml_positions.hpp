#pragma once
// file:line:col positions for errors found while reading configuration XML with pugixml
// (which reports byte offsets). Shared by every configuration reader: schemas, partner
// profiles, maps.
#include <edigate/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pugi {
class xml_node;
}

namespace edigate::config {

/// Element name without a namespace prefix ("p:documents" -> "documents").
std::string_view local_name(const pugi::xml_node& node);

class TextPositions {
 public:
  /// `text` must outlive this object.
  TextPositions(std::string_view text, std::string file);
  std::uint32_t line_of(std::size_t offset) const;
  Error at_offset(std::size_t offset, Error e) const;
  /// At the element's '<'.
  Error at_node(const pugi::xml_node& node, Error e) const;
  /// At the attribute's name inside the element's start tag (the element when not found).
  Error at_attribute(const pugi::xml_node& node, const char* attribute, Error e) const;

 private:
  std::string_view text_;
  std::string file_;
  std::vector<std::size_t> line_starts_;  // offsets where each line begins
};

}  // namespace edigate::config
