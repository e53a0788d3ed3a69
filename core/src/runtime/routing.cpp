#include "runtime/routing.hpp"

namespace edigate::runtime {
namespace {

std::string list_local(const partners::Profile& p, const std::string& standard) {
  std::string out;
  for (const auto& party : p.local.parties())
    if (party.standard == standard)
      out += (out.empty() ? "" : " or ") + (party.qualifier.empty() ? party.id : party.qualifier + "/" + party.id);
  return out;
}

}  // namespace

Route route(const partners::RegistrySnapshot* registry, std::shared_ptr<const partners::Profile> forced,
            const EnvelopeFacts& facts, const Position& where) {
  Route r;
  if (forced) {  // bound by the caller (--partner, an authenticated transport): nothing to route
    r.partner = std::move(forced);
    return r;
  }
  r.partner = registry ? registry->find_party(facts.standard, facts.sender.qualifier, facts.sender.id) : nullptr;
  if (!r.partner) return r;
  const auto& to = facts.receiver;
  std::string expected;
  bool ours = true;
  if (r.partner->local.has_standard(facts.standard)) {
    ours = r.partner->local.claims(facts.standard, to.qualifier, to.id);
    expected = list_local(*r.partner, facts.standard);
  } else if (registry && registry->has_local(facts.standard)) {
    ours = registry->is_local(facts.standard, to.qualifier, to.id);
    expected = "one of the <local> identities in the partners folder";
  }
  if (ours) return r;
  Error e("route.receiver.unknown", describe_party(facts, false) + " is not one of our identities towards partner '" +
                                        r.partner->id + "': refused, not acknowledged or translated");
  e.expected = expected;
  e.found = to.qualifier.empty() ? to.id : to.qualifier + "/" + to.id;
  e.position = where;
  if (r.partner->unknown_receiver_is_warning) {
    e.message = describe_party(facts, false) + " is not one of our identities towards partner '" + r.partner->id +
                "' (accepted: the partner's tolerance allows it)";
    e.severity = Severity::warning;
  }
  r.receiver_problem = std::move(e);
  return r;
}

Error unknown_sender(const EnvelopeFacts& facts, const Position& where) {
  Error e("translate.partner.unknown",
          "no partner profile claims " + describe_party(facts, true) + "; its transactions are not translated");
  e.expected = "a profile with that identity in the partners folder, or --partner ID";
  e.found = facts.sender.qualifier.empty() ? facts.sender.id : facts.sender.qualifier + "/" + facts.sender.id;
  e.position = where;
  return std::move(e).as(ErrorCategory::configuration);
}

}  // namespace edigate::runtime
