#pragma once
// The gateway's AS2 receive URL (`<listener type="as2">`): a Poco HTTP(S) server handing each
// request to a Receiver. One per gateway; it serves every partner with an open AS2 endpoint.
#include "receiver.hpp"

#include <edigate/transport_plugin.hpp>

#include <memory>

namespace edigate::as2 {

/// Starts the listener. Errors (configuration): bad `listen`, the address is taken, TLS files.
Result<std::unique_ptr<TransportListener>> start_listener(const ListenerConfig& config,
                                                          std::shared_ptr<Registry> registry, TransportHost& host);

}  // namespace edigate::as2
