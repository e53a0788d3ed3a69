#include "partners/secret.hpp"

#include <file/read_file.hpp>

#include <cstdlib>

namespace edigate::partners {

Result<std::string> resolve_secret(const SecretRef& ref, const std::filesystem::path& base) {
  if (ref.kind == SecretRef::Kind::env) {
    const char* value = std::getenv(ref.name.c_str());
    if (value == nullptr || *value == '\0')
      return Error("partner.secret.missing", "secret env:" + ref.name + " is not set (or empty)")
          .as(ErrorCategory::configuration);
    return std::string(value);
  }
  std::filesystem::path path = ref.name;
  if (path.is_relative()) path = base / path;
  auto text = io::read_file(path);
  if (!text)
    return Error("partner.secret.unreadable", "secret file:" + ref.name + " cannot be read (" + path.string() + ")")
        .as(ErrorCategory::configuration);
  std::string value = std::move(text).value();
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  if (value.empty())
    return Error("partner.secret.missing", "secret file:" + ref.name + " is empty (" + path.string() + ")")
        .as(ErrorCategory::configuration);
  return value;
}

}  // namespace edigate::partners
