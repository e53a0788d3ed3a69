#pragma once
// Acknowledgements: 997 (before 005010), 999 (from 005010) and TA1, built from the host's
// InterchangeReport. Sender and receiver are swapped; control numbers come from AckOptions.
#include <edigate/document.hpp>
#include <edigate/report.hpp>
#include <edigate/result.hpp>

#include <string>
#include <vector>

namespace edigate::x12 {

/// What AckOptions::kind, the report and the TA1 policy ask for (possibly nothing).
Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport& report, const AckOptions& options);

/// A 997 or 999 interchange for every group of the report.
Result<InterchangeData> functional_ack(const InterchangeReport& report, const AckOptions& options, bool is_999);

/// A TA1 interchange for the report's ISA.
Result<InterchangeData> interchange_ack(const InterchangeReport& report, const AckOptions& options);

}  // namespace edigate::x12
