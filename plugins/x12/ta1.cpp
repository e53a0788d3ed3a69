// TA1 interchange acknowledgement (X12.5): one per received ISA.
#include "ack.hpp"
#include "ack_codes.hpp"
#include "ack_envelope.hpp"
#include "isa.hpp"

namespace edigate::x12 {

Result<InterchangeData> interchange_ack(const InterchangeReport& report, const AckOptions& options) {
  if (!report.header) return Error("x12.ack.no_isa", "cannot acknowledge an input without an ISA");
  const SegmentData& isa = *report.header;
  std::string note = "000", status = "A";
  for (const auto& e : report.issues) {
    if (e.is_warning()) {
      if (!cosmetic_warning(e) && status == "A") {
        status = "E";
        note = std::string(interchange_note_code(e));
      }
      continue;
    }
    status = "R";
    note = std::string(interchange_note_code(e));
    break;
  }
  AckClock clock = ack_clock(options);
  std::string version(trim_isa_field(isa.value(12)));
  if (version.size() != 5 || version.find_first_not_of("0123456789") != std::string::npos) version = "00401";
  InterchangeData out;
  out.delimiters = ack_delimiters(report, false);
  out.header = ack_isa(report, options, clock, out.delimiters, version);
  auto field = [&](std::size_t el, std::size_t max) {
    return writable(trim_isa_field(isa.value(el)), out.delimiters, max);
  };
  out.services.push_back(SegmentData::of("TA1", {field(13, 9), field(9, 6), field(10, 4), status, note}));
  out.trailer = SegmentData::of("IEA", {"0", out.header->value(13)});
  return out;
}

}  // namespace edigate::x12
