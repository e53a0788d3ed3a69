// Code tables, checked against X12 element dictionaries 716, 717, 718, 720, 723 and I18.
#include "ack_codes.hpp"

#include <edigate/codes.hpp>

#include <utility>

namespace edigate::x12 {
namespace {

template <std::size_t N>
std::string_view lookup(const std::pair<std::string_view, std::string_view> (&table)[N], std::string_view code) {
  for (const auto& [k, v] : table)
    if (k == code) return v;
  return {};
}

constexpr std::pair<std::string_view, std::string_view> kSegment[] = {
    {codes::segment_unrecognized, "1"}, {codes::segment_unexpected, "2"}, {codes::segment_missing, "3"},
    {codes::loop_too_many, "4"},        {codes::segment_too_many, "5"},   {codes::segment_not_in_set, "6"},
    {"x12.segment.tag", "1"},
};

constexpr std::pair<std::string_view, std::string_view> kElement[] = {
    {codes::element_missing, "1"},
    {codes::component_missing, "1"},
    {codes::element_conditional, "2"},
    {codes::element_too_many, "3"},
    {codes::element_too_short, "4"},
    {codes::element_too_long, "5"},
    {codes::element_invalid_character, "6"},
    {codes::element_invalid_code, "7"},
    {codes::element_invalid_date, "8"},
    {codes::element_invalid_time, "9"},
    {codes::element_exclusion, "10"},
    {codes::element_too_many_repetitions, "12"},
    {codes::element_too_many_components, "13"},
};

constexpr std::pair<std::string_view, std::string_view> kSet[] = {
    {"x12.st.missing_se", "2"}, {"x12.se.control", "3"}, {"x12.se.count", "4"},
    {"x12.st.set_id", "6"},     {"x12.st.control", "7"}, {"x12.st.duplicate_control", "23"},
};

constexpr std::pair<std::string_view, std::string_view> kGroup[] = {
    {"x12.gs.version", "2"}, {"x12.gs.missing_ge", "3"}, {"x12.ge.control", "4"},
    {"x12.ge.count", "5"},   {"x12.gs.control", "6"},
};
// Added in 005010.
constexpr std::pair<std::string_view, std::string_view> kGroup5010[] = {
    {"x12.gs.sender", "7"}, {"x12.gs.receiver", "8"}, {"x12.gs.agency", "9"},
    {"x12.gs.date", "30"},  {"x12.gs.time", "31"},
};

constexpr std::pair<std::string_view, std::string_view> kInterchange[] = {
    {"x12.iea.control", "001"},
    {"x12.isa.terminator", "004"},
    {"x12.isa.sender_qualifier", "005"},
    {"x12.isa.sender", "006"},
    {"x12.isa.receiver_qualifier", "007"},
    {"x12.isa.receiver", "008"},
    {"x12.isa.authorization_qualifier", "010"},
    {"x12.isa.security_qualifier", "012"},
    {"x12.isa.date", "014"},
    {"x12.isa.time", "015"},
    {"x12.isa.standards_id", "016"},
    {"x12.isa.version", "017"},
    {"x12.isa.control", "018"},
    {"x12.isa.ack_requested", "019"},
    {"x12.isa.usage", "020"},
    {"x12.iea.count", "021"},
    {"x12.isa.missing_iea", "023"},
    {"x12.isa.duplicate_control", "025"},  // duplicate interchange control number
    {"x12.segment.outside_group", "024"},
    {"x12.ge.unexpected", "024"},
    {"x12.st.outside_group", "024"},
    {"x12.isa.element_separator", "026"},
    {"x12.isa.component_separator", "027"},
};

// TA105 for an ISA element of the wrong width, by element (ISA01..ISA16).
constexpr std::string_view kWidthNote[17] = {"022", "010", "011", "012", "013", "005", "006", "007", "008",
                                             "014", "015", "016", "017", "018", "019", "020", "027"};

}  // namespace

std::string_view segment_error_code(const Error& e) noexcept {
  if (auto c = lookup(kSegment, e.code); !c.empty()) return c;
  if (!element_error_code(e).empty()) return "8";
  // Reader problems inside one segment (too long, bad bytes) without an element position.
  if (e.code == "x12.segment.too_long" || e.code == "x12.encoding.utf8" || e.code == "x12.bin.length") return "8";
  return {};
}

std::string_view element_error_code(const Error& e) noexcept { return lookup(kElement, e.code); }

std::string_view set_error_code(const Error& e) noexcept {
  if (auto c = lookup(kSet, e.code); !c.empty()) return c;
  return "5";
}

std::string_view group_error_code(const Error& e, bool v5010) noexcept {
  if (auto c = lookup(kGroup, e.code); !c.empty()) return c;
  if (v5010) return lookup(kGroup5010, e.code);
  return {};
}

std::string_view interchange_note_code(const Error& e) noexcept {
  if (e.code == "x12.isa.field_width" && e.position.element >= 1 && e.position.element <= 16)
    return kWidthNote[e.position.element];
  if (auto c = lookup(kInterchange, e.code); !c.empty()) return c;
  return "022";
}

bool cosmetic_warning(const Error& e) noexcept {
  static constexpr std::string_view kCosmetic[] = {codes::schema_not_found,
                                                   "x12.segment.line_break",
                                                   "x12.segment.indented",
                                                   "x12.bom",
                                                   "x12.isa.variable_length",
                                                   "x12.segment.unterminated",
                                                   "x12.junk",
                                                   "x12.segment.empty",
                                                   "x12.isa.repetition_separator",
                                                   "schema.too_many_errors"};
  if (!e.is_warning()) return false;
  for (auto c : kCosmetic)
    if (e.code == c) return true;
  return false;
}

}  // namespace edigate::x12
