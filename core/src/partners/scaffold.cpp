#include "partners/scaffold.hpp"

#include "partners/profile_loader.hpp"
#include "partners/profile_rules.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace edigate::partners {
namespace {

bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// The id in upper case letters and digits, cut to `max` and padded to `min` by repeating its
/// last character: X12 GS02 is 2 to 15 characters, so partner "q" gets gs-id "QQ", not "Q".
std::string upper_id(const std::string& id, std::size_t min, std::size_t max) {
  std::string out;
  for (char c : id)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (out.size() > max) out.resize(max);
  if (out.empty()) out = "PARTNER";
  while (out.size() < min) out += out.back();
  return out;
}

DocumentType doc(const char* type, Direction d) {
  DocumentType out;
  out.type = type;
  out.direction = d;
  return out;
}

constexpr Direction in = Direction::inbound;
constexpr Direction out = Direction::outbound;

const char* role_summary(Role role) {
  switch (role) {
    case Role::buyer:
      return "a buyer: sends us orders; we answer with order responses, ship notices and invoices";
    case Role::supplier:
      return "a supplier: we send it orders; it answers with order responses, ship notices and invoices";
    case Role::carrier:
      return "a carrier: sends us shipment status";
    case Role::warehouse:
      return "a warehouse: we send shipping orders; it confirms what it shipped";
    case Role::logistics_provider:
      return "a logistics provider: warehouse documents and shipment status";
  }
  return "";
}

std::string roles_with_documents(const Standard& s) {
  std::string text;
  for (Role r : all_roles())
    if (!role_documents(s, r).empty()) text += (text.empty() ? "" : ", ") + std::string(to_string(r));
  return text;
}

}  // namespace

Result<Role> parse_role(std::string_view key) {
  for (Role r : all_roles())
    if (key == to_string(r)) return r;
  std::string known;
  for (Role r : all_roles()) known += (known.empty() ? "" : "|") + std::string(to_string(r));
  return std::move(Error("partner.usage", "unknown role")).want(known, std::string(key));
}

const char* to_string(Role role) {
  switch (role) {
    case Role::buyer:
      return "buyer";
    case Role::supplier:
      return "supplier";
    case Role::carrier:
      return "carrier";
    case Role::warehouse:
      return "warehouse";
    case Role::logistics_provider:
      return "logistics-provider";
  }
  return "?";
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles{Role::buyer, Role::supplier, Role::carrier, Role::warehouse,
                                       Role::logistics_provider};
  return roles;
}

// Only documents with shipped base maps (maps/base/...): a scaffold must pass `partners check`.
std::vector<DocumentType> role_documents(const Standard& s, Role role) {
  if (s.family == Family::json)
    return role == Role::carrier ? std::vector{doc("tracking", in)} : std::vector<DocumentType>{};
  if (s.family == Family::x12) {
    switch (role) {
      case Role::buyer:
        return {doc("850", in), doc("855", out), doc("856", out), doc("810", out)};
      case Role::supplier:
        return {doc("850", out), doc("855", in), doc("856", in), doc("810", in)};
      case Role::carrier:
        return {doc("214", in)};
      case Role::warehouse:
        return {doc("940", out), doc("945", in)};
      case Role::logistics_provider:
        return {doc("940", out), doc("945", in), doc("214", in)};
    }
    return {};
  }
  switch (role) {
    case Role::buyer:
      return {doc("ORDERS", in), doc("ORDRSP", out), doc("DESADV", out), doc("INVOIC", out)};
    case Role::supplier:
      return {doc("ORDERS", out), doc("ORDRSP", in), doc("DESADV", in), doc("INVOIC", in)};
    case Role::carrier:
      return {doc("IFTSTA", in)};
    // EANCOM's warehouse messages (INSDES, RECADV, INVRPT) have no base maps yet.
    case Role::warehouse:
      return {};
    case Role::logistics_provider:
      return {doc("DESADV", in), doc("IFTSTA", in)};
  }
  return {};
}

Role default_role(const Standard& s) { return s.family == Family::json ? Role::carrier : Role::buyer; }

std::vector<DocumentType> default_documents(const Standard& s) { return role_documents(s, default_role(s)); }

std::string base_map_reference(const Standard& s, const std::string& type, Direction d) {
  return std::string("base/") + (s.family == Family::x12 ? "x12/" : "edifact/") + s.version + "/" + type + "." +
         to_string(d) + ".xml";
}

std::string json_base_map_reference(const std::string& carrier, const std::string& kind) {
  return "base/json/" + carrier + "." + kind + ".inbound.xml";
}

std::string carrier_of(const std::string& partner_id) {
  auto end = partner_id.find_first_of("-_");
  return partner_id.substr(0, end);
}

std::vector<std::string> json_carriers(const std::filesystem::path& maps_dir) {
  static const std::string suffix = ".tracking.inbound.xml";
  std::vector<std::string> carriers;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(maps_dir / "base" / "json", ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      carriers.push_back(name.substr(0, name.size() - suffix.size()));
  }
  std::sort(carriers.begin(), carriers.end());
  return carriers;
}

bool valid_partner_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || !lower_or_digit(id[0])) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return lower_or_digit(c) || c == '-' || c == '_'; });
}

namespace {

// A carrier API partner: no envelopes, so no identities, delimiters, acks or tolerance.
std::string scaffold_json_profile_xml(const std::string& id, const Standard& s) {
  std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- Carrier API partner profile, checked against partners/partner.xsd (see partners/README.md).\n"
      "     Role: " +
      std::string(role_summary(Role::carrier)) +
      ".\n"
      "     utc-offset applies to carrier times without a zone. Then run: edigate partners check " +
      id +
      " -->\n"
      "<partner xmlns=\"urn:edigate:partner:1\" id=\"" +
      id + "\" standard=\"" + s.key +
      "\" utc-offset=\"+00:00\">\n"
      "  <name>" +
      id +
      "</name>\n"
      "  <identities/>\n"
      "  <!-- map: relative to this folder (maps/...), else to the maps folder (base/...) -->\n"
      "  <documents>\n";
  for (const auto& d : role_documents(s, Role::carrier))
    text += "    <document type=\"" + d.type + "\" direction=\"inbound\" map=\"" +
            json_base_map_reference(carrier_of(id), d.type) + "\"/>\n";
  text +=
      "  </documents>\n"
      "</partner>\n";
  return text;
}

}  // namespace

std::string scaffold_profile_xml(const std::string& id, const Standard& s) {
  return scaffold_profile_xml(id, s, default_role(s));
}

std::string scaffold_profile_xml(const std::string& id, const Standard& s, Role role, const std::string& local_id) {
  if (s.family == Family::json) return scaffold_json_profile_xml(id, s);
  const bool x12 = s.family == Family::x12;
  std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- Partner profile, checked against partners/partner.xsd (see partners/README.md).\n"
      "     Role: " +
      std::string(role_summary(role)) +
      ".\n"
      "     Replace the identities with the partner's real ones, then run: edigate partners check " +
      id +
      " -->\n"
      "<partner xmlns=\"urn:edigate:partner:1\" id=\"" +
      id + "\" standard=\"" + s.key +
      "\">\n"
      "  <name>" +
      id +
      "</name>\n"
      "  <identities>\n";
  if (x12)
    text +=
        "    <!-- ISA05/ISA06 the partner sends (ZZ = mutually defined), GS02 (2 to 15 characters) -->\n"
        "    <x12 isa-qualifier=\"ZZ\" isa-id=\"" +
        upper_id(id, 1, 15) + "\" gs-id=\"" + upper_id(id, 2, 15) + "\"/>\n";
  else
    text +=
        "    <!-- UNB sender id and qualifier the partner sends (14 = GLN, ZZZ = mutually defined) -->\n"
        "    <edifact unb-id=\"" +
        upper_id(id, 1, 35) + "\" unb-qualifier=\"ZZZ\"/>\n";
  text += "  </identities>\n";
  if (local_id.empty())
    text +=
        "  <!-- <local>: our own id towards this partner (what it sends to, what we send as); inbound\n"
        "       files addressed to an id none of the profiles declares as ours are refused -->\n";
  else if (x12)
    text += "  <local><x12 isa-qualifier=\"ZZ\" isa-id=\"" + local_id + "\"/></local>\n";
  else
    text += "  <local><edifact unb-id=\"" + local_id + "\"/></local>\n";
  text += "  <delimiters>\n";
  text +=
      x12 ? "    <x12 element=\"*\" component=\":\" repetition=\"" + std::string(s.version >= "004020" ? "^" : "none") +
                "\" segment=\"~\" suffix=\"lf\"/>\n"
          : "    <edifact component=\":\" element=\"+\" decimal=\".\" release=\"?\" segment=\"'\" suffix=\"none\"/>\n";
  text +=
      "  </delimiters>\n"
      "  <!-- map: relative to this folder (maps/...), else to the maps folder (base/...) -->\n"
      "  <documents>\n";
  for (const auto& d : role_documents(s, role))
    text += "    <document type=\"" + d.type + "\" direction=\"" + to_string(d.direction) + "\" map=\"" +
            base_map_reference(s, d.type, d.direction) + "\"/>\n";
  text += "  </documents>\n";
  text += x12 ? "  <acks functional=\"auto\" ta1=\"on_error\" expect-within-minutes=\"1440\"/>\n"
              : "  <acks contrl=\"true\" expect-within-minutes=\"1440\"/>\n";
  text +=
      "  <tolerance base=\"default\" count-mismatch-is-warning=\"false\"/>\n"
      "  <control-numbers interchange-start=\"1\" group-start=\"1\" transaction-start=\"1\" scope=\"partner\"/>\n"
      "  <transports>\n"
      "    <folder name=\"local\" inbox=\"inbox/" +
      id + "\" outbox=\"outbox/" + id +
      "\"/>\n"
      "  </transports>\n"
      "</partner>\n";
  return text;
}

Result<std::filesystem::path> scaffold_partner(const ScaffoldRequest& request) {
  const std::string& id = request.id;
  if (!valid_partner_id(id))
    return std::move(Error("partner.usage",
                           "a partner id is 1 to 64 lower-case letters, digits, '-' and '_', "
                           "starting with a letter or digit"))
        .want("e.g. acme-retail", id);
  const auto folder = request.partners_dir / id;
  auto at_folder = [&](Error e) {
    e.position.file = folder.string();
    return e;
  };
  auto standard_or = parse_standard(request.standard);
  if (!standard_or) return at_folder(std::move(standard_or).error());
  const Standard standard = *standard_or;
  Role role = default_role(standard);
  if (!request.role.empty()) {
    auto r = parse_role(request.role);
    if (!r) return at_folder(std::move(r).error());
    role = *r;
  }
  if (role_documents(standard, role).empty())
    return at_folder(std::move(Error("partner.role.unsupported", "no base maps for a " + std::string(to_string(role)) +
                                                                     " in " + standard.key + "; roles with base maps"))
                         .want(roles_with_documents(standard), to_string(role)));
  if (standard.family == Family::json) {
    const auto carriers = json_carriers(request.maps_dir);
    const std::string carrier = carrier_of(id);
    if (std::find(carriers.begin(), carriers.end(), carrier) == carriers.end()) {
      std::string known;
      for (const auto& c : carriers) known += (known.empty() ? "" : ", ") + c;
      Error e("partner.base_map.missing",
              "no tracking base map for carrier '" + carrier + "' (the first word of the id) in " +
                  (request.maps_dir / "base" / "json").string() +
                  "; name the partner after a carrier that has one (e.g. " +
                  (carriers.empty() ? "ups" : carriers.front()) +
                  "-api), or write a source=\"json\" map for this carrier first (docs/maps.md)");
      e.expected = known.empty() ? std::string("a base/json/<carrier>.tracking.inbound.xml map") : "one of: " + known;
      e.found = carrier;
      return at_folder(std::move(e));
    }
  }
  // What we write must pass our own XSD and rules; a failure here is our bug, not the user's.
  const std::string xml = scaffold_profile_xml(id, standard, role, request.local_id);
  if (auto check = load_profile_from_memory(xml, folder / "partner.xml"); !check) {
    Error e = std::move(check).error();
    e.code = "partner.scaffold.internal";
    return e;
  }
  std::error_code ec;
  if (std::filesystem::exists(folder, ec))
    return at_folder(Error("partner.exists", "the partner folder exists already; nothing was written"));
  for (const auto& sub : {folder / "maps", folder / "samples"}) {
    std::filesystem::create_directories(sub, ec);
    if (ec) {
      Error e("partner.file.unwritable", "cannot create folder: " + ec.message());
      e.position.file = sub.string();
      return e;
    }
  }
  const auto file = folder / "partner.xml";
  std::ofstream stream(file, std::ios::binary);
  stream << xml;
  stream.close();
  if (!stream) {
    Error e("partner.file.unwritable", "cannot write");
    e.position.file = file.string();
    return e;
  }
  return file;
}

}  // namespace edigate::partners
