#pragma once
// The checks between gateway.xml and the partner profiles that neither file can make alone
// (for `serve` at start and on reload, and for an offline configuration check):
//  - gateway.route.unknown_partner: a route names a partner id no profile has;
//  - gateway.intake.unknown_partner: an extra inbox is for an unknown partner;
//  - gateway.intake.overlap: two inboxes are the same folder (or an extra inbox is a
//    DATA/inbox/<id> folder, which is scanned anyway), so files would be taken twice;
//  - gateway.route.none (warning): an enabled partner's messages of some canonical type have
//    no destination at all (no profile destination, no route).
// Errors carry the gateway file and the line of the element (no column: they are about a
// value's meaning, not its place in the tag).
#include "gateway_config/gateway_config.hpp"
#include "partners/registry.hpp"

#include <edigate/error.hpp>

#include <vector>

namespace edigate::gateway_config {

std::vector<Error> check_against_partners(const GatewayConfig& gateway, const partners::RegistrySnapshot& partners);

}  // namespace edigate::gateway_config
