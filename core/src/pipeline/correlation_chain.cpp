#include "pipeline/correlation_chain.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace edigate::pipeline {

Result<Chain> follow_chain(store::Store& store, const std::string& start, const ChainLimits& limits) {
  Chain chain;
  std::map<std::string, ChainLink> found;
  std::set<std::string> seen_values;
  std::set<std::pair<std::string, std::string>> listed;
  std::deque<std::string> values;

  auto add = [&](store::MessageRecord m) -> Result<void> {
    if (found.count(m.id)) return {};
    if (found.size() >= limits.max_messages) {
      chain.truncated = true;
      return {};
    }
    ChainLink link;
    EDIGATE_TRY(link.keys, store.correlation_keys(m.id));
    for (const auto& k : link.keys) {
      if (listed.insert({k.kind, k.value}).second) chain.keys.push_back(k);
      if (seen_values.insert(k.value).second) values.push_back(k.value);
    }
    link.message = std::move(m);
    found.emplace(link.message.id, std::move(link));
    return {};
  };

  if (auto m = store.message(start)) {
    EDIGATE_TRY_VOID(add(std::move(*m)));
  } else {
    seen_values.insert(start);
    values.push_back(start);
  }
  std::size_t followed = 0;
  while (!values.empty()) {
    if (followed >= limits.max_keys) {
      chain.truncated = true;
      break;
    }
    const std::string value = values.front();
    values.pop_front();
    ++followed;
    EDIGATE_TRY(auto related, store.correlated(value));
    for (auto& m : related) {
      EDIGATE_TRY_VOID(add(std::move(m)));
    }
  }
  if (found.empty()) {
    return Error("trace.not_found",
                 "no message has the id, PO number, shipment id, bill of lading or tracking "
                 "number '" +
                     start + "'")
        .as(ErrorCategory::invalid_input);
  }
  for (auto& [id, link] : found) {
    EDIGATE_TRY(link.events, store.events("message:" + id));
    if (link.message.direction == "outbound") {
      EDIGATE_TRY(link.documents, store.outbound_for_message(id));
    }
    chain.links.push_back(std::move(link));
  }
  std::sort(chain.links.begin(), chain.links.end(), [](const ChainLink& a, const ChainLink& b) {
    return std::tie(a.message.created_at, a.message.id) < std::tie(b.message.created_at, b.message.id);
  });
  return chain;
}

}  // namespace edigate::pipeline
