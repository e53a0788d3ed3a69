// libFuzzer: the edifact reader plus schema validation with the shipped schemas (850/856 and
// the rest under share/edigate/schemas), each loaded once by the registry and then cached.
#include "fuzz_common.hpp"
#include "schema/registry.hpp"
#include "validation/analyzer.hpp"

#include <edigate/input.hpp>

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace edigate;
  static auto plugin = fuzz::make_plugin(false);
  static schema::Registry schemas({EDIGATE_FUZZ_SCHEMA_DIR});
  MemoryInput in(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  validation::AnalyzeOptions options;
  options.reader = fuzz::reader_options(data, size, true);
  validation::AnalyzeCallbacks callbacks;
  volatile std::size_t sink = 0;
  callbacks.on_issue = [&](const Error& e) { sink = sink + e.to_string().size(); };
  (void)validation::analyze(*plugin, in, &schemas, options, callbacks);
  return 0;
}
