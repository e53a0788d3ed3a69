#pragma once
// Every plugin's base. A plugin shared library exports exactly two symbols through
// EDIGATE_PLUGIN(factory): its SDK ABI stamp (a plain function the host calls first, before
// touching any C++ class layout) and its factory.
#include <edigate/abi.hpp>

#include <boost/dll/alias.hpp>

#include <cstdint>
#include <string>

namespace edigate {

enum class PluginKind : std::uint8_t { format, transport };

inline const char* to_string(PluginKind k) { return k == PluginKind::format ? "format" : "transport"; }

struct PluginInfo {
  std::string name;  ///< unique across loaded plugins: "x12", "edifact", "sftp"
  PluginKind kind = PluginKind::format;
  std::string version;    ///< the plugin's own version
  std::uint32_t abi = 0;  ///< EDIGATE_SDK_ABI the plugin was built against
  std::string description;
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual PluginInfo info() const noexcept = 0;
};

using PluginAbiFn = std::uint32_t() noexcept;
using PluginFactoryFn = Plugin*() noexcept;

}  // namespace edigate

/// Exports `factory` (a function returning a new Plugin*, or nullptr on failure) and the ABI
/// stamp. Use once per shared library, at namespace scope in plugin.cpp.
#define EDIGATE_PLUGIN(factory)                                       \
  namespace edigate_plugin_export {                                   \
  inline std::uint32_t sdk_abi() noexcept { return EDIGATE_SDK_ABI; } \
  inline ::edigate::Plugin* create() noexcept {                       \
    try {                                                             \
      return factory();                                               \
    } catch (...) {                                                   \
      return nullptr;                                                 \
    }                                                                 \
  }                                                                   \
  }                                                                   \
  BOOST_DLL_ALIAS(edigate_plugin_export::sdk_abi, edigate_sdk_abi)    \
  BOOST_DLL_ALIAS(edigate_plugin_export::create, edigate_plugin)
