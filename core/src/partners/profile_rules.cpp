#include "partners/profile_rules.hpp"

#include <pugixml.hpp>

#include <cctype>
#include <cstring>
#include <set>

namespace edigate::partners {

Result<Standard> parse_standard(std::string_view key) {
  if (key == "x12-004010") return Standard{Family::x12, std::string(key), "004010", "X12"};
  if (key == "x12-005010") return Standard{Family::x12, std::string(key), "005010", "X12"};
  if (key == "edifact-d96a") return Standard{Family::edifact, std::string(key), "D96A", "EDIFACT"};
  if (key == "edifact-d01b") return Standard{Family::edifact, std::string(key), "D01B", "EDIFACT"};
  if (key == "json") return Standard{Family::json, std::string(key), "", ""};
  return std::move(Error("partner.invalid", "unknown standard"))
      .want("x12-004010, x12-005010, edifact-d96a, edifact-d01b or json", std::string(key));
}

Delimiters default_delimiters(const Standard& s) {
  if (s.family == Family::edifact) return Delimiters::edifact_default();
  Delimiters d = Delimiters::x12_default();
  if (s.version < "004020") d.repetition = 0;
  return d;
}

Result<std::string> decode_separator(const std::string& written) {
  if (written.size() == 4 && written[0] == '0' && (written[1] == 'x' || written[1] == 'X')) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    int hi = hex(written[2]), lo = hex(written[3]);
    if (hi < 0 || lo < 0) return std::move(Error("partner.invalid", "bad separator")).want("0xNN", written);
    return std::string(1, static_cast<char>(hi * 16 + lo));
  }
  if (written.empty() || written.size() > 4)
    return std::move(Error("partner.invalid", "bad separator")).want("one character or 0xNN", written);
  return written;
}

std::string delimiter_problem(const Delimiters& d, Family family) {
  std::vector<std::pair<const char*, char>> seps = {{"element", d.element}, {"component", d.component}};
  if (d.repetition) seps.push_back({"repetition", d.repetition});
  if (family == Family::edifact && d.release) seps.push_back({"release", d.release});
  if (d.segment.size() == 1) seps.push_back({"segment", d.segment[0]});
  for (std::size_t i = 0; i < seps.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(seps[i].second);
    // Letters, digits and spaces occur in data and tags: a reader could not tell them apart.
    if (std::isalnum(c) || c == ' ')
      return std::string(seps[i].first) + " separator cannot be a letter, digit or space";
    for (std::size_t j = 0; j < i; ++j)
      if (seps[j].second == seps[i].second)
        return std::string(seps[i].first) + " and " + seps[j].first + " separators are the same character";
  }
  if (family == Family::edifact && (d.decimal == d.element || d.decimal == d.component))
    return "decimal mark collides with a separator";
  return "";
}

bool is_secret_attribute(std::string_view a) {
  return a == "password" || a == "key-file" || a == "our-private-key" || a == "auth-header" || a == "signing-secret";
}

std::optional<SecretRef> parse_secret_ref(std::string_view v) {
  if (v.rfind("env:", 0) == 0) {
    std::string_view name = v.substr(4);
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return std::nullopt;
    for (char c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return std::nullopt;
    return SecretRef{SecretRef::Kind::env, std::string(name)};
  }
  if (v.rfind("file:", 0) == 0 && v.size() > 5) return SecretRef{SecretRef::Kind::file, std::string(v.substr(5))};
  return std::nullopt;
}

void fill_endpoint_defaults(Endpoint& e) {
  auto def = [&](const char* k, const char* v) { e.settings.emplace(k, v); };  // emplace keeps what is set
  if (e.kind == "sftp") {
    def("port", "22");
    def("poll-seconds", "60");
  } else if (e.kind == "as2") {
    def("sign", "true");
    def("encrypt", "true");
    def("compress", "false");
    def("mdn", "sync");
    def("mdn-signed", "true");
  } else if (e.kind == "http") {
    def("method", "POST");
  } else if (e.kind == "folder" && e.settings.count("path") == 0) {
    def("poll-seconds", "10");  // transports/folder; destinations/folder has no polling
  }
}

}  // namespace edigate::partners
