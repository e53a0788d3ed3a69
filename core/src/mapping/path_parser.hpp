#pragma once
// Path syntax (docs/maps.md, "Paths"): parsed once at map load.
//   EDI:  N1[N101='ST']/N104   REF[REF01=BM]/REF02   SG2[NAD01=DP]/NAD[1=DP]/2.1
//         DTM[1.1=137]/1.2     PO1/pair(PO106,'VP')  BEG03
//   JSON: trackResponse/shipment/package[0]/trackingNumber   activity[status.type='D']
#include "mapping/compiled_map.hpp"

#include <string>
#include <string_view>

namespace edigate::mapping {

/// `want_element`: a field path (ends with an element); otherwise a loop/segment path (`each`).
/// On error returns false and sets `why` (the caller positions it at the map element).
bool parse_edi_path(std::string_view text, bool want_element, Path& out, std::string& why);
bool parse_json_path(std::string_view text, Path& out, std::string& why);
/// "N104" / "4" / "1.2" / "PO106.1".
bool parse_elem_ref(std::string_view text, ElemRef& out);

}  // namespace edigate::mapping
