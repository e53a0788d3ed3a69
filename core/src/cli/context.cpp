#include "cli/context.hpp"

#include "cli/commands.hpp"

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
           "no leniency: BOMs, hard-wrapped lines, padded ISA, junk, bare\nmessages and missing final terminators "
           "become errors"},
          {"max-segment-length", true, false, "N", "longest segment accepted, in bytes (default 1048576)"},
          {"plugins", true, true, "DIR", "plugin folder (default: the installed plugins)"},
          {"partner", true, false, "ID",
           "read as this partner's profile says (its tolerance; for ack, its\nacknowledgement policy); --strict still "
           "turns leniency off"},
          partners_option(),
          // Accepted, not listed: scripts pass the same folder options to every command; only
          // translate, render and partners read maps (they add maps_option()).
          {"maps", true, false}};
}

OptionSpec partners_option() {
  return {"partners", true, false, "DIR",
          "partner profiles, one folder per partner (default ./partners, else\nthe installed share/edigate/partners)"};
}

OptionSpec maps_option() {
  return {"maps", true, false, "DIR", "map folder (default ./maps, else the installed share/edigate/maps)"};
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
  runtime::RuntimeOptions options;
  for (const auto& d : args.all("plugins")) options.plugin_dirs.emplace_back(d);
  for (const auto& d : args.all("schemas")) options.schema_dirs.emplace_back(d);
  options.check_schemas = !args.has("no-schema");
  options.partners_dir = partners_dir(args);
  options.maps_dir = maps_dir(args);
  std::vector<Error> warnings;
  auto rt = runtime::Runtime::open(options, warnings);
  for (const auto& e : warnings) err << "edigate: warning: " << e.to_string() << '\n';
  if (!rt) return std::move(rt).error();
  ctx->runtime_ = std::move(*rt);

  ctx->forced_standard_ = args.get("standard");
  std::transform(ctx->forced_standard_.begin(), ctx->forced_standard_.end(), ctx->forced_standard_.begin(), ::toupper);
  if (!ctx->forced_standard_.empty() && !ctx->plugins().format_for_standard(ctx->forced_standard_))
    return Error("cli.usage", "no format plugin for --standard " + args.get("standard"));

  if (auto id = args.get("partner"); !id.empty()) {
    auto partner = ctx->runtime_->partner(id);
    if (!partner) {
      Error e = std::move(partner).error();
      std::vector<std::string> ids;
      for (const auto& entry : ctx->runtime_->partners().snapshot()->by_id) ids.push_back(entry.first);
      // The suggestion right after the folder, before the list of known ids.
      auto known = e.message.find("; known:");
      e.message.insert(known == std::string::npos ? e.message.size() : known, did_you_mean(id, ids));
      return e;
    }
    ctx->partner_ = *partner;
    ctx->reader_ = ctx->partner_->reader_options();
  }
  ctx->strict_ = args.has("strict");
  if (args.has("strict")) {
    ctx->reader_.tolerance = Tolerance::strict();
  }
  if (auto v = args.get("max-segment-length"); !v.empty()) {
    // Digits only: strtoull would read "-5" as 2^64-5 and wrap overflowing values.
    constexpr unsigned long long kMax = 64ull << 20;
    bool digits = !v.empty() && v.size() <= 12 && v.find_first_not_of("0123456789") == std::string::npos;
    unsigned long long n = digits ? std::strtoull(v.c_str(), nullptr, 10) : 0;
    if (!digits || n < 16 || n > kMax)
      return Error("cli.usage", "--max-segment-length needs a number of bytes from 16 to " + std::to_string(kMax) +
                                    ", got '" + v + "'");
    ctx->reader_.max_segment_length = static_cast<std::size_t>(n);
  }
  return ctx;
}

Result<Context::OpenInput> Context::open(const std::string& path) const {
  OpenInput in;
  EDIGATE_TRY(in.file, io::FileInput::open(path));
  in.stream = std::make_unique<io::PeekInput>(*in.file);
  if (!forced_standard_.empty()) {
    in.format = runtime_->plugins().format_for_standard(forced_standard_);
    return in;
  }
  EDIGATE_TRY(std::string_view head, in.stream->peek());
  in.format = runtime_->plugins().detect_format(head);
  if (!in.format) {
    Error e("cli.unknown_format",
            head.empty()
                ? std::string("empty input, expected an X12 or EDIFACT interchange")
                : std::string("not recognised as X12 (ISA) or EDIFACT (UNA/UNB/UNH); use --standard to force"));
    e.position.file = path;
    e.position.has_offset = true;
    e.found = std::string(head.substr(0, 16));
    return e;
  }
  return in;
}

translation::InboundOptions Context::inbound_options(const std::string& path, bool translate) const {
  translation::InboundOptions options;
  options.file = path;
  options.partner = partner_;
  if (!partner_) options.registry = runtime_->partners().snapshot();
  options.reader = reader_;
  options.strict = strict_;
  options.standard = forced_standard_;
  options.translate = translate;
  return options;
}

int exit_code_of(const translation::InboundSummary& summary) {
  int code = kExitOk;
  for (auto c :
       {ErrorCategory::invalid_input, ErrorCategory::transient, ErrorCategory::configuration, ErrorCategory::internal})
    if (summary.errors_of(c)) code = std::max(code, exit_code_for(c));
  return code;
}

}  // namespace edigate::cli
