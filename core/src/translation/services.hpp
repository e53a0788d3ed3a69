#pragma once
// What a translation needs from the runtime, owned by the caller (the CLI for one run, the
// pipeline for its lifetime): format plugins, installed schemas, and the map/schema file cache.
#include "plugin_host/plugin_host.hpp"
#include "schema/registry.hpp"
#include "translation/file_cache.hpp"

namespace edigate::translation {

struct Services {
  plugin_host::PluginHost& plugins;
  schema::Registry* schemas = nullptr;  ///< installed schemas; null: only partner schema overrides
  FileCache& files;                     ///< its maps_root() is the --maps folder
};

}  // namespace edigate::translation
