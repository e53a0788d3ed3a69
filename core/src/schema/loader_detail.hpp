#pragma once
// The schema file loader's working state (loader.cpp): one Loader per file, reading the
// definitions (loader_definitions.cpp: elements, code lists, composites, segments, syntax
// rules) and then the structure (loader.cpp: loops, the dictionary's reachable part, the
// compiled lookups). Internal to core/src/schema.
#include "config/xml_positions.hpp"
#include "schema/compiled_schema.hpp"
#include "schema/dictionary.hpp"

#include <pugixml.hpp>

#include <charconv>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace edigate::schema::detail {

constexpr std::uint32_t kMaxLoopDepth = 64;

using config::local_name;

class Loader {
 public:
  Loader(std::string_view xml, std::string name, const DictionaryLookup* dictionaries)
      : xml_(xml), name_(std::move(name)), where_(xml_, name_), dictionaries_(dictionaries) {}

  Result<std::shared_ptr<const CompiledSchema>> run();

 private:
  Error fail(const pugi::xml_node& node, std::string msg) const {
    return pos_->at_node(node, Error("schema.file.invalid", std::move(msg)));
  }

  static Usage usage_of(std::string_view u) {
    if (u == "M") return Usage::mandatory;
    if (u == "C") return Usage::conditional;
    if (u == "X") return Usage::relational;
    return Usage::optional;
  }
  static std::uint32_t max_of(const pugi::xml_attribute& a, std::uint32_t def) {
    if (!a) return def;
    std::string_view s = a.value();
    if (s == "unbounded") return kUnbounded;
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || v >= kUnbounded) return kUnbounded;  // huge = unbounded
    return static_cast<std::uint32_t>(v);
  }

  using Nodes = std::vector<pugi::xml_node>;
  static Nodes kids_of(const pugi::xml_node& dict) { return Nodes(dict.children().begin(), dict.children().end()); }
  Result<void> read_elements(const Nodes& defs);
  Result<void> read_composites(const Nodes& defs);
  Result<void> read_segments(const Nodes& defs);
  Result<void> read_from_dictionary(const pugi::xml_node& root, const pugi::xml_node& structure);
  Result<void> read_rules(const pugi::xml_node& owner, std::size_t positions, std::uint32_t& begin, std::uint32_t& end);
  Result<void> read_loop(const pugi::xml_node& loop, std::uint32_t node, std::uint32_t depth);
  Result<void> read_structure_segment(const pugi::xml_node& n, Node& out);

  std::string_view xml_;
  std::string name_;
  config::TextPositions where_;
  const config::TextPositions* pos_ = &where_;  ///< the file errors point into (message or dictionary)
  const DictionaryLookup* dictionaries_;
  std::shared_ptr<const Dictionary> dictionary_;  ///< keeps the nodes read below alive
  std::shared_ptr<CompiledSchema> s_ = std::make_shared<CompiledSchema>();
  std::unordered_map<std::string, std::uint32_t> element_ids_, composite_ids_, segment_ids_;
};

}  // namespace edigate::schema::detail
