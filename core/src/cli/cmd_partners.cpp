// edigate partners list|check|new: the partner profiles in --partners DIR, whether each one and
// the files it references are valid, and a new profile to start from.
#include "cli/commands.hpp"
#include "partners/registry.hpp"
#include "partners/scaffold.hpp"

#include <iomanip>
#include <ostream>

namespace edigate::cli {
namespace {

const char* const kPartnersHelp =
    "usage: edigate partners list [--partners DIR]\n"
    "       edigate partners check [ID] [--partners DIR] [--maps DIR]\n"
    "       edigate partners new ID --standard x12-004010|x12-005010|edifact-d96a|edifact-d01b [--partners DIR]\n"
    "\n"
    "list   every profile: id, name, standard, identities, documents (in: and out:)\n"
    "check  every profile (or ID) against partner.xsd and the profile rules; every referenced map\n"
    "       and schema file exists (map folder first, then --maps); exit 1 when anything is wrong\n"
    "new    scaffold DIR/ID/partner.xml (valid, base maps referenced), DIR/ID/maps/, DIR/ID/samples/\n"
    "\n"
    "  --partners DIR   partner profiles, one folder per partner (default ./partners)\n"
    "  --maps DIR       map folder for references not found beside the profile (default ./maps)\n"
    "Exit status: 0 ok, 1 invalid profile or missing file, 2 usage or I/O error.\n";

std::string identities_text(const partners::Identities& ids) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
  for (const auto& x : ids.x12) add(x.isa_qualifier + "/" + x.isa_id);
  for (const auto& e : ids.edifact) add(e.unb_id + (e.unb_qualifier.empty() ? "" : ":" + e.unb_qualifier));
  for (const auto& a : ids.as2) add("as2:" + a);
  return out;
}

std::string documents_text(const partners::Profile& p) {
  std::string in, out;
  for (const auto& d : p.documents) {
    std::string& list = d.direction == partners::Direction::inbound ? in : out;
    list += (list.empty() ? "" : ",") + d.type;
  }
  std::string text;
  if (!in.empty()) text += "in:" + in;
  if (!out.empty()) text += (text.empty() ? "" : " ") + std::string("out:") + out;
  return text;
}

bool dir_unreadable(const std::vector<Error>& errors) {
  for (const auto& e : errors)
    if (e.code == "partner.dir.unreadable") return true;
  return false;
}

int list(const partners::RegistrySnapshot& snap, std::ostream& out, std::ostream& err) {
  out << std::left << std::setw(20) << "ID" << std::setw(28) << "NAME" << std::setw(14) << "STANDARD" << std::setw(32)
      << "IDENTITIES" << "DOCUMENTS\n";
  for (const auto& [id, p] : snap.by_id)
    out << std::left << std::setw(20) << id << std::setw(28) << p->name << std::setw(14) << p->standard.key
        << std::setw(32) << identities_text(p->identities) << documents_text(*p) << (p->enabled ? "" : " (disabled)")
        << "\n";
  for (const auto& e : snap.errors) err << e.to_string() << "\n";
  if (dir_unreadable(snap.errors)) return kExitUsage;
  return snap.errors.empty() ? kExitOk : kExitInvalid;
}

/// Missing map and schema files of one profile, each at the <document> that names it.
std::vector<Error> check_references(const partners::Profile& p, const std::filesystem::path& maps_dir) {
  std::vector<Error> problems;
  for (const auto& d : p.documents) {
    for (const auto* ref : {&d.map, &d.schema}) {
      if (ref->empty()) continue;
      auto path = p.resolve(*ref, maps_dir);
      std::error_code ec;
      if (std::filesystem::is_regular_file(path, ec)) continue;
      Error e("partner.reference.missing", std::string(ref == &d.map ? "map" : "schema") + " file for " + d.type + " " +
                                               partners::to_string(d.direction) + " not found");
      e.position.file = p.file.string();
      e.position.line = d.line;
      e.expected = (p.folder / *ref).string() + " or " + (maps_dir / *ref).string();
      problems.push_back(std::move(e));
    }
  }
  return problems;
}

int check(const partners::RegistrySnapshot& snap, const std::filesystem::path& dir, const std::string& only,
          const std::filesystem::path& maps_dir, std::ostream& out, std::ostream& err) {
  if (dir_unreadable(snap.errors)) {
    for (const auto& e : snap.errors) err << e.to_string() << "\n";
    return kExitUsage;
  }
  std::vector<Error> problems;
  const std::string only_prefix = only.empty() ? "" : (dir / only).string() + "/";
  for (const auto& e : snap.errors)
    if (only.empty() || e.position.file.rfind(only_prefix, 0) == 0) problems.push_back(e);
  std::size_t checked = 0;
  for (const auto& [id, p] : snap.by_id) {
    if (!only.empty() && id != only) continue;
    ++checked;
    for (auto& e : check_references(*p, maps_dir)) problems.push_back(std::move(e));
  }
  if (!only.empty() && checked == 0 && problems.empty()) {
    err << "edigate partners: no partner '" << only << "' in " << dir.string() << "\n";
    return kExitUsage;
  }
  for (const auto& e : problems) err << e.to_string() << "\n";
  out << checked << " profile(s) loaded, " << problems.size() << " problem(s)\n";
  // Until the map engine (core/src/mapping) is wired in, maps are checked for existence only.
  out << "note: map files are checked for existence only; samples/ are not translated yet\n";
  return problems.empty() ? kExitOk : kExitInvalid;
}

int create(const Args& args, const std::filesystem::path& dir, std::ostream& out, std::ostream& err) {
  if (args.positional.size() != 2 || args.get("standard").empty()) {
    err << "edigate partners new: expected an ID and --standard\n" << kPartnersHelp;
    return kExitUsage;
  }
  auto made = partners::scaffold_partner(dir, args.positional[1], args.get("standard"));
  if (!made) {
    err << "edigate partners new: " << made.error().to_string() << "\n";
    return kExitUsage;
  }
  out << "created " << made->string() << "\n"
      << "next: set the partner's identities, then run: edigate partners check " << args.positional[1] << "\n";
  return kExitOk;
}

}  // namespace

int cmd_partners(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("partners", words,
                               {{"partners", true, false}, {"maps", true, false}, {"standard", true, false}},
                               kPartnersHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const std::string action = args.positional.empty() ? "" : args.positional[0];
  const std::filesystem::path dir = args.get("partners", "partners");
  const std::filesystem::path maps_dir = args.get("maps", "maps");
  if (action == "new") return create(args, dir, out, err);
  if ((action == "list" && args.positional.size() == 1) || (action == "check" && args.positional.size() <= 2)) {
    partners::PartnerRegistry registry(dir);
    auto snap = registry.snapshot();
    if (action == "list") return list(*snap, out, err);
    return check(*snap, dir, args.positional.size() == 2 ? args.positional[1] : "", maps_dir, out, err);
  }
  err << "edigate partners: expected 'list', 'check [ID]' or 'new ID --standard S'\n" << kPartnersHelp;
  return kExitUsage;
}

}  // namespace edigate::cli
