#include "outbound_envelope.hpp"

#include <array>
#include <utility>

namespace edigate::x12 {
namespace {

std::string pad(const std::string& v, std::size_t width) {
  std::string s = v.substr(0, width);
  s.resize(width, ' ');
  return s;
}

std::string zero_pad(std::uint64_t n, std::size_t width) {
  std::string s = std::to_string(n);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

}  // namespace

std::optional<std::string> functional_identifier(std::string_view set) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kCodes = {{
      {"204", "SM"}, {"210", "IM"}, {"214", "QM"}, {"753", "GF"}, {"754", "GF"}, {"810", "IN"}, {"812", "CD"},
      {"820", "RA"}, {"824", "AG"}, {"846", "IB"}, {"850", "PO"}, {"855", "PR"}, {"856", "SH"}, {"860", "PC"},
      {"865", "CA"}, {"940", "OW"}, {"945", "SW"}, {"990", "GF"}, {"997", "FA"}, {"999", "FA"},
  }};
  for (const auto& [s, code] : kCodes)
    if (s == set) return std::string(code);
  return std::nullopt;
}

std::string st_control(std::uint64_t n) { return zero_pad(n, 4); }

Result<void> add_envelope(InterchangeData& doc, const std::vector<std::string>& group_keys,
                          const OutboundEnvelope& env) {
  for (const auto* id : {&env.sender, &env.receiver})
    if (id->qualifier.size() != 2 || id->id.empty() || id->id.size() > 15)
      return std::move(Error("render.identity",
                             "an ISA identity is a two-character qualifier and an id of 1 to 15 characters"))
          .want("QQ/ID", id->qualifier + "/" + id->id);
  if (env.date.size() != 8 || env.time.size() != 4)
    return std::move(Error("render.usage", "envelope date and time"))
        .want("CCYYMMDD and HHMM", env.date + " " + env.time);
  const Delimiters& d = doc.delimiters;
  const std::string version = env.version.substr(0, 5);  // 004010 -> ISA12 00401
  const std::string repetition = version >= "00402" && d.repetition ? std::string(1, d.repetition) : std::string("U");
  doc.header =
      SegmentData::of("ISA", {"00", pad("", 10), "00", pad("", 10), env.sender.qualifier, pad(env.sender.id, 15),
                              env.receiver.qualifier, pad(env.receiver.id, 15), env.date.substr(2), env.time,
                              repetition, version, zero_pad(env.interchange_control % 1000000000, 9), "0",
                              env.test ? "T" : "P", std::string(1, d.component)});
  const std::string& gs_sender = env.group_sender.id.empty() ? env.sender.id : env.group_sender.id;
  const std::string& gs_receiver = env.group_receiver.id.empty() ? env.receiver.id : env.group_receiver.id;
  std::uint64_t control = env.first_group_control;
  for (std::size_t i = 0; i < doc.groups.size(); ++i) {
    const std::string key = i < group_keys.size() ? group_keys[i] : std::string();
    if (key.empty()) return Error("render.group.unknown_set", "an X12 group needs its functional identifier (GS01)");
    doc.groups[i].header = SegmentData::of(
        "GS", {key, gs_sender, gs_receiver, env.date, env.time, std::to_string(control++), "X", env.version});
  }
  return {};
}

}  // namespace edigate::x12
