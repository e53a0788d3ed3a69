#pragma once
// XSD validation of configuration files (schemas, maps, partner profiles) against an XSD
// compiled into the binary, with libxml2. One code path for every XML file the product reads.
#include <edigate/result.hpp>

#include <string>
#include <string_view>

namespace edigate::config {

/// An XSD embedded in the binary. `text` must outlive the process (a generated constant).
struct EmbeddedXsd {
  std::string_view name;  ///< "partner.xsd", used in messages
  std::string_view text;
};

/// Parses `xml` (named `file` in positions) and validates it against `xsd`. The XSD is compiled
/// once per distinct text and shared between threads (libxml2 allows one xmlSchemaPtr with a
/// validation context per call). Never fetches over the network; a DOCTYPE or an entity
/// reference (other than the predefined five) is refused before parsing
/// (refuse_dtd_and_entities in safe_xml.hpp). The first problem is returned with `error_code`, file, line and column;
/// later ones are counted in the message.
Result<void> check_against_xsd(const EmbeddedXsd& xsd, std::string_view xml, const std::string& file,
                               const std::string& error_code);

}  // namespace edigate::config
