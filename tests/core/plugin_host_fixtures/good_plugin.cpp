#include "fixture_format.hpp"
namespace fixture {
edigate::Plugin* make_good() { return new FixtureFormat("fixture-good"); }
}  // namespace fixture
EDIGATE_PLUGIN(fixture::make_good)
