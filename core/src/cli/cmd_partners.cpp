// edigate partners list|check|new: the partner profiles in --partners DIR, whether each one and
// the files it references are valid, and a new profile to start from.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/table.hpp"
#include "partners/profile_loader.hpp"
#include "partners/registry.hpp"
#include "partners/scaffold.hpp"
#include "runtime/profile_check.hpp"
#include "translation/sample_check.hpp"

#include <optional>
#include <ostream>

namespace edigate::cli {
namespace {

const char* const kPartnersHelp =
    "usage: edigate partners list [--partners DIR]\n"
    "       edigate partners check [ID] [--partners DIR] [--maps DIR] [--plugins DIR] [--schemas DIR]\n"
    "       edigate partners new ID --standard x12-004010|x12-005010|edifact-d96a|edifact-d01b|json\n"
    "                            [--role buyer|supplier|carrier|warehouse|logistics-provider]\n"
    "                            [--local-id OUR-ID] [--partners DIR]\n"
    "\n"
    "list   every profile: id, name, standard, identities, documents (in: and out:)\n"
    "check  every profile (or ID) against partner.xsd and the profile rules; every referenced map\n"
    "       and schema file exists and loads (errors at file:line:col), with the right direction;\n"
    "       every file in the partner's samples/ translates, and round-trips where an outbound map\n"
    "       of the same set exists (canonical -> EDI -> canonical, equal but for message_id and\n"
    "       source); .json/.jsonl canonical samples render and translate back. One line per sample;\n"
    "       every EDI sample must also route to its partner by its envelope (sender and receiver);\n"
    "       exit 1 when anything is wrong\n"
    "new    scaffold DIR/ID/partner.xml (valid, the role's base maps referenced), DIR/ID/maps/, DIR/ID/samples/\n"
    "       --role (default buyer): buyer 850/ORDERS in, 855 856 810/ORDRSP DESADV INVOIC out;\n"
    "       supplier the reverse; carrier 214/IFTSTA in; warehouse 940 out, 945 in (X12 only);\n"
    "       logistics-provider 940 out, 945 214 in (EDIFACT: DESADV IFTSTA in).\n"
    "       json: a carrier API partner using base/json/<first word of ID>.tracking.inbound.xml\n"
    "       --local-id: our own interchange id towards the partner (<local>; ISA qualifier ZZ):\n"
    "       files it sends to any other receiver are refused\n"
    "\n"
    "  --partners DIR   partner profiles, one folder per partner (default ./partners)\n"
    "  --maps DIR       map folder for references not found beside the profile (default ./maps)\n"
    "  --plugins DIR, --schemas DIR   format plugins and schemas for translating samples (installed ones by default)\n"
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
  std::vector<std::vector<std::string>> rows{{"ID", "NAME", "STANDARD", "IDENTITIES", "DOCUMENTS"}};
  for (const auto& [id, p] : snap.by_id)
    rows.push_back({id, p->name, p->standard.key, identities_text(p->identities),
                    documents_text(*p) + (p->enabled ? "" : " (disabled)")});
  print_table(out, rows);
  for (const auto& e : snap.errors) err << e.to_string() << "\n";
  if (dir_unreadable(snap.errors)) return kExitUsage;
  return snap.errors.empty() ? kExitOk : kExitInvalid;
}

/// The runtime samples are translated with: --plugins/--schemas, else the installed ones.
std::unique_ptr<runtime::Runtime> sample_runtime(const Args& args, std::ostream& err) {
  runtime::RuntimeOptions options;
  for (const auto& d : args.all("plugins")) options.plugin_dirs.emplace_back(d);
  for (const auto& d : args.all("schemas")) options.schema_dirs.emplace_back(d);
  options.partners_dir = partners_dir(args);
  options.maps_dir = maps_dir(args);
  std::vector<Error> warnings;
  auto rt = runtime::Runtime::open(options, warnings);
  if (!args.all("plugins").empty())
    for (const auto& e : warnings) err << "edigate partners: warning: " << e.to_string() << "\n";
  return rt ? std::move(*rt) : nullptr;
}

/// One line per sample on `out`; the errors behind a failure indented below it.
std::size_t check_samples(const partners::Profile& p, const partners::RegistrySnapshot& snap,
                          translation::Services* services, std::ostream& out) {
  std::error_code ec;
  if (!std::filesystem::is_directory(p.folder / "samples", ec)) return 0;
  if (!services) {
    out << (p.folder / "samples").string() << ": not checked: no format plugins loaded (use --plugins DIR)\n";
    return 1;
  }
  std::size_t failed = 0;
  for (const auto& r : translation::check_samples(*services, p, &snap)) {
    out << r.file.string() << ": " << (r.ok ? "ok: " : "FAILED: ") << r.summary << "\n";
    for (const auto& e : r.errors) out << "  " << e.to_string() << "\n";
    if (!r.ok) ++failed;
  }
  return failed;
}

int check(const partners::RegistrySnapshot& snap, const std::filesystem::path& dir, const std::string& only,
          const Args& args, std::ostream& out, std::ostream& err) {
  if (dir_unreadable(snap.errors)) {
    for (const auto& e : snap.errors) err << e.to_string() << "\n";
    return kExitUsage;
  }
  std::vector<Error> problems;
  const std::string only_prefix = only.empty() ? "" : (dir / only).string() + "/";
  for (const auto& e : snap.errors)
    if (only.empty() || e.position.file.rfind(only_prefix, 0) == 0) problems.push_back(e);
  // Maps are checked against the transaction-set schemas as they load (mapping/map_check.hpp).
  std::vector<std::filesystem::path> schema_dirs;
  for (const auto& d : args.all("schemas")) schema_dirs.emplace_back(d);
  if (schema_dirs.empty()) schema_dirs = runtime::default_schema_dirs();
  schema::Registry map_standards(schema_dirs);
  translation::FileCache files(maps_dir(args), mapping::MapChecks{true, &map_standards});
  std::unique_ptr<runtime::Runtime> rt;
  std::optional<translation::Services> services;
  std::size_t checked = 0, failed_samples = 0;
  for (const auto& [id, p] : snap.by_id) {
    if (!only.empty() && id != only) continue;
    ++checked;
    for (auto& e : runtime::check_references(*p, files, &map_standards)) problems.push_back(std::move(e));
    std::error_code ec;
    if (std::filesystem::is_directory(p->folder / "samples", ec) && !rt) {
      rt = sample_runtime(args, err);
      if (rt) services.emplace(translation::Services{rt->plugins(), rt->schemas(), files});
    }
    failed_samples += check_samples(*p, snap, services ? &*services : nullptr, out);
  }
  if (!only.empty() && checked == 0 && problems.empty()) {
    std::vector<std::string> ids;
    for (const auto& entry : snap.by_id) ids.push_back(entry.first);
    err << "edigate partners: no partner '" << only << "' in " << dir.string() << did_you_mean(only, ids) << "\n";
    return kExitUsage;
  }
  for (const auto& e : problems) err << e.to_string() << "\n";
  out << checked << " profile(s) loaded, " << problems.size() << " problem(s), " << failed_samples
      << " sample(s) failed (partners " << dir.string() << ", maps " << files.maps_root().string() << ")\n";
  return problems.empty() && failed_samples == 0 ? kExitOk : kExitInvalid;
}

int create(const Args& args, const std::filesystem::path& dir, std::ostream& out, std::ostream& err) {
  if (args.positional.size() != 2 || args.get("standard").empty()) {
    return usage_error("partners", "new: expected an ID and --standard", kPartnersHelp, err);
  }
  auto made = partners::scaffold_partner(
      {dir, args.positional[1], args.get("standard"), args.get("role"), maps_dir(args), args.get("local-id")});
  if (!made) {
    err << "edigate partners new: " << made.error().to_string() << "\n";
    return kExitUsage;
  }
  out << "created " << made->string() << "\n";
  // What the role declared, so the analyst sees which documents go which way before editing.
  if (auto profile = partners::load_profile(*made)) out << "documents: " << documents_text(**profile) << "\n";
  out << "next: set the partner's identities, then run: edigate partners check " << args.positional[1] << "\n";
  return kExitOk;
}

}  // namespace

int cmd_partners(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started = start_command("partners", words,
                               {{"partners", true, false},
                                {"maps", true, false},
                                {"standard", true, false},
                                {"role", true, false},
                                {"local-id", true, false},
                                {"plugins", true, true},
                                {"schemas", true, true}},
                               kPartnersHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const std::string action = args.positional.empty() ? "" : args.positional[0];
  // new writes where it is told (or ./partners); list and check fall back to the installed folder.
  const std::filesystem::path dir =
      action == "new" ? std::filesystem::path(args.get("partners", "partners")) : partners_dir(args);
  if (action == "new") return create(args, dir, out, err);
  if ((action == "list" && args.positional.size() == 1) || (action == "check" && args.positional.size() <= 2)) {
    partners::PartnerRegistry registry(dir);
    auto snap = registry.snapshot();
    note_folders("partners", args, true, action == "check", err);
    if (action == "list") return list(*snap, out, err);
    return check(*snap, dir, args.positional.size() == 2 ? args.positional[1] : "", args, out, err);
  }
  return usage_error(
      "partners",
      "expected 'list', 'check [ID]' or 'new ID --standard S'" + did_you_mean(action, {"list", "check", "new"}),
      kPartnersHelp, err);
}

}  // namespace edigate::cli
