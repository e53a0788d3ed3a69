// Which acknowledgements to produce: AckKind and the TA1 policy.
#include "ack.hpp"

#include "ack_envelope.hpp"
#include "isa.hpp"

namespace edigate::x12 {

Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport& report, const AckOptions& options) {
  std::vector<InterchangeData> out;
  if (!report.header) return out;  // nothing to answer: no ISA was read
  bool interchange_errors = has_errors(report.issues);
  bool requested = trim_isa_field(report.header->value(14)) == "1";
  bool ta1 = false;
  switch (options.ta1) {
    case Ta1Policy::never:
      break;
    case Ta1Policy::on_error:
      ta1 = interchange_errors;
      break;
    case Ta1Policy::requested:
      ta1 = requested || interchange_errors;
      break;
    case Ta1Policy::always:
      ta1 = true;
      break;
  }
  if (options.kind == AckKind::x12_ta1_only) ta1 = true;
  if (options.kind == AckKind::edifact_contrl)
    return Error("x12.ack.kind", "CONTRL is an EDIFACT acknowledgement; the X12 plugin writes 997, 999 and TA1");

  // Acknowledgements are not acknowledged (X12.6): a 997/999 group (GS01 FA) gets no 997.
  InterchangeReport answerable = report;
  std::erase_if(answerable.groups, [](const GroupReport& g) { return g.header && g.header->value(1) == "FA"; });
  std::optional<InterchangeData> functional;
  if (options.kind != AckKind::x12_ta1_only && !answerable.groups.empty()) {
    bool is_999 = options.kind == AckKind::x12_999;
    if (options.kind == AckKind::automatic) {
      const auto& first = answerable.groups.front();
      std::string version = first.header ? first.header->value(8).substr(0, 6) : "";
      is_999 = version >= "005010";
    }
    EDIGATE_TRY(auto ack, functional_ack(answerable, options, is_999));
    functional = std::move(ack);
  }
  if (ta1) {
    EDIGATE_TRY(auto t, interchange_ack(report, options));
    // With a functional acknowledgement, the TA1 travels in the same interchange before GS.
    if (functional) {
      // The 999 may add a repetition separator the TA1 was not cleaned for.
      for (auto& seg : t.services)
        for (auto& el : seg.elements)
          for (auto& rep : el)
            for (auto& v : rep) v = writable(v, functional->delimiters, 99);
      functional->services = std::move(t.services);
    } else
      out.push_back(std::move(t));
  }
  if (functional) out.push_back(std::move(*functional));
  return out;
}

}  // namespace edigate::x12
