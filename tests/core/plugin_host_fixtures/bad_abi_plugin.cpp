// Claims an SDK ABI from the future; its factory must never be called.
#include <cstdlib>
#include "fixture_format.hpp"
namespace fixture {
std::uint32_t future_abi() noexcept { return EDIGATE_SDK_ABI + 41; }
edigate::Plugin* must_not_run() noexcept { std::abort(); }
}  // namespace fixture
BOOST_DLL_ALIAS(fixture::future_abi, edigate_sdk_abi)
BOOST_DLL_ALIAS(fixture::must_not_run, edigate_plugin)
