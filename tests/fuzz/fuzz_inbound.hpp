#pragma once
// The one inbound pass (translation::translate_inbound) in validate-only mode, as `edigate
// validate` and `edigate ack` run it, for the libFuzzer targets: the X12 and EDIFACT plugins
// linked into the target (so their instrumented code is what runs) in a plugin host, the
// shipped schemas, no partner (the input's own reader options, derived from its bytes).
#include "fuzz_common.hpp"
#include "io/peek_input.hpp"
#include "plugin_host/plugin_host.hpp"
#include "schema/registry.hpp"
#include "translation/inbound.hpp"

#include <edigate/input.hpp>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace edigate::fuzz {

struct InboundWorld {
  plugin_host::PluginHost plugins;
  schema::Registry schemas{{EDIGATE_FUZZ_SCHEMA_DIR}};
  translation::FileCache files{EDIGATE_FUZZ_MAPS_DIR};
  translation::Services services{plugins, &schemas, files};

  InboundWorld() {
    for (bool x12_standard : {true, false}) {
      auto added = plugins.add(std::shared_ptr<Plugin>(make_plugin(x12_standard).release()), "linked");
      if (!added) {
        std::fprintf(stderr, "linked plugin refused: %s\n", added.error().to_string().c_str());
        std::abort();
      }
    }
  }
};

/// Keeps a result observable, so the work that made it is not optimised away.
inline void observe(std::size_t v) {
  static volatile std::size_t sink;
  sink = sink + v;
}

/// Validates `data` as `standard` ("X12", "EDIFACT") through the inbound pass; reports go to
/// `on_interchange` when set. Returns a checksum of what came out (keeps the work observable).
inline std::size_t validate_inbound(
    InboundWorld& world, const char* standard, const std::uint8_t* data, std::size_t size,
    const std::function<void(InterchangeReport&&, const std::shared_ptr<const partners::Profile>&, FormatPlugin&)>&
        on_interchange = {}) {
  MemoryInput bytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  io::PeekInput in(bytes);
  translation::InboundOptions options;
  options.file = "fuzz";
  options.standard = standard;
  options.translate = false;
  options.reader = reader_options(data, size, true);
  translation::InboundSink sink;
  std::size_t sum = 0;
  sink.on_issue = [&](const Error& e) { sum += e.to_string().size(); };
  sink.on_interchange = on_interchange;
  auto r = translation::translate_inbound(world.services, in, options, sink);
  if (r)
    sum += r->transactions + r->errors;
  else
    sum += r.error().to_string().size();
  return sum;
}

}  // namespace edigate::fuzz
