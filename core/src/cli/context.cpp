#include "cli/context.hpp"

#include "cli/commands.hpp"

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
    EDIGATE_TRY(ctx->partner_, ctx->runtime_->partner(id));
    ctx->reader_ = ctx->partner_->reader_options();
  }
  ctx->strict_ = args.has("strict");
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
    in.format = runtime_->plugins().format_for_standard(forced_standard_);
    return in;
  }
  EDIGATE_TRY(std::string_view head, in.stream->peek());
  in.format = runtime_->plugins().detect_format(head);
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
  for (auto c : {ErrorCategory::invalid_input, ErrorCategory::transient, ErrorCategory::configuration, ErrorCategory::internal})
    if (summary.errors_of(c)) code = std::max(code, exit_code_for(c));
  return code;
}

}  // namespace edigate::cli
