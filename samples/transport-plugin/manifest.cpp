#include "manifest.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <openssl/evp.h>

#include <sstream>

namespace manifest_drop {

std::string sha256_hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

std::string to_json(const Manifest& m) {
  Poco::JSON::Object o;
  o.set("object", m.object);
  o.set("size", m.size);
  o.set("sha256", m.sha256);
  o.set("partner", m.partner);
  o.set("type", m.type);
  std::ostringstream out;
  o.stringify(out);
  return out.str() + "\n";
}

edigate::Result<Manifest> parse_manifest(std::string_view json, const std::string& file) {
  auto invalid = [&](const std::string& what) {
    return edigate::Error("manifest.invalid", file + ": " + what).as(edigate::ErrorCategory::invalid_input);
  };
  try {
    Poco::JSON::Parser parser;
    auto root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    if (!root) return invalid("not a JSON object");
    Manifest m;
    m.object = root->optValue<std::string>("object", "");
    m.sha256 = root->optValue<std::string>("sha256", "");
    m.partner = root->optValue<std::string>("partner", "");
    m.type = root->optValue<std::string>("type", "");
    if (!root->has("size")) return invalid("no \"size\" field");
    m.size = root->getValue<std::uint64_t>("size");
    if (m.object.empty() || m.object.find('/') != std::string::npos || m.object == "." || m.object == "..")
      return invalid("\"object\" must be a plain file name");
    if (m.sha256.size() != 64) return invalid("\"sha256\" must be 64 hex digits");
    return m;
  } catch (const Poco::Exception& e) {
    return invalid("not a manifest: " + e.displayText());
  } catch (const std::exception& e) {
    return invalid(std::string("not a manifest: ") + e.what());
  }
}

}  // namespace manifest_drop
