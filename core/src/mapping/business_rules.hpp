#pragma once
// Values that are syntactically fine but fail a business rule: a product id qualified UP that is
// not 12 digits, a GTIN of 9 digits. The conversion leaves such a value out (so a coalesce
// chain tries the next qualifier); when nothing else fills the field, the builder writes the
// value as sent and puts a positioned warning on the message (body member "warnings",
// docs/canonical/common.schema.json), or, with the partner's tolerance
// business-rule-violations="reject", fails the transaction (mapping.value.business_rule).
#include "mapping/compiled_map.hpp"
#include "mapping/mapping.hpp"

#include <edigate/error.hpp>

#include <algorithm>
#include <span>
#include <string>

namespace edigate::mapping {

inline constexpr const char* kBusinessRuleCode = "mapping.value.business_rule";

/// Conversions with a business rule, and what it wants.
inline const char* business_rule(Convert c) {
  switch (c) {
    case Convert::upc:
      return "a UPC-A of 12 digits";
    case Convert::gtin:
      return "a GTIN of 8, 12, 13 or 14 digits";
    default:
      return nullptr;
  }
}

/// A value the rule would leave out but that is still a well-formed id (digits, at most 14):
/// these reach the receiver as sent. Anything else stays left out.
inline bool sendable_as_is(const std::string& raw) {
  return !raw.empty() && raw.size() <= 14 &&
         std::all_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The first value of a field that a business rule left out.
struct RuleMiss {
  bool active = false;
  std::string raw;
  Convert convert = Convert::none;
  Position where;
};

/// Appends the "warnings" member (one object per warning) with the output writer's calls.
template <typename Out, typename Obj>
void write_warnings(Obj& out, std::span<const ValueWarning> warnings) {
  static const auto item = [](const char* name) {
    Item it;
    it.name = name;
    it.json_key = std::string("\"") + name + "\":";
    return it;
  };
  static const Item kWarnings = item("warnings"), kCode = item("code"), kField = item("field"),
                    kMessage = item("message"), kIndex = item("segment_index"), kTag = item("segment_tag"),
                    kElement = item("element"), kOffset = item("byte_offset"), kExpected = item("expected"),
                    kFound = item("found");
  auto arr = Out::open_array(out, kWarnings);
  for (const ValueWarning& vw : warnings) {
    const Error& w = vw.error;
    auto obj = Out::open_element(arr);
    auto& o = obj.get();
    Out::set(o, kCode, w.code);
    Out::set(o, kField, vw.field);
    Out::set(o, kMessage, w.message);
    if (w.position.segment_index) Out::set_int(o, kIndex, static_cast<Poco::Int64>(w.position.segment_index));
    if (!w.position.segment_tag.empty()) Out::set(o, kTag, w.position.segment_tag);
    if (w.position.element) Out::set_int(o, kElement, static_cast<Poco::Int64>(w.position.element));
    if (w.position.has_offset) Out::set_int(o, kOffset, static_cast<Poco::Int64>(w.position.offset));
    Out::set(o, kExpected, w.expected);
    Out::set(o, kFound, w.found);
    Out::close_element(arr, obj);
  }
  Out::close_array(out, kWarnings, arr);
}

}  // namespace edigate::mapping
