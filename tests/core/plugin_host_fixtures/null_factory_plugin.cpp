#include "fixture_format.hpp"
namespace fixture { edigate::Plugin* make_null() { return nullptr; } }
EDIGATE_PLUGIN(fixture::make_null)
