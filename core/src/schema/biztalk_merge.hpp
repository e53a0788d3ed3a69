#pragma once
// Merging two definitions of the same element, composite or segment met in different places
// (BizTalk's DTM and DTM_2 in one message, ORDERS and INVOIC of one directory, an EANCOM
// subset's per-position restrictions). The result accepts whatever either accepts: the longer
// position list, optional where either is optional, the longer length and repeat, the union of
// code lists (no list when either has none). Each widening is described in `note`.
#include "schema/biztalk_import.hpp"

#include <string>

namespace edigate::schema::biztalk {

void merge_element(ElementDef& into, const ElementDef& other, std::string& note);
/// False (with the reason in `note`) when a position names a different element or composite:
/// then the two are not one definition and cannot be merged.
bool merge_composite(CompositeDef& into, const CompositeDef& other, std::string& note);
bool merge_segment(SegmentDef& into, const SegmentDef& other, std::string& note);

}  // namespace edigate::schema::biztalk
