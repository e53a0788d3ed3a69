#pragma once
// The one way configuration XML (partner profiles, maps, transaction-set schemas) is read from
// disk and parsed: only regular files, size checked before reading, no DOCTYPE and no entities,
// XSD-validated with libxml2, then parsed with pugixml from the very same bytes.
//
// Configuration never needs a DTD. Refusing it outright (rather than parsing it carefully)
// closes entity expansion (quadratic in attribute values), external entities, and the gap
// where libxml2 validated the expanded value while pugixml kept the raw `&name;` text.
#include "config/xsd_check.hpp"

#include <edigate/result.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace pugi {
class xml_document;
}

namespace edigate::config {

/// Error `code` at file:line:col of the first `<!DOCTYPE` (or other markup declaration) or of
/// the first entity reference other than the five predefined ones (&lt; &gt; &amp; &quot;
/// &apos;) and character references; comments, CDATA sections and processing instructions are
/// skipped. Linear in the text.
Result<void> refuse_dtd_and_entities(std::string_view xml, const std::string& file, const std::string& code);

/// Reads a configuration file whole. Refused (code `unreadable_code`, or `too_large_code` for
/// size): anything but a regular file (a FIFO is opened non-blocking and refused, so it never
/// hangs; devices and directories likewise), and files over `max_bytes` (checked on the open
/// file before reading, and again while reading for files whose size is not known up front).
Result<std::string> read_config_file(const std::filesystem::path& file, std::size_t max_bytes,
                                     const std::string& unreadable_code, const std::string& too_large_code);

/// The root element's name and attributes, read from at most the file's first 64 KiB, in 4 KiB
/// steps that stop once the start tag is complete (regular files only, DOCTYPE and entities
/// refused): for indexes that scan a folder of configuration files (map ids, schema listings)
/// without parsing every (possibly large, possibly unrelated) file.
struct RootTag {
  std::string name;                               ///< without a namespace prefix
  std::map<std::string, std::string> attributes;  ///< as written on the start tag
  /// The attribute's value; empty when absent.
  const std::string& get(const std::string& attribute) const {
    static const std::string none;
    auto it = attributes.find(attribute);
    return it == attributes.end() ? none : it->second;
  }
  bool has(const std::string& attribute) const { return attributes.count(attribute) != 0; }
};
Result<RootTag> read_root_tag(const std::filesystem::path& file, const std::string& code);

/// refuse_dtd_and_entities, check_against_xsd, then pugixml into `doc` (which must be empty).
/// Errors carry `code` and file:line:col.
Result<void> load_config_xml(pugi::xml_document& doc, const EmbeddedXsd& xsd, std::string_view xml,
                             const std::string& file, const std::string& code);

}  // namespace edigate::config
