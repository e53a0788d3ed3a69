#pragma once
#include <edigate/sdk.hpp>

namespace edigate::x12 {
/// A new X12 format plugin object (the factory behind EDIGATE_PLUGIN).
Plugin* create_plugin();
}  // namespace edigate::x12
