// edigate render --partner ID FILE.json...: canonical messages (JSON Lines) -> EDI interchanges
// for the partner, one interchange per input file, on stdout or -o FILE.
#include "canonical/json_io.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "translation/render.hpp"

#include <cctype>
#include <fstream>
#include <ostream>

namespace edigate::cli {

static const char* const kRenderHelp =
    "usage: edigate render --partner ID [options] FILE...   (FILE '-' reads stdin)\n"
    "\n"
    "Renders canonical messages (JSON Lines: one edigate.canonical/v1 message per line) into EDI\n"
    "for the partner: each message through the partner's outbound document whose map type equals\n"
    "the message type, grouped by functional group (GS01 from the set; EDIFACT UNG only when the\n"
    "partner has a UNG id), wrapped ISA/GS (UNB) with our identity as sender (the profile's\n"
    "<local>, else --local-id), numbered from the profile's control-numbers (or the options), and\n"
    "written with the partner's outbound delimiters. One interchange per FILE.\n"
    "Control numbers are not remembered between runs here; the pipeline (edigate serve) keeps them.\n"
    "Exit status: 0 all rendered, 1 any message not rendered or unknown partner, 2 usage or I/O.\n"
    "\n"
    "options:\n"
    "  --partner ID                the receiving partner (required)\n"
    "  -o FILE, --output FILE      write the EDI there instead of stdout\n"
    "  --date CCYYMMDD --time HHMM interchange date and time (default: now, UTC)\n"
    "  --interchange-control N     first ISA13 / UNB 0020 (default: the profile's interchange-start)\n"
    "  --group-control N           first GS06 / UNG 0048 (default: the profile's group-start)\n"
    "  --transaction-control N     first ST02 / UNH 0062 (default: the profile's transaction-start)\n"
    "  --local-id ID               our interchange id when the profile has no <local>\n"
    "  --local-qualifier Q         its qualifier (X12 default ZZ)\n"
    "  --test                      mark the interchange as a test (ISA15 T, UNB 0035 1)\n"
    "  --partners DIR, --maps DIR, --plugins DIR   as for translate\n";

namespace {

Result<std::string> read_input(const std::string& path) {
  EDIGATE_TRY(auto file, io::FileInput::open(path));
  std::string text;
  char buf[64 * 1024];
  for (;;) {
    EDIGATE_TRY(std::size_t n, file->read(buf, sizeof buf));
    if (n == 0) break;
    text.append(buf, n);
  }
  return text;
}

bool parse_number(const std::string& text, std::uint64_t& out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  out = std::stoull(text);
  return out > 0;
}

/// One message per non-blank line, each parsed on its own so a bad line is reported at its
/// line and the others still render.
std::vector<translation::CanonicalInput> read_messages(const std::string& text, const std::string& path,
                                                       std::vector<Error>& errors) {
  std::vector<translation::CanonicalInput> out;
  std::size_t start = 0;
  std::uint32_t line = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string_view content(text.data() + start, end - start);
    if (content.find_first_not_of(" \t\r") != std::string_view::npos) {
      Position where;
      where.file = path;
      where.line = line;
      auto message = canonical::parse_message(content, where);
      if (message) out.push_back({*message, where});
      else errors.push_back(message.error());
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

int cmd_render(const Words& given, std::ostream& out, std::ostream& err) {
  Words words = given;
  for (auto& w : words)
    if (w == "-o") w = "--output";
  int exit_code = kExitOk;
  auto started = start_command("render", words,
                               {{"partner", true, false}, {"partners", true, false}, {"maps", true, false},
                                {"plugins", true, true}, {"output", true, false}, {"date", true, false},
                                {"time", true, false}, {"interchange-control", true, false},
                                {"group-control", true, false}, {"transaction-control", true, false},
                                {"local-id", true, false}, {"local-qualifier", true, false}, {"test", false, false}},
                               kRenderHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.empty() || args.get("partner").empty()) {
    err << "edigate render: expected --partner ID and at least one FILE\n" << kRenderHelp;
    return kExitUsage;
  }
  auto ctx = Context::create(args, err);
  if (!ctx) {
    err << "edigate render: " << ctx.error().to_string() << "\n";
    return ctx.error().code == "cli.unknown_partner" ? kExitInvalid : kExitUsage;
  }
  const partners::Profile& partner = *(*ctx)->partner();
  translation::ControlCounters counters = translation::ControlCounters::from(partner.control_numbers);
  for (auto [option, slot] : {std::pair{"interchange-control", &counters.interchange},
                              std::pair{"group-control", &counters.group},
                              std::pair{"transaction-control", &counters.transaction}}) {
    if (auto v = args.get(option); !v.empty() && !parse_number(v, *slot)) {
      err << "edigate render: --" << option << " needs a number from 1 to 999999999, got '" << v << "'\n";
      return kExitUsage;
    }
  }
  translation::RenderOptions options;
  options.date = args.get("date");
  options.time = args.get("time");
  options.test = args.has("test");
  if (auto id = args.get("local-id"); !id.empty()) {
    options.local.x12.push_back({args.get("local-qualifier", "ZZ"), id, ""});
    options.local.edifact.push_back({id, args.get("local-qualifier"), "", ""});
  }
  translation::FileCache files(maps_dir(args), mapping::MapChecks{true, (*ctx)->schemas()});
  translation::Services services{(*ctx)->plugins(), (*ctx)->schemas(), files};

  std::string edi;
  for (const auto& path : args.positional) {
    auto text = read_input(path);
    if (!text) {
      err << text.error().to_string() << "\n";
      exit_code = kExitUsage;
      continue;
    }
    std::vector<Error> errors;
    auto messages = read_messages(*text, path, errors);
    for (const auto& e : errors) err << e.to_string() << "\n";
    if (!errors.empty()) exit_code = std::max(exit_code, kExitInvalid);
    if (messages.empty()) {
      if (errors.empty()) {
        err << path << ": no canonical message to render [render.empty]\n";
        exit_code = std::max(exit_code, kExitInvalid);
      }
      continue;
    }
    auto rendered = translation::render_interchange(services, partner, messages, options, counters);
    if (!rendered) {
      err << "edigate render: " << rendered.error().to_string() << "\n";
      exit_code = rendered.error().code == "render.usage" ? kExitUsage : std::max(exit_code, kExitInvalid);
      continue;
    }
    for (const auto& e : rendered->errors) err << e.to_string() << "\n";
    if (!rendered->errors.empty()) exit_code = std::max(exit_code, kExitInvalid);
    edi += rendered->edi;
  }
  if (auto file = args.get("output"); !file.empty()) {
    std::ofstream o(file, std::ios::binary);
    o << edi;
    o.close();
    if (!o) {
      err << file << ": cannot write [io.write]\n";
      return kExitUsage;
    }
  } else {
    out << edi;
    out.flush();
  }
  return exit_code;
}

}  // namespace edigate::cli
