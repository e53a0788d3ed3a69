#include "partners/scaffold.hpp"

#include "partners/profile_rules.hpp"

#include <cctype>
#include <fstream>

namespace edigate::partners {
namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  if (!std::islower(static_cast<unsigned char>(id[0])) && !std::isdigit(static_cast<unsigned char>(id[0]))) return false;
  for (char c : id)
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      return false;
  return true;
}

std::string upper_id(const std::string& id, std::size_t max) {
  std::string out;
  for (char c : id)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (out.size() > max) out.resize(max);
  return out.empty() ? "PARTNER" : out;
}

}  // namespace

std::vector<DocumentType> default_documents(const Standard& s) {
  if (s.family == Family::json) return {{"tracking", Direction::inbound, "", "", 0}};
  if (s.family == Family::x12)
    return {{"850", Direction::inbound, "", "", 0}, {"855", Direction::outbound, "", "", 0},
            {"856", Direction::outbound, "", "", 0}, {"810", Direction::outbound, "", "", 0}};
  return {{"ORDERS", Direction::inbound, "", "", 0}, {"ORDRSP", Direction::outbound, "", "", 0},
          {"DESADV", Direction::outbound, "", "", 0}, {"INVOIC", Direction::outbound, "", "", 0}};
}

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

namespace {

// A carrier API partner: no envelopes, so no identities, delimiters, acks or tolerance.
std::string scaffold_json_profile_xml(const std::string& id, const Standard& s) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- Carrier API partner profile, checked against partners/partner.xsd (see partners/README.md).\n"
      "     utc-offset applies to carrier times without a zone. Then run: edigate partners check " + id + " -->\n"
      "<partner xmlns=\"urn:edigate:partner:1\" id=\"" + id + "\" standard=\"" + s.key + "\" utc-offset=\"+00:00\">\n"
      "  <name>" + id + "</name>\n"
      "  <identities/>\n"
      "  <!-- map: relative to this folder (maps/...), else to the maps folder (base/...) -->\n"
      "  <documents>\n";
  for (const auto& d : default_documents(s))
    out += "    <document type=\"" + d.type + "\" direction=\"inbound\" map=\"" + json_base_map_reference(carrier_of(id), d.type) + "\"/>\n";
  out += "  </documents>\n"
         "</partner>\n";
  return out;
}

}  // namespace

std::string scaffold_profile_xml(const std::string& id, const Standard& s) {
  if (s.family == Family::json) return scaffold_json_profile_xml(id, s);
  const bool x12 = s.family == Family::x12;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- Partner profile, checked against partners/partner.xsd (see partners/README.md).\n"
      "     Replace the identities with the partner's real ones, then run: edigate partners check " + id + " -->\n"
      "<partner xmlns=\"urn:edigate:partner:1\" id=\"" + id + "\" standard=\"" + s.key + "\">\n"
      "  <name>" + id + "</name>\n"
      "  <identities>\n";
  if (x12)
    out += "    <!-- ISA05/ISA06 the partner sends (ZZ = mutually defined), GS02 -->\n"
           "    <x12 isa-qualifier=\"ZZ\" isa-id=\"" + upper_id(id, 15) + "\" gs-id=\"" + upper_id(id, 15) + "\"/>\n";
  else
    out += "    <!-- UNB sender id and qualifier the partner sends (14 = GLN, ZZZ = mutually defined) -->\n"
           "    <edifact unb-id=\"" + upper_id(id, 35) + "\" unb-qualifier=\"ZZZ\"/>\n";
  out += "  </identities>\n"
         "  <delimiters>\n";
  out += x12 ? "    <x12 element=\"*\" component=\":\" repetition=\"" + std::string(s.version >= "004020" ? "^" : "none") +
                   "\" segment=\"~\" suffix=\"lf\"/>\n"
             : "    <edifact component=\":\" element=\"+\" decimal=\".\" release=\"?\" segment=\"'\" suffix=\"none\"/>\n";
  out += "  </delimiters>\n"
         "  <!-- map: relative to this folder (maps/...), else to the maps folder (base/...) -->\n"
         "  <documents>\n";
  for (const auto& d : default_documents(s))
    out += "    <document type=\"" + d.type + "\" direction=\"" + to_string(d.direction) + "\" map=\"" +
           base_map_reference(s, d.type, d.direction) + "\"/>\n";
  out += "  </documents>\n";
  out += x12 ? "  <acks functional=\"auto\" ta1=\"on_error\" expect-within-minutes=\"1440\"/>\n"
             : "  <acks contrl=\"true\" expect-within-minutes=\"1440\"/>\n";
  out += "  <tolerance base=\"default\" count-mismatch-is-warning=\"false\"/>\n"
         "  <control-numbers interchange-start=\"1\" group-start=\"1\" transaction-start=\"1\" scope=\"partner\"/>\n"
         "  <transports>\n"
         "    <folder name=\"local\" inbox=\"inbox/" + id + "\" outbox=\"outbox/" + id + "\"/>\n"
         "  </transports>\n"
         "</partner>\n";
  return out;
}

Result<std::filesystem::path> scaffold_partner(const std::filesystem::path& partners_dir, const std::string& id,
                                               const std::string& standard_key) {
  if (!valid_id(id))
    return std::move(Error("partner.usage", "a partner id is lower-case letters, digits, '-' and '_' (at most 64)"))
        .want("e.g. acme-retail", id);
  const auto folder = partners_dir / id;
  auto standard_or = parse_standard(standard_key);
  if (!standard_or) {
    Error e = std::move(standard_or).error();
    e.position.file = folder.string();
    return e;
  }
  const Standard standard = *standard_or;
  std::error_code ec;
  if (std::filesystem::exists(folder, ec)) {
    Error e("partner.exists", "the partner folder exists already; nothing was written");
    e.position.file = folder.string();
    return e;
  }
  for (const auto& sub : {folder / "maps", folder / "samples"}) {
    std::filesystem::create_directories(sub, ec);
    if (ec) {
      Error e("partner.file.unwritable", "cannot create folder: " + ec.message());
      e.position.file = sub.string();
      return e;
    }
  }
  const auto file = folder / "partner.xml";
  std::ofstream out(file, std::ios::binary);
  out << scaffold_profile_xml(id, standard);
  out.close();
  if (!out) {
    Error e("partner.file.unwritable", "cannot write");
    e.position.file = file.string();
    return e;
  }
  return file;
}

}  // namespace edigate::partners
