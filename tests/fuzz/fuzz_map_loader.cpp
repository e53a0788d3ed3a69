// libFuzzer: mapping::load_map_from_memory (libxml2 XSD check, pugixml, `extends` merging onto
// the shipped base maps, compilation of paths and tables).
#include "mapping/mapping.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace edigate;
  auto map = mapping::load_map_from_memory(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml",
                                           EDIGATE_FUZZ_MAPS_DIR);
  if (!map) (void)map.error().to_string();
  return 0;
}
