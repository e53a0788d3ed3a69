#include "outbound_envelope.hpp"

namespace edigate::edifact {
namespace {

Element composite(std::initializer_list<std::string> parts) {
  std::vector<std::string> c(parts);
  while (!c.empty() && c.back().empty()) c.pop_back();
  return c.empty() ? Element{} : Element{c};
}

Element party(const PartyId& group, const PartyId& interchange) {
  return group.id.empty() ? composite({interchange.id, interchange.qualifier}) : composite({group.id, group.qualifier});
}

}  // namespace

Result<void> add_envelope(InterchangeData& doc, const std::vector<std::string>& group_keys,
                          const OutboundEnvelope& env) {
  for (const auto* id : {&env.sender, &env.receiver})
    if (id->id.empty() || id->id.size() > 35)
      return std::move(Error("render.identity", "a UNB party id has 1 to 35 characters"))
          .want("ID[:QUALIFIER]", id->id);
  if (env.date.size() != 8 || env.time.size() != 4)
    return std::move(Error("render.usage", "envelope date and time"))
        .want("CCYYMMDD and HHMM", env.date + " " + env.time);
  SegmentData unb("UNB");
  unb.elements.push_back(composite({"UNOC", "3"}));
  unb.elements.push_back(composite({env.sender.id, env.sender.qualifier}));
  unb.elements.push_back(composite({env.receiver.id, env.receiver.qualifier}));
  unb.elements.push_back(composite({env.date.substr(2), env.time}));
  unb.elements.push_back(composite({std::to_string(env.interchange_control)}));
  if (env.test) {
    unb.elements.resize(10);
    unb.elements.push_back(composite({"1"}));  // 0035 test indicator
  }
  doc.header = std::move(unb);
  std::uint64_t control = env.first_group_control;
  for (std::size_t i = 0; i < doc.groups.size(); ++i) {
    auto& group = doc.groups[i];
    if (i >= group_keys.size() || group_keys[i].empty() || group.transactions.empty()) continue;  // implicit group
    const SegmentData& unh = group.transactions.front().segments.front();
    SegmentData ung("UNG");
    ung.elements.push_back(composite({unh.value(2, 1)}));  // 0038: the message type
    ung.elements.push_back(party(env.group_sender, env.sender));
    ung.elements.push_back(party(env.group_receiver, env.receiver));
    ung.elements.push_back(composite({env.date.substr(2), env.time}));
    ung.elements.push_back(composite({std::to_string(control++)}));
    ung.elements.push_back(composite({"UN"}));
    ung.elements.push_back(composite({unh.value(2, 2), unh.value(2, 3)}));
    group.header = std::move(ung);
  }
  return {};
}

}  // namespace edigate::edifact
