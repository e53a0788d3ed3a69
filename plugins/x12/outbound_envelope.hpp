#pragma once
// ISA and GS headers for what the gateway sends: the SDK's OutboundEnvelope laid out in X12's
// fixed-width interchange header and its functional groups.
#include <edigate/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::x12 {

/// GS01 functional identifier code for a set: 850 PO, 855 PR, 856 SH, 810 IN, 940 OW, 945 SW,
/// 214 QM, 997/999 FA (and a few more common ones); nullopt when unknown.
std::optional<std::string> functional_identifier(std::string_view set);

/// ST02: at least four digits, zero padded.
std::string st_control(std::uint64_t n);

/// ISA with fixed-width fields (ids padded to 15; ISA11 the repetition separator from 00402 on,
/// else U; ISA14 0; ISA15 P or T) and one GS per group (GS02/GS03 the group ids, else the ISA
/// ids; GS08 the version).
Result<void> add_envelope(InterchangeData& doc, const std::vector<std::string>& group_keys,
                          const OutboundEnvelope& env);

}  // namespace edigate::x12
