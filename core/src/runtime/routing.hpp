#pragma once
// Which partner an interchange belongs to, from what its envelope says (the format plugin's
// EnvelopeFacts): the profile claiming the sender, provided the receiver is one of ours.
#include "partners/registry.hpp"

#include <edigate/envelope.hpp>
#include <edigate/error.hpp>

#include <memory>
#include <optional>

namespace edigate::runtime {

struct Route {
  std::shared_ptr<const partners::Profile> partner;  ///< null: no profile claims the sender
  /// route.receiver.unknown (a warning when the partner tolerates it), or nothing.
  std::optional<Error> receiver_problem;
  bool refused() const { return receiver_problem && !receiver_problem->is_warning(); }
};

/// Routes one interchange. `forced` (--partner, a transport bound to a partner) is taken as it
/// is, unchecked. Otherwise the sender names the partner and the receiver must be one of the
/// partner's <local> identities for that
/// standard; when the partner declares none, one of any profile's; when no profile declares
/// any, it is not checked. `where` positions the problem (the header segment).
Route route(const partners::RegistrySnapshot* registry, std::shared_ptr<const partners::Profile> forced,
            const EnvelopeFacts& facts, const Position& where);

/// translate.partner.unknown for an interchange whose sender no profile claims.
Error unknown_sender(const EnvelopeFacts& facts, const Position& where);

}  // namespace edigate::runtime
