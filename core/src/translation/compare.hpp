#pragma once
// Equality of two canonical messages for round-trip checks, reporting where they first differ.
#include <Poco/JSON/Object.h>

#include <optional>
#include <set>
#include <string>

namespace edigate::translation {

/// The JSON path ("/lines/1/unit_price") of the first difference between `a` and `b`, with
/// both values, or nullopt when equal. Top-level members named in `ignore` are skipped. Object
/// member order does not matter; array order does. Scalars compare by their text.
/// With `b_may_add_derived`, what translation derives and a message written by an ERP need not
/// carry is accepted when only `b` has it: `original_*` members (the EDI code beside each
/// canonical enum) and a top-level `correlation` (built from the body's numbers).
std::optional<std::string> first_difference(const Poco::JSON::Object::Ptr& a, const Poco::JSON::Object::Ptr& b,
                                            const std::set<std::string>& ignore, bool b_may_add_derived = false);

}  // namespace edigate::translation
