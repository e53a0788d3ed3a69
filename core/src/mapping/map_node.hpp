#pragma once
// A map file as read from XML, before compilation: a generic tree of elements with attributes
// and their source position. Inheritance (`extends`) merges these trees, so a partner map
// overrides a base map by name without the compiler knowing about inheritance.
#include <edigate/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace edigate::mapping {

/// A position naming only a file (errors about a whole file or input).
inline Position file_position(std::string file) {
  Position p;
  p.file = std::move(file);
  return p;
}

struct MapNode {
  std::string kind;  ///< element name: map, table, entry, field, array, segment, ...
  std::string key;   ///< what overrides match on: name, entry code, segment name/tag, element pos
  std::vector<std::pair<std::string, std::string>> attrs;
  std::vector<MapNode> children;
  std::string file;
  std::uint32_t line = 0, column = 0;

  const std::string* attr(std::string_view name) const {
    for (const auto& a : attrs)
      if (a.first == name) return &a.second;
    return nullptr;
  }
  std::string get(std::string_view name, std::string_view fallback = {}) const {
    const std::string* v = attr(name);
    return v ? *v : std::string(fallback);
  }
  void set(const std::string& name, const std::string& value) {
    for (auto& a : attrs)
      if (a.first == name) {
        a.second = value;
        return;
      }
    attrs.emplace_back(name, value);
  }
  /// An error positioned at this element: file:line:col.
  Error error(std::string code, std::string message) const {
    Error e(std::move(code), std::move(message));
    e.position.file = file;
    e.position.line = line;
    e.position.column = column;
    return e;
  }
};

}  // namespace edigate::mapping
