#include "fixture_format.hpp"
namespace fixture {
edigate::Plugin* make_null() { return nullptr; }
}  // namespace fixture
EDIGATE_PLUGIN(fixture::make_null)
