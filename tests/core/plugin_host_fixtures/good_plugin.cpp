#include "fixture_format.hpp"
namespace fixture { edigate::Plugin* make_good() { return new FixtureFormat("fixture-good"); } }
EDIGATE_PLUGIN(fixture::make_good)
