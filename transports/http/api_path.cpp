#include "api_path.hpp"

namespace edigate::http {
namespace {

bool partner_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '-'))) return false;
  }
  return true;
}

std::optional<std::int64_t> input_id(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v == 0) return std::nullopt;
  return v;
}

}  // namespace

std::optional<ApiPath> parse_api_path(std::string_view path) {
  constexpr std::string_view kPrefix = "/api/v1/partners/";
  if (path.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  path.remove_prefix(kPrefix.size());
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  ApiPath out;
  if (!partner_id(path.substr(0, slash))) return std::nullopt;
  out.partner = std::string(path.substr(0, slash));
  path.remove_prefix(slash);
  constexpr std::string_view kDocuments = "/documents";
  if (path.substr(0, kDocuments.size()) != kDocuments) return std::nullopt;
  path.remove_prefix(kDocuments.size());
  if (path.empty()) return out;
  if (path[0] != '/') return std::nullopt;
  auto id = input_id(path.substr(1));
  if (!id) return std::nullopt;
  out.kind = ApiPath::Kind::document;
  out.input_id = *id;
  return out;
}

std::string document_path(const std::string& partner, std::int64_t input_id) {
  return "/api/v1/partners/" + partner + "/documents/" + std::to_string(input_id);
}

}  // namespace edigate::http
