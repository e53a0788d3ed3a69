// libFuzzer: schema::load_schema_from_memory (libxml2 XSD check, then compilation).
#include "schema/registry.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace edigate;
  auto schema =
      schema::load_schema_from_memory(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml");
  if (schema)
    (void)schema::info(**schema).set.size();
  else
    (void)schema.error().to_string();
  return 0;
}
