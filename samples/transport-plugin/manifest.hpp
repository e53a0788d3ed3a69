#pragma once
// The manifest that travels with every object in a manifest-drop bucket: one small JSON file
// beside the object (NAME.manifest.json) saying what the object is and how to check it is whole.
// Readers take an object only when its manifest exists and its size and SHA-256 match, so a
// half-copied object is never taken (the writer writes the object first, the manifest last).
#include <edigate/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace manifest_drop {

struct Manifest {
  std::string object;  ///< the object's file name, beside the manifest
  std::uint64_t size = 0;
  std::string sha256;  ///< lowercase hex
  std::string partner;
  std::string type;  ///< "997", "856": what the gateway says it is
};

std::string sha256_hex(std::string_view bytes);
std::string to_json(const Manifest& m);
/// Reads what to_json writes; an Error naming `file` and the missing or malformed field otherwise.
edigate::Result<Manifest> parse_manifest(std::string_view json, const std::string& file);

}  // namespace manifest_drop
