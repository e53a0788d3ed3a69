// edigate render --partner ID FILE.json...: canonical messages (JSON Lines) -> EDI interchanges
// for the partner, one interchange per input file, on stdout or -o FILE.
#include "canonical/json_io.hpp"
#include "canonical/json_lines.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "io/file_input.hpp"
#include "translation/outbound_envelope.hpp"
#include "translation/render.hpp"

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
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
    "written with the partner's outbound delimiters. One interchange per FILE (per 1000 messages\n"
    "or 8 MB of JSON in a larger FILE, so memory stays bounded). Each rendered transaction is\n"
    "validated against its schema first; one that does not validate is reported and left out.\n"
    "With -o, FILE is replaced only when every message rendered.\n"
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

// A file's messages are rendered in batches so memory stays bounded whatever the input size
// (100k messages held at once took 3.5 GB): each batch is one interchange, written out before
// the next batch is read.
constexpr std::size_t kBatchMessages = 1000;
constexpr std::size_t kBatchJsonBytes = 8u << 20;

bool parse_number(const std::string& text, std::uint64_t& out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  out = std::stoull(text);
  return out > 0;
}

/// Our interchange id as given on the command line: printable ASCII, 1 to 35 characters
/// (UNB 0004; an ISA id is further limited to 15 when the header is built).
bool plausible_id(const std::string& id) {
  if (id.empty() || id.size() > 35 || id.front() == ' ' || id.back() == ' ') return false;
  for (char c : id)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

/// Where the EDI goes: stdout as it is rendered, or a temporary file beside FILE that is
/// renamed over it only when everything rendered (a failed render never leaves a 0-byte or
/// half-written FILE, nor empties an existing one).
class Output {
 public:
  Output(std::ostream& out, std::string file) : out_(out), file_(std::move(file)) {
    if (!file_.empty()) temp_ = file_ + ".tmp." + std::to_string(::getpid());
  }
  ~Output() {
    if (!temp_.empty()) std::remove(temp_.c_str());
  }
  bool open() {
    if (temp_.empty()) return true;
    f_.open(temp_, std::ios::binary | std::ios::trunc);
    return static_cast<bool>(f_);
  }
  std::ostream& stream() { return temp_.empty() ? out_ : f_; }
  /// Commits the temporary file (when ok) or discards it.
  bool finish(bool ok, std::ostream& err) {
    if (temp_.empty()) {
      out_.flush();
      return true;
    }
    f_.close();
    if (!f_) {
      err << file_ << ": cannot write [io.write]\n";
      return false;
    }
    if (!ok) {
      err << file_ << ": not written: some input was not rendered [render.not_written]\n";
      return true;
    }
    if (std::rename(temp_.c_str(), file_.c_str()) != 0) {
      err << file_ << ": cannot write: " << std::strerror(errno) << " [io.write]\n";
      return false;
    }
    temp_.clear();
    return true;
  }

 private:
  std::ostream& out_;
  std::string file_, temp_;
  std::ofstream f_;
};

}  // namespace

int cmd_render(const Words& given, std::ostream& out, std::ostream& err) {
  Words words = given;
  for (auto& w : words)
    if (w == "-o") w = "--output";
  int exit_code = kExitOk;
  auto started = start_command("render", words,
                               {{"partner", true, false},
                                {"partners", true, false},
                                {"maps", true, false},
                                {"plugins", true, true},
                                {"output", true, false},
                                {"date", true, false},
                                {"time", true, false},
                                {"interchange-control", true, false},
                                {"group-control", true, false},
                                {"transaction-control", true, false},
                                {"local-id", true, false},
                                {"local-qualifier", true, false},
                                {"test", false, false}},
                               kRenderHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.empty() || args.get("partner").empty()) {
    return usage_error("render", "expected --partner ID and at least one FILE", kRenderHelp, err);
  }
  auto ctx = Context::create(args, err);
  if (!ctx) {
    err << "edigate render: " << ctx.error().to_string() << "\n";
    return std::max(kExitUsage, exit_code_for(ctx.error().category));
  }
  const partners::Profile& partner = *(*ctx)->partner();
  translation::ControlCounters counters = translation::ControlCounters::from(partner.control_numbers);
  for (auto [option, slot] :
       {std::pair{"interchange-control", &counters.interchange}, std::pair{"group-control", &counters.group},
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
    if (!plausible_id(id)) {
      err << "edigate render: --local-id needs 1 to 35 printable characters, got '" << id << "'\n";
      return kExitUsage;
    }
    options.local.x12.push_back({args.get("local-qualifier", "ZZ"), id, ""});
    options.local.edifact.push_back({id, args.get("local-qualifier"), "", ""});
  }
  note_folders("render", args, true, true, err);
  // Bad dates and times are usage errors before any input is read.
  if (auto clock = translation::OutboundClock::make(options.date, options.time); !clock) {
    err << "edigate render: " << clock.error().to_string() << "\n";
    return kExitUsage;
  }
  translation::Services services = (*ctx)->runtime().services();

  Output output(out, args.get("output"));
  if (!output.open()) {
    err << args.get("output") << ": cannot write [io.write]\n";
    return kExitUsage;
  }
  for (const auto& path : args.positional) {
    auto file = io::FileInput::open(path);
    if (!file) {
      err << file.error().to_string() << "\n";
      exit_code = kExitUsage;
      continue;
    }
    canonical::JsonLineReader lines(**file, path);
    std::vector<translation::CanonicalInput> batch;
    std::size_t batch_bytes = 0, seen = 0;
    bool failed_io = false;
    auto render_batch = [&] {
      if (batch.empty()) return;
      auto rendered = translation::render_interchange(services, partner, batch, options, counters);
      batch.clear();
      batch_bytes = 0;
      if (!rendered) {
        err << "edigate render: " << rendered.error().to_string() << "\n";
        exit_code = rendered.error().code == "render.usage" ? kExitUsage : std::max(exit_code, kExitInvalid);
        return;
      }
      for (const auto& e : rendered->errors) err << e.to_string() << "\n";
      if (!rendered->errors.empty()) exit_code = std::max(exit_code, kExitInvalid);
      output.stream() << rendered->edi;
    };
    for (;;) {
      auto line = lines.next();
      if (!line) {
        err << line.error().to_string() << "\n";
        exit_code = kExitUsage;
        failed_io = true;
        break;
      }
      if (!*line) break;
      if ((*line)->too_long) {
        err << lines.too_long_error(**line).to_string() << "\n";
        exit_code = std::max(exit_code, kExitInvalid);
        ++seen;
        continue;
      }
      const std::string& text = (*line)->text;
      if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
      ++seen;
      Position where = (*line)->where;
      where.has_offset = false;  // file:line is how JSON Lines are cited
      auto message = canonical::parse_message(text, where);
      if (!message) {
        err << message.error().to_string() << "\n";
        exit_code = std::max(exit_code, kExitInvalid);
        continue;
      }
      batch_bytes += text.size();
      batch.push_back({*message, where});
      if (batch.size() >= kBatchMessages || batch_bytes >= kBatchJsonBytes) render_batch();
    }
    if (!failed_io) render_batch();
    if (seen == 0 && !failed_io) {
      err << path << ": no canonical message to render [render.empty]\n";
      exit_code = std::max(exit_code, kExitInvalid);
    }
  }
  if (!output.finish(exit_code == kExitOk, err)) return kExitUsage;
  return exit_code;
}

}  // namespace edigate::cli
