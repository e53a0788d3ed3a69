#include "fixture_format.hpp"
namespace fixture {
edigate::Plugin* make_dup() { return new FixtureFormat("fixture-good"); }
}  // namespace fixture
EDIGATE_PLUGIN(fixture::make_dup)
