// edigate ack FILE: the acknowledgements (997/999/TA1, CONTRL) the gateway would send back.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "translation/outbound_envelope.hpp"
#include "validation/analyzer.hpp"

#include <edigate/abi.hpp>

#include <cstdio>
#include <ostream>

namespace edigate::cli {

static const char* const kAckHelp =
    "usage: edigate ack [options] FILE   (FILE '-' reads stdin)\n"
    "\n"
    "Validates FILE and prints the acknowledgement interchange(s) the gateway would send:\n"
    "X12 997 (before 005010) or 999 (005010 on) per functional group, with a TA1 when the\n"
    "interchange asks for one (ISA14=1) or has envelope errors; EDIFACT CONTRL. Each\n"
    "transaction set is accepted or rejected on its own.\n"
    "Problems found are printed on stderr. Exit status: 0 acknowledgement written, 1 none\n"
    "written (nothing to acknowledge, or the policy asks for none), 2 usage or I/O error.\n"
    "\n"
    "options:\n"
    "  --kind auto|997|999|ta1|contrl   acknowledgement type (default auto)\n"
    "  --ta1 never|on-error|requested|always   when to add a TA1 (default requested)\n"
    "  --control N              first interchange control number (default 1; +1 per interchange)\n"
    "  --date CCYYMMDD --time HHMM   envelope date and time (default: now, UTC)\n"
    "  --errors-only            X12: AK2/AK5 only for sets with errors\n"
    "With --partner ID, the partner's acknowledgement policy (997/999/none, TA1, CONTRL) applies\n"
    "unless --kind or --ta1 say otherwise.\n";

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

AckKind ack_kind_for(partners::FunctionalAck policy) {
  switch (policy) {
    case partners::FunctionalAck::x997: return AckKind::x12_997;
    case partners::FunctionalAck::x999: return AckKind::x12_999;
    case partners::FunctionalAck::none: return AckKind::x12_ta1_only;
    case partners::FunctionalAck::automatic: break;
  }
  return AckKind::automatic;
}

std::string zero_pad(unsigned long long n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, n);
  return buf;
}

}  // namespace

int cmd_ack(const Words& words, std::ostream& out, std::ostream& err) {
  auto specs = input_options();
  for (const char* o : {"kind", "ta1", "control", "date", "time"}) specs.push_back({o, true, false});
  specs.push_back({"errors-only", false, false});
  int exit_code = kExitOk;
  auto started = start_command("ack", words, specs, std::string(kAckHelp) + kInputOptionsHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  if (args.positional.size() != 1) {
    err << "edigate ack: expected exactly one FILE\n" << kAckHelp;
    return kExitUsage;
  }
  AckOptions ack;
  auto kind = parse_kind(args.get("kind", "auto"));
  auto ta1 = parse_ta1(args.get("ta1", "requested"));
  if (!kind || !ta1) {
    err << "edigate ack: " << (!kind ? kind.error().message : ta1.error().message) << "\n";
    return kExitUsage;
  }
  ack.kind = *kind;
  ack.ta1 = *ta1;
  ack.date = args.get("date");
  ack.time = args.get("time");
  ack.report_accepted_sets = !args.has("errors-only");
  // Real calendar dates and clock times only (20261345 or 2460 would go into the envelope).
  if (auto clock = translation::OutboundClock::make(ack.date, ack.time); !clock) {
    err << "edigate ack: --date must be CCYYMMDD and --time HHMM: " << clock.error().to_string() << "\n";
    return kExitUsage;
  }
  unsigned long long control = 1;
  if (auto c = args.get("control"); !c.empty()) {
    char* end = nullptr;
    control = std::strtoull(c.c_str(), &end, 10);
    if (!end || *end || control == 0 || control > 999999999ULL) {
      err << "edigate ack: --control must be a number from 1 to 999999999\n";
      return kExitUsage;
    }
  }

  auto ctx = Context::create(args, err);
  if (!ctx) {
    err << "edigate ack: " << ctx.error().to_string() << "\n";
    return kExitUsage;
  }
  const std::string& path = args.positional[0];
  auto in = (*ctx)->open(path);
  if (!in) {
    err << in.error().to_string() << "\n";
    return kExitUsage;
  }
  // A partner's acknowledgement policy applies unless the command line says otherwise.
  if (const partners::Profile* partner = (*ctx)->partner()) {
    if (!args.has("kind")) ack.kind = ack_kind_for(partner->acks.functional);
    if (!args.has("ta1")) ack.ta1 = partner->acks.ta1;
    if (in->format->standard() == "EDIFACT" && !partner->acks.contrl && !args.has("kind")) {
      err << "edigate ack: partner '" << partner->id << "' receives no CONTRL: no acknowledgement written\n";
      return kExitInvalid;
    }
  }
  validation::AnalyzeOptions options;
  options.reader = (*ctx)->reader_options();
  options.reader.file = path;
  exit_code = kExitOk;
  std::size_t written = 0;
  validation::AnalyzeCallbacks callbacks;
  callbacks.on_issue = [&](const Error& e) { err << e.to_string() << "\n"; };
  callbacks.on_interchange = [&](InterchangeReport&& report) {
    if (exit_code != kExitOk) return;
    // Control numbers would come from the store's allocator in the pipeline; here: --control.
    ack.interchange_control = zero_pad(control, 9);
    ack.group_control = std::to_string(control);
    ack.transaction_control = "0001";
    ++control;
    auto acks = in->format->acknowledge(report, ack);
    if (!acks) {
      err << acks.error().to_string() << "\n";
      exit_code = kExitUsage;
      return;
    }
    for (const auto& doc : *acks) {
      auto bytes = in->format->write(doc, WriteOptions{});
      if (!bytes) {
        err << bytes.error().to_string() << "\n";
        exit_code = kExitUsage;
        return;
      }
      out << *bytes;
      ++written;
    }
  };
  auto summary = validation::analyze(*in->format, *in->stream, (*ctx)->schemas(), options, callbacks);
  if (!summary) {
    err << summary.error().to_string() << "\n";
    return kExitUsage;
  }
  // Exit 0 promises an acknowledgement went out; no interchange in the input, or a policy
  // that asks for none, is not that.
  if (exit_code == kExitOk && written == 0) {
    err << "edigate ack: " << path << ": no acknowledgement written (no interchange to acknowledge, or the policy asks for none)\n";
    return kExitInvalid;
  }
  return exit_code;
}

}  // namespace edigate::cli
