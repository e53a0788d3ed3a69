#include "fixture_format.hpp"
namespace fixture { edigate::Plugin* make_dup() { return new FixtureFormat("fixture-good"); } }
EDIGATE_PLUGIN(fixture::make_dup)
