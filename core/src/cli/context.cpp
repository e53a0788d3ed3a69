#include "cli/context.hpp"

#include "config/search_path.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>

namespace edigate::cli {

std::vector<OptionSpec> input_options() {
  return {{"plugins", true, true}, {"schemas", true, true}, {"standard", true, false},
          {"no-schema", false, false}, {"strict", false, false}, {"max-segment-length", true, false},
          {"partners", true, false}, {"maps", true, false}, {"partner", true, false}};
}

const char* const kInputOptionsHelp =
    "  --standard x12|edifact   do not detect the standard, use this one\n"
    "  --schemas DIR            transaction-set schema folder (repeatable; default: the installed schemas)\n"
    "  --no-schema              check envelopes only, not transaction content\n"
    "  --strict                 no leniency: BOMs, hard-wrapped lines, padded ISA, junk, bare\n"
    "                           messages and missing final terminators become errors\n"
    "  --max-segment-length N   longest segment accepted, in bytes (default 1048576)\n"
    "  --plugins DIR            plugin folder (repeatable; default: the installed plugins)\n"
    "  --partner ID             read as this partner's profile says (its tolerance; for ack, its\n"
    "                           acknowledgement policy); --strict still turns leniency off\n"
    "  --partners DIR           partner profiles, one folder per partner (default ./partners, else\n"
    "                           the installed share/edigate/partners)\n"
    "  --maps DIR               map folder (default ./maps, else the installed share/edigate/maps)\n";

std::vector<std::filesystem::path> default_schema_dirs() {
  auto dirs = config::paths_from_env("EDIGATE_SCHEMA_PATH");
  if (!dirs.empty()) return dirs;
  auto exe = plugin_host::executable_dir();
  dirs.push_back(exe / ".." / "share" / "edigate" / "schemas");
  return dirs;
}

namespace {

std::filesystem::path dir_with_fallback(const Args& args, const std::string& option) {
  if (auto given = args.get(option); !given.empty()) return given;
  std::error_code ec;
  if (std::filesystem::is_directory(option, ec)) return option;
  auto installed = plugin_host::executable_dir() / ".." / "share" / "edigate" / option;
  if (std::filesystem::is_directory(installed, ec)) return installed.lexically_normal();
  return option;
}

}  // namespace

std::filesystem::path partners_dir(const Args& args) { return dir_with_fallback(args, "partners"); }
std::filesystem::path maps_dir(const Args& args) { return dir_with_fallback(args, "maps"); }

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
      Error e("cli.unknown_partner", "unknown partner '" + id + "' in " + registry.dir().string() +
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
    // Digits only: strtoull would read "-5" as 2^64-5 and wrap overflowing values.
    constexpr unsigned long long kMax = 64ull << 20;
    bool digits = !v.empty() && v.size() <= 12 && v.find_first_not_of("0123456789") == std::string::npos;
    unsigned long long n = digits ? std::strtoull(v.c_str(), nullptr, 10) : 0;
    if (!digits || n < 16 || n > kMax)
      return Error("cli.usage", "--max-segment-length needs a number of bytes from 16 to " + std::to_string(kMax) + ", got '" + v + "'");
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
