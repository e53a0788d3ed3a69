#pragma once
#include <edigate/sdk.hpp>

namespace edigate::edifact {
/// A new EDIFACT format plugin object (the factory behind EDIGATE_PLUGIN).
Plugin* create_plugin();
}  // namespace edigate::edifact
