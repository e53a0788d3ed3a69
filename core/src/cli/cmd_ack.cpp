// edigate ack FILE: the acknowledgements (997/999/TA1, CONTRL) the gateway would send back.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "runtime/ack_policy.hpp"
#include "translation/outbound_envelope.hpp"

#include <edigate/abi.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ostream>

namespace edigate::cli {

static const char* const kAckHelp =
    "usage: edigate ack [options] FILE   (FILE '-' reads stdin)\n"
    "\n"
    "Validates FILE and prints the acknowledgement interchange(s) the gateway would send:\n"
    "X12 997 (before 005010) or 999 (005010 on) per functional group, with a TA1 when the\n"
    "interchange asks for one (ISA14=1) or has envelope errors; EDIFACT CONTRL. Each\n"
    "transaction set is accepted or rejected on its own.\n"
    "Problems found are printed on stderr. Exit status: 0 acknowledgement written (rejections\n"
    "included), 1 none written (nothing to acknowledge, or the partner's policy asks for none),\n"
    "2 usage or I/O error, 3 configuration.\n"
    "The partner (--partner ID, else the one claiming the interchange's sender) decides how the\n"
    "file is read, which acknowledgement it gets (997/999/none, TA1, CONTRL) and its control\n"
    "numbers (<control-numbers>), unless --kind, --ta1 or --control say otherwise.\n";

namespace {

Result<AckKind> parse_kind(const std::string& s) {
  if (s == "auto") return AckKind::automatic;
  if (s == "997") return AckKind::x12_997;
  if (s == "999") return AckKind::x12_999;
  if (s == "ta1" || s == "TA1") return AckKind::x12_ta1_only;
  if (s == "contrl" || s == "CONTRL") return AckKind::edifact_contrl;
  return Error("cli.usage", "--kind must be auto, 997, 999, ta1 or contrl, got '" + s + "'");
}

Result<Ta1Policy> parse_ta1(const std::string& s) {
  if (s == "never") return Ta1Policy::never;
  if (s == "on-error") return Ta1Policy::on_error;
  if (s == "requested") return Ta1Policy::requested;
  if (s == "always") return Ta1Policy::always;
  return Error("cli.usage", "--ta1 must be never, on-error, requested or always, got '" + s + "'");
}

}  // namespace

int cmd_ack(const Words& words, std::ostream& out, std::ostream& err) {
  auto specs = input_options();
  specs.insert(specs.begin(),
               {{"kind", true, false, "auto|997|999|ta1|contrl", "acknowledgement type (default auto)"},
                {"ta1", true, false, "never|on-error|requested|always",
                 "when to add a TA1 (default: the partner's, else requested)"},
                {"control", true, false, "N",
                 "first interchange control number (default: the partner's, else 1; +1 per interchange)"},
                {"date", true, false, "CCYYMMDD", "envelope date (default: today, UTC)"},
                {"time", true, false, "HHMM", "envelope time (default: now, UTC)"},
                {"errors-only", false, false, "", "X12: AK2/AK5 only for sets with errors"}});
  int exit_code = kExitOk;
  auto started = start_command("ack", words, specs, kAckHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.size() != 1) {
    return usage_error("ack", "expected exactly one FILE", kAckHelp, err);
  }
  runtime::AckOverrides ack;
  if (args.has("kind")) {
    auto kind = parse_kind(args.get("kind"));
    if (!kind) return (err << "edigate ack: " << kind.error().message << "\n", kExitUsage);
    ack.kind = *kind;
  }
  if (args.has("ta1")) {
    auto ta1 = parse_ta1(args.get("ta1"));
    if (!ta1) return (err << "edigate ack: " << ta1.error().message << "\n", kExitUsage);
    ack.ta1 = *ta1;
  }
  ack.date = args.get("date");
  ack.time = args.get("time");
  ack.report_accepted_sets = !args.has("errors-only");
  // Real calendar dates and clock times only (20261345 or 2460 would go into the envelope).
  if (auto clock = translation::OutboundClock::make(ack.date, ack.time); !clock) {
    err << "edigate ack: --date must be CCYYMMDD and --time HHMM: " << clock.error().to_string() << "\n";
    return kExitUsage;
  }
  if (auto c = args.get("control"); !c.empty()) {
    char* end = nullptr;
    errno = 0;
    unsigned long long control = std::strtoull(c.c_str(), &end, 10);
    if (errno || !end || *end || c[0] == '-' || control == 0 || control > 999999999ULL) {
      err << "edigate ack: --control must be a number from 1 to 999999999\n";
      return kExitUsage;
    }
    ack.first_control = control;
  }

  if (args.has("partner")) note_folders("ack", args, true, false, err);
  auto ctx = Context::create(args, err);
  if (!ctx) {
    err << "edigate ack: " << ctx.error().to_string() << "\n";
    return std::max(kExitUsage, exit_code_for(ctx.error().category));
  }
  const std::string& path = args.positional[0];
  auto file = io::FileInput::open(path);
  if (!file) {
    err << file.error().to_string() << "\n";
    return exit_code_for(file.error().category);
  }
  io::PeekInput in(**file);
  runtime::AckPlanner planner(ack);
  exit_code = kExitOk;
  std::uint64_t written = 0, declined = 0;
  translation::InboundSink sink;
  sink.on_issue = [&](const Error& e) { err << e.to_string() << "\n"; };
  // The verdicts come from the same pass translate takes: routed by sender and receiver, read
  // with the partner's tolerance, validated once. The partner's policy and counters apply.
  sink.on_interchange = [&](InterchangeReport&& report, const std::shared_ptr<const partners::Profile>& partner,
                            FormatPlugin& format) {
    if (exit_code != kExitOk) return;
    auto options = planner.next(partner.get(), format.standard());
    if (!options) {
      err << "edigate ack: partner '" << partner->id << "' receives no acknowledgement for this interchange\n";
      ++declined;
      return;
    }
    auto acks = format.acknowledge(report, *options);
    if (!acks) {
      err << acks.error().to_string() << "\n";
      exit_code = std::max(kExitUsage, exit_code_for(acks.error().category));
      return;
    }
    for (const auto& doc : *acks) {
      auto bytes = format.write(doc, WriteOptions{});
      if (!bytes) {
        err << bytes.error().to_string() << "\n";
        exit_code = std::max(kExitUsage, exit_code_for(bytes.error().category));
        return;
      }
      out << *bytes;
      ++written;
    }
  };
  auto summary =
      translation::translate_inbound((*ctx)->runtime().services(), in, (*ctx)->inbound_options(path, false), sink);
  if (!summary) {
    err << summary.error().to_string() << "\n";
    return std::max(exit_code, exit_code_for(summary.error().category));
  }
  // Exit 0 promises an acknowledgement went out; no interchange in the input, one refused by
  // routing, or a policy that asks for none, is not that.
  if (exit_code == kExitOk && written == 0) {
    err << "edigate ack: " << path << ": no acknowledgement written ("
        << (declined ? "the partner's policy asks for none" : "no interchange to acknowledge") << ")\n";
    exit_code = std::max(kExitInvalid, exit_code_of(*summary));
  }
  return exit_code;
}

}  // namespace edigate::cli
