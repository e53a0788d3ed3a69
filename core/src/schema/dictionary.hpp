#pragma once
// A directory's dictionary.xml (library_builder.hpp): elements with code lists, composites and
// segments shared by the message files beside it, which say `dictionary="dictionary.xml"`. It
// is XSD-checked and parsed once, kept as a read-only DOM with id indexes, and a message's
// compilation reads only the definitions its structure reaches (loader.cpp), so first use of
// a message costs its own size, not the directory's.
#include <edigate/result.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <pugixml.hpp>

namespace edigate::config {
class TextPositions;
}

namespace edigate::schema {

class Dictionary {
 public:
  std::string file;
  std::string standard, version, variant;
  std::unordered_map<std::string_view, pugi::xml_node> elements, composites, segments;

  const config::TextPositions& positions() const { return *where_; }

  /// Parses and XSD-checks `text` (named `file` in errors). Reference checks happen when a
  /// message uses a definition (an unknown reference is an error at its file:line:col then).
  static Result<std::shared_ptr<const Dictionary>> parse(std::string text, std::string file);
  static Result<std::shared_ptr<const Dictionary>> load(const std::filesystem::path& file);

  ~Dictionary();

 private:
  std::string text_;
  pugi::xml_document doc_;
  std::unique_ptr<config::TextPositions> where_;
};

/// How a loader gets a dictionary by path: the Registry passes one backed by its cache.
using DictionaryLookup = std::function<Result<std::shared_ptr<const Dictionary>>(const std::filesystem::path&)>;

/// The name a message gives in `dictionary=` must be a plain file name in its own folder.
bool safe_dictionary_name(std::string_view name);

}  // namespace edigate::schema
