#include "cli/context.hpp"

#include "config/search_path.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <tuple>

namespace edigate::cli {

std::vector<OptionSpec> input_options() {
  return {{"standard", true, false, "x12|edifact", "do not detect the standard, use this one"},
          {"schemas", true, true, "DIR", "transaction-set schema folder (default: the installed schemas)"},
          {"no-schema", false, false, "", "check envelopes only, not transaction content"},
          {"strict", false, false, "",
           "no leniency: BOMs, hard-wrapped lines, padded ISA, junk, bare\nmessages and missing final terminators become errors"},
          {"max-segment-length", true, false, "N", "longest segment accepted, in bytes (default 1048576)"},
          {"plugins", true, true, "DIR", "plugin folder (default: the installed plugins)"},
          {"partner", true, false, "ID",
           "read as this partner's profile says (its tolerance; for ack, its\nacknowledgement policy); --strict still turns leniency off"},
          partners_option(),
          // Accepted, not listed: scripts pass the same folder options to every command; only
          // translate, render and partners read maps (they add maps_option()).
          {"maps", true, false}};
}

OptionSpec partners_option() {
  return {"partners", true, false, "DIR", "partner profiles, one folder per partner (default ./partners, else\nthe installed share/edigate/partners)"};
}

OptionSpec maps_option() {
  return {"maps", true, false, "DIR", "map folder (default ./maps, else the installed share/edigate/maps)"};
}

std::vector<std::filesystem::path> default_schema_dirs() {
  auto dirs = config::paths_from_env("EDIGATE_SCHEMA_PATH");
  if (!dirs.empty()) return dirs;
  auto exe = plugin_host::executable_dir();
  dirs.push_back(exe / ".." / "share" / "edigate" / "schemas");
  return dirs;
}

namespace {

Folder folder_with_fallback(const Args& args, const std::string& option) {
  if (auto given = args.get(option); !given.empty()) return {given, Folder::Origin::option};
  std::error_code ec;
  if (std::filesystem::is_directory(option, ec)) return {option, Folder::Origin::working_dir};
  // The build tree links share/edigate/{maps,partners} to the source folders (core/CMakeLists.txt),
  // so this is never a stale copy; an installation has its own.
  auto installed = plugin_host::executable_dir() / ".." / "share" / "edigate" / option;
  if (std::filesystem::is_directory(installed, ec)) return {installed.lexically_normal(), Folder::Origin::installed};
  return {option, Folder::Origin::missing};
}

}  // namespace

Folder partners_folder(const Args& args) { return folder_with_fallback(args, "partners"); }
Folder maps_folder(const Args& args) { return folder_with_fallback(args, "maps"); }
std::filesystem::path partners_dir(const Args& args) { return partners_folder(args).path; }
std::filesystem::path maps_dir(const Args& args) { return maps_folder(args).path; }

void note_folders(const std::string& command, const Args& args, bool partners, bool maps, std::ostream& err) {
  std::string text;
  for (auto [use, name, folder] : {std::tuple{partners, "partners", partners ? partners_folder(args) : Folder{}},
                                   std::tuple{maps, "maps", maps ? maps_folder(args) : Folder{}}}) {
    if (!use || folder.origin != Folder::Origin::installed) continue;
    text += (text.empty() ? "" : ", ") + std::string(name) + " from " + folder.path.string();
  }
  if (!text.empty())
    err << "edigate " << command << ": " << text << " (no ./partners or ./maps here; --partners, --maps choose)\n";
}

Result<std::unique_ptr<Context>> Context::create(const Args& args, std::ostream& err) {
  auto ctx = std::unique_ptr<Context>(new Context());
  std::vector<std::filesystem::path> plugin_dirs;
  for (const auto& d : args.all("plugins")) plugin_dirs.emplace_back(d);
  if (plugin_dirs.empty()) plugin_dirs = plugin_host::default_plugin_dirs();
  for (const auto& dir : plugin_dirs)
    for (const auto& e : ctx->host_.load_directory(dir)) err << "edigate: warning: " << e.to_string() << '\n';
  if (ctx->host_.plugins().empty())
    return Error("cli.no_plugins", "no format plugins loaded (use --plugins DIR or EDIGATE_PLUGIN_PATH)");

  std::vector<std::filesystem::path> schema_dirs;
  for (const auto& d : args.all("schemas")) schema_dirs.emplace_back(d);
  if (schema_dirs.empty()) schema_dirs = default_schema_dirs();
  ctx->schemas_ = std::make_unique<schema::Registry>(schema_dirs);
  ctx->check_schemas_ = !args.has("no-schema");

  ctx->forced_standard_ = args.get("standard");
  std::transform(ctx->forced_standard_.begin(), ctx->forced_standard_.end(), ctx->forced_standard_.begin(), ::toupper);
  if (!ctx->forced_standard_.empty() && !ctx->host_.format_for_standard(ctx->forced_standard_))
    return Error("cli.usage", "no format plugin for --standard " + args.get("standard"));

  if (auto id = args.get("partner"); !id.empty()) {
    partners::PartnerRegistry registry(partners_dir(args));
    auto snapshot = registry.snapshot();
    ctx->partner_ = snapshot->find(id);
    if (!ctx->partner_) {
      std::string known;
      for (const auto& [name, profile] : snapshot->by_id) known += (known.empty() ? "" : ", ") + name;
      std::vector<std::string> ids;
      for (const auto& entry : snapshot->by_id) ids.push_back(entry.first);
      Error e("cli.unknown_partner", "unknown partner '" + id + "' in " + registry.dir().string() + did_you_mean(id, ids) +
                                         (known.empty() ? std::string(" (no loadable profiles)") : "; known: " + known));
      for (const auto& problem : snapshot->errors)
        if (problem.position.file.find("/" + id + "/") != std::string::npos) e.message += "; " + problem.to_string();
      return e;
    }
    ctx->reader_ = ctx->partner_->reader_options();
  }
  if (args.has("strict")) {
    ctx->reader_.tolerance = Tolerance::strict();
  }
  if (auto v = args.get("max-segment-length"); !v.empty()) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (!end || *end || n < 16) return Error("cli.usage", "--max-segment-length needs a number of bytes >= 16, got '" + v + "'");
    ctx->reader_.max_segment_length = static_cast<std::size_t>(n);
  }
  return ctx;
}

Result<Context::OpenInput> Context::open(const std::string& path) const {
  OpenInput in;
  EDIGATE_TRY(in.file, io::FileInput::open(path));
  in.stream = std::make_unique<io::PeekInput>(*in.file);
  if (!forced_standard_.empty()) {
    in.format = host_.format_for_standard(forced_standard_);
    return in;
  }
  EDIGATE_TRY(std::string_view head, in.stream->peek());
  in.format = host_.detect_format(head);
  if (!in.format) {
    Error e("cli.unknown_format",
            head.empty() ? std::string("empty input, expected an X12 or EDIFACT interchange")
                         : std::string("not recognised as X12 (ISA) or EDIFACT (UNA/UNB/UNH); use --standard to force"));
    e.position.file = path;
    e.position.has_offset = true;
    e.found = std::string(head.substr(0, 16));
    return e;
  }
  return in;
}

}  // namespace edigate::cli
