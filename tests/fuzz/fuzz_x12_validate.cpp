// libFuzzer: X12 input through the one inbound pass in validate-only mode (what `edigate
// validate` runs): envelope and reader checks, then schema validation with the shipped schemas
// (each loaded once by the registry and then cached).
#include "fuzz_inbound.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static edigate::fuzz::InboundWorld world;
  edigate::fuzz::observe(edigate::fuzz::validate_inbound(world, "X12", data, size));
  return 0;
}
