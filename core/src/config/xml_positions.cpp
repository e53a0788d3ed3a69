#include "config/xml_positions.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace edigate::config {

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

TextPositions::TextPositions(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::uint32_t TextPositions::line_of(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(it - line_starts_.begin());
}

Error TextPositions::at_offset(std::size_t offset, Error e) const {
  offset = std::min(offset, text_.size());
  std::uint32_t line = line_of(offset);
  e.position.file = file_;
  e.position.line = line;
  e.position.column = static_cast<std::uint32_t>(offset - line_starts_[line - 1] + 1);
  return e;
}

Error TextPositions::at_node(const pugi::xml_node& node, Error e) const {
  // pugixml's offset points at the element name; the '<' is just before it.
  auto off = node ? node.offset_debug() : -1;
  if (off < 0) {
    e.position.file = file_;
    return e;
  }
  std::size_t at = static_cast<std::size_t>(off);
  if (at > 0 && at <= text_.size() && text_[at - 1] == '<') --at;
  return at_offset(at, std::move(e));
}

Error TextPositions::at_attribute(const pugi::xml_node& node, const char* attribute, Error e) const {
  auto off = node ? node.offset_debug() : -1;
  if (off < 0) return at_node(node, std::move(e));
  std::size_t tag_end = text_.find('>', static_cast<std::size_t>(off));
  std::string_view tag = text_.substr(static_cast<std::size_t>(off), tag_end == std::string_view::npos
                                                                         ? std::string_view::npos
                                                                         : tag_end - static_cast<std::size_t>(off));
  const std::size_t len = std::strlen(attribute);
  for (std::size_t at = tag.find(attribute); at != std::string_view::npos; at = tag.find(attribute, at + 1)) {
    const bool starts = at > 0 && std::isspace(static_cast<unsigned char>(tag[at - 1]));
    std::size_t after = at + len;
    while (after < tag.size() && std::isspace(static_cast<unsigned char>(tag[after]))) ++after;
    if (starts && after < tag.size() && tag[after] == '=')
      return at_offset(static_cast<std::size_t>(off) + at, std::move(e));
  }
  return at_node(node, std::move(e));
}

}  // namespace edigate::config
