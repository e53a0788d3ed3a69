#pragma once
// `edigate partners new`: a starting profile for a standard and a role, valid against
// partner.xsd, with the base maps of that role referenced, plus empty maps/ and samples/ folders.
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::partners {

/// What the partner is to us; it decides which documents go which way.
/// buyer: orders in, order response, ship notice and invoice out (a retailer).
/// supplier: orders out, order response, ship notice and invoice in (we buy from them).
/// carrier: shipment status in (X12 214, EDIFACT IFTSTA, or a carrier's JSON tracking API).
/// warehouse: X12 warehouse shipping order (940) out, shipping advice (945) in.
/// logistics_provider: a 3PL: warehouse documents plus shipment status (and EDIFACT despatch advice).
enum class Role : std::uint8_t { buyer, supplier, carrier, warehouse, logistics_provider };

/// "buyer", "supplier", "carrier", "warehouse", "logistics-provider"; code partner.usage otherwise.
Result<Role> parse_role(std::string_view key);
const char* to_string(Role role);
/// Every role, in the order help texts list them.
const std::vector<Role>& all_roles();

/// The documents a new partner of that standard and role starts with, each with the base map
/// it uses. Empty when no base maps exist for the combination (EDIFACT warehouse, JSON other
/// than carrier): scaffold_partner refuses those with a message saying so.
std::vector<DocumentType> role_documents(const Standard& standard, Role role);

/// The role a partner gets when none is named: buyer, or carrier for a JSON (tracking API) partner.
Role default_role(const Standard& standard);

/// role_documents(standard, default_role(standard)).
std::vector<DocumentType> default_documents(const Standard& standard);

/// Where the base map for a set lives under the maps folder:
/// base/<x12|edifact>/<version>/<type>.<inbound|outbound>.xml, e.g. base/x12/004010/850.inbound.xml.
/// JSON partners: base/json/<carrier>.<type>.inbound.xml (use json_base_map_reference).
std::string base_map_reference(const Standard& standard, const std::string& type, Direction direction);

/// base/json/<carrier>.<kind>.inbound.xml, e.g. base/json/ups.tracking.inbound.xml.
std::string json_base_map_reference(const std::string& carrier, const std::string& kind);

/// The carrier a JSON partner id names: its first word ("ups-tracking" -> "ups").
std::string carrier_of(const std::string& partner_id);

/// Carriers with a tracking base map under `maps_dir` (base/json/<carrier>.tracking.inbound.xml), sorted.
std::vector<std::string> json_carriers(const std::filesystem::path& maps_dir);

/// True when `id` is a partner id partner.xsd accepts (PartnerId: [a-z0-9][a-z0-9_-]{0,63}).
/// scaffold_partner also loads what it generated, so the two cannot drift apart unnoticed.
bool valid_partner_id(std::string_view id);

/// The partner.xml text for a new partner. A JSON partner references the base map of the
/// carrier its id names (carrier_of).
/// `local_id`: our own interchange id towards the partner (ISA08 / UNB 0010 it sends to), written
/// as <local>; inbound files addressed to anybody else are refused. Empty: a comment asks for it.
std::string scaffold_profile_xml(const std::string& id, const Standard& standard, Role role,
                                 const std::string& local_id = "");
std::string scaffold_profile_xml(const std::string& id, const Standard& standard);

struct ScaffoldRequest {
  std::filesystem::path partners_dir;
  std::string id;
  std::string standard;            ///< "x12-004010", ...
  std::string role;                ///< empty: default_role
  std::filesystem::path maps_dir;  ///< where the base maps are looked for (JSON carriers)
  std::string local_id;            ///< --local-id: our interchange id towards the partner; empty: none yet
};

/// Creates <partners_dir>/<id>/{partner.xml,maps/,samples/}. Refuses an invalid id, standard
/// or role, a role without base maps for the standard, a JSON carrier without a base map, and
/// an existing folder (never overwrites); nothing is written then. Returns the partner.xml path.
Result<std::filesystem::path> scaffold_partner(const ScaffoldRequest& request);

}  // namespace edigate::partners
