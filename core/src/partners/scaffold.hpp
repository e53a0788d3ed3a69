#pragma once
// `edigate partners new`: a starting profile for a standard, valid against partner.xsd, with
// the base maps for that standard referenced, plus empty maps/ and samples/ folders.
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace edigate::partners {

/// The document types a new partner of this standard starts with (what the example partners
/// exchange: orders in; order response, ship notice and invoice out).
std::vector<DocumentType> default_documents(const Standard& standard);

/// Where the base map for a set lives under the maps folder:
/// base/<x12|edifact>/<version>/<type>.<inbound|outbound>.xml, e.g. base/x12/004010/850.inbound.xml.
/// JSON partners: base/json/<carrier>.<type>.inbound.xml (use json_base_map_reference).
std::string base_map_reference(const Standard& standard, const std::string& type, Direction direction);

/// base/json/<carrier>.<kind>.inbound.xml, e.g. base/json/ups.tracking.inbound.xml.
std::string json_base_map_reference(const std::string& carrier, const std::string& kind);

/// The carrier a JSON partner id names: its first word ("ups-tracking" -> "ups").
std::string carrier_of(const std::string& partner_id);

/// The partner.xml text for a new partner. A JSON partner references the base map of the
/// carrier its id names (carrier_of); `partners check` reports it when no such map exists.
std::string scaffold_profile_xml(const std::string& id, const Standard& standard);

/// Creates <partners_dir>/<id>/{partner.xml,maps/,samples/}. Refuses an invalid id and an
/// existing folder (never overwrites). Returns the partner.xml path.
Result<std::filesystem::path> scaffold_partner(const std::filesystem::path& partners_dir, const std::string& id,
                                               const std::string& standard_key);

}  // namespace edigate::partners
