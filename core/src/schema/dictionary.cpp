// Loading a directory dictionary (dictionary.hpp).
#include "schema/dictionary.hpp"

#include "config/safe_xml.hpp"

#include "config/xml_positions.hpp"
#include "schema/xsd_check.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace edigate::schema {
namespace {
// The largest generated dictionary (D10B) is about 1 MiB; this only bounds hostile files.
constexpr std::size_t kMaxDictionaryBytes = 64u << 20;
}  // namespace

Dictionary::~Dictionary() = default;

bool safe_dictionary_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

Result<std::shared_ptr<const Dictionary>> Dictionary::parse(std::string text, std::string file) {
  auto d = std::make_shared<Dictionary>();
  d->file = std::move(file);
  d->text_ = std::move(text);
  d->where_ = std::make_unique<config::TextPositions>(d->text_, d->file);
  EDIGATE_TRY_VOID(check_against_xsd(d->text_, d->file));
  auto parsed = d->doc_.load_buffer(d->text_.data(), d->text_.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed)
    return d->where_->at_offset(static_cast<std::size_t>(parsed.offset),
                                Error("schema.file.invalid", parsed.description()));
  pugi::xml_node root = d->doc_.document_element();
  if (config::local_name(root) != "dictionary")
    return d->where_->at_node(root,
                              Error("schema.file.invalid", "not a dictionary (root element is not <dictionary>)"));
  d->standard = root.attribute("standard").value();
  d->version = root.attribute("version").value();
  d->variant = root.attribute("variant").value();
  for (auto part : root.children()) {
    std::string_view k = config::local_name(part);
    auto* index = k == "elements"     ? &d->elements
                  : k == "composites" ? &d->composites
                  : k == "segments"   ? &d->segments
                                      : nullptr;
    if (!index) continue;
    for (auto def : part.children()) {
      std::string_view id = def.attribute("id").value();
      // The XSD's keys already refuse duplicates; this keeps the index honest regardless.
      if (!index->emplace(id, def).second)
        return d->where_->at_node(def, Error("schema.file.invalid", "duplicate id " + std::string(id)));
    }
  }
  return std::shared_ptr<const Dictionary>(std::move(d));
}

Result<std::shared_ptr<const Dictionary>> Dictionary::load(const std::filesystem::path& file) {
  // The one safe way configuration is read: regular files only, size checked on the open file.
  EDIGATE_TRY(auto text,
              config::read_config_file(file, kMaxDictionaryBytes, "schema.file.unreadable", "schema.file.unreadable"));
  return parse(std::move(text), file.string());
}

}  // namespace edigate::schema
