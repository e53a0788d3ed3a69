// edigate partners list|check|new: the partner profiles in --partners DIR, whether each one and
// the files it references are valid, and a new profile to start from.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "partners/registry.hpp"
#include "partners/scaffold.hpp"
#include "translation/sample_check.hpp"

#include <iomanip>
#include <optional>
#include <ostream>

namespace edigate::cli {
namespace {

const char* const kPartnersHelp =
    "usage: edigate partners list [--partners DIR]\n"
    "       edigate partners check [ID] [--partners DIR] [--maps DIR] [--plugins DIR] [--schemas DIR]\n"
    "       edigate partners new ID --standard x12-004010|x12-005010|edifact-d96a|edifact-d01b|json [--partners DIR]\n"
    "\n"
    "list   every profile: id, name, standard, identities, documents (in: and out:)\n"
    "check  every profile (or ID) against partner.xsd and the profile rules; every referenced map\n"
    "       and schema file exists and loads (errors at file:line:col), with the right direction;\n"
    "       every file in the partner's samples/ translates, and round-trips where an outbound map\n"
    "       of the same set exists (canonical -> EDI -> canonical, equal but for message_id and\n"
    "       source); .json/.jsonl canonical samples render and translate back. One line per sample;\n"
    "       exit 1 when anything is wrong\n"
    "new    scaffold DIR/ID/partner.xml (valid, base maps referenced), DIR/ID/maps/, DIR/ID/samples/\n"
    "       (json: a carrier API partner using base/json/<first word of ID>.tracking.inbound.xml)\n"
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

/// A map that loads but does not fit its <document>: direction, source, set.
std::string map_mismatch(const partners::Profile& p, const partners::DocumentType& d, const mapping::CompiledMap& m) {
  const bool inbound = d.direction == partners::Direction::inbound;
  if (m.inbound() != inbound) return "the map's direction is " + m.direction;
  const bool json = p.standard.family == partners::Family::json;
  if (inbound && m.json_source() != json) return json ? "a JSON partner needs a map with source=\"json\"" : "the map reads JSON, not EDI";
  if (!json && !m.set.empty() && m.set != d.type) return "the map is for set " + m.set;
  if (m.type.empty()) return "the map has no type= (the canonical type)";
  return "";
}

/// Missing, broken and mismatched map and schema files of one profile, each at the <document>
/// that names it (a broken map also with its own file:line:col).
std::vector<Error> check_references(const partners::Profile& p, translation::FileCache& files) {
  const std::filesystem::path& maps_dir = files.maps_root();
  std::vector<Error> problems;
  auto at_document = [&](const partners::DocumentType& d, std::string code, std::string message) {
    Error e(std::move(code), std::move(message));
    e.position.file = p.file.string();
    e.position.line = d.line;
    return e;
  };
  for (const auto& d : p.documents) {
    for (const auto* ref : {&d.map, &d.schema}) {
      if (ref->empty()) continue;
      auto path = p.resolve(*ref, maps_dir);
      std::error_code ec;
      if (std::filesystem::is_regular_file(path, ec)) {
        const std::string what = std::string(ref == &d.map ? "map" : "schema") + " for " + d.type + " " + partners::to_string(d.direction);
        if (ref == &d.map) {
          auto map = files.map(path);
          if (!map) problems.push_back(at_document(d, map.error().code, what + " does not load: " + map.error().to_string(false)));
          else if (auto why = map_mismatch(p, d, **map); !why.empty())
            problems.push_back(std::move(at_document(d, "partner.map.mismatch", what + " does not fit: " + why)).want(path.string(), ""));
        } else if (auto schema = files.schema(path); !schema) {
          problems.push_back(at_document(d, schema.error().code, what + " does not load: " + schema.error().to_string(false)));
        }
        continue;
      }
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

/// Plugins and schemas for translating samples: --plugins/--schemas, else the installed ones.
struct SampleRuntime {
  plugin_host::PluginHost plugins;
  std::unique_ptr<schema::Registry> schemas;
};

std::unique_ptr<SampleRuntime> sample_runtime(const Args& args, std::ostream& err) {
  auto rt = std::make_unique<SampleRuntime>();
  std::vector<std::filesystem::path> plugin_dirs, schema_dirs;
  for (const auto& d : args.all("plugins")) plugin_dirs.emplace_back(d);
  if (plugin_dirs.empty()) plugin_dirs = plugin_host::default_plugin_dirs();
  for (const auto& dir : plugin_dirs)
    for (const auto& e : rt->plugins.load_directory(dir))
      if (!args.all("plugins").empty()) err << "edigate partners: warning: " << e.to_string() << "\n";
  for (const auto& d : args.all("schemas")) schema_dirs.emplace_back(d);
  if (schema_dirs.empty()) schema_dirs = default_schema_dirs();
  rt->schemas = std::make_unique<schema::Registry>(schema_dirs);
  return rt;
}

/// One line per sample on `out`; the errors behind a failure indented below it.
std::size_t check_samples(const partners::Profile& p, translation::Services* services, std::ostream& out) {
  std::error_code ec;
  if (!std::filesystem::is_directory(p.folder / "samples", ec)) return 0;
  if (!services) {
    out << (p.folder / "samples").string() << ": not checked: no format plugins loaded (use --plugins DIR)\n";
    return 1;
  }
  std::size_t failed = 0;
  for (const auto& r : translation::check_samples(*services, p)) {
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
  if (schema_dirs.empty()) schema_dirs = default_schema_dirs();
  schema::Registry map_standards(schema_dirs);
  translation::FileCache files(maps_dir(args), mapping::MapChecks{true, &map_standards});
  std::unique_ptr<SampleRuntime> runtime;
  std::optional<translation::Services> services;
  std::size_t checked = 0, failed_samples = 0;
  for (const auto& [id, p] : snap.by_id) {
    if (!only.empty() && id != only) continue;
    ++checked;
    for (auto& e : check_references(*p, files)) problems.push_back(std::move(e));
    std::error_code ec;
    if (std::filesystem::is_directory(p->folder / "samples", ec) && !runtime) {
      runtime = sample_runtime(args, err);
      if (!runtime->plugins.plugins().empty()) services.emplace(translation::Services{runtime->plugins, runtime->schemas.get(), files});
    }
    failed_samples += check_samples(*p, services ? &*services : nullptr, out);
  }
  if (!only.empty() && checked == 0 && problems.empty()) {
    err << "edigate partners: no partner '" << only << "' in " << dir.string() << "\n";
    return kExitUsage;
  }
  for (const auto& e : problems) err << e.to_string() << "\n";
  out << checked << " profile(s) loaded, " << problems.size() << " problem(s), " << failed_samples
      << " sample(s) failed\n";
  return problems.empty() && failed_samples == 0 ? kExitOk : kExitInvalid;
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
                               {{"partners", true, false}, {"maps", true, false}, {"standard", true, false},
                                {"plugins", true, true}, {"schemas", true, true}},
                               kPartnersHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const std::string action = args.positional.empty() ? "" : args.positional[0];
  // new writes where it is told (or ./partners); list and check fall back to the installed folder.
  const std::filesystem::path dir = action == "new" ? std::filesystem::path(args.get("partners", "partners")) : partners_dir(args);
  if (action == "new") return create(args, dir, out, err);
  if ((action == "list" && args.positional.size() == 1) || (action == "check" && args.positional.size() <= 2)) {
    partners::PartnerRegistry registry(dir);
    auto snap = registry.snapshot();
    if (action == "list") return list(*snap, out, err);
    return check(*snap, dir, args.positional.size() == 2 ? args.positional[1] : "", args, out, err);
  }
  err << "edigate partners: expected 'list', 'check [ID]' or 'new ID --standard S'\n" << kPartnersHelp;
  return kExitUsage;
}

}  // namespace edigate::cli
