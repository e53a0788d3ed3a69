#pragma once
// CONTRL (syntax and service report) for an InterchangeReport: UCI for the interchange, UCF
// per explicit group, UCM per message with UCS/UCD pointing at the errors. Syntax 3 sends
// CONTRL:D:3:UN, syntax 4 CONTRL:4:1:UN (ISO 9735-4 style) with CCYYMMDD dates in UNB.
#include <edigate/document.hpp>
#include <edigate/report.hpp>
#include <edigate/result.hpp>

namespace edigate::edifact {

Result<InterchangeData> build_contrl(const InterchangeReport& report, const AckOptions& options);

}  // namespace edigate::edifact
