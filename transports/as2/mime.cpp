#include <as2/mime.hpp>

#include <as2/crypto.hpp>
#include <as2/errors.hpp>

#include <openssl/rand.h>

#include <algorithm>
#include <cctype>

namespace edigate::as2 {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

Position at_offset(std::size_t offset) {
  Position p;
  p.offset = offset;
  p.has_offset = true;
  return p;
}

}  // namespace

std::string Entity::header(std::string_view name) const {
  const std::string want = lower(name);
  for (const auto& h : headers)
    if (lower(h.name) == want) return h.value;
  return {};
}

Result<Entity> parse_entity(std::string_view bytes) {
  std::size_t end = bytes.find("\r\n\r\n");
  std::size_t body = end == std::string_view::npos ? end : end + 4;
  const std::size_t lf = bytes.find("\n\n");
  if (lf != std::string_view::npos && (end == std::string_view::npos || lf < end)) {
    end = lf;
    body = lf + 2;
  }
  if (bytes.substr(0, 2) == "\r\n") end = 0, body = 2;  // no headers at all
  if (end == std::string_view::npos)
    return as2_error(code::kMalformed, "MIME entity has no empty line between headers and body").at(at_offset(0));
  Entity e;
  std::string_view head = bytes.substr(0, end);
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t eol = head.find('\n', pos);
    if (eol == std::string_view::npos) eol = head.size();
    std::string_view line = head.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !e.headers.empty()) {
      e.headers.back().value += ' ' + trim(line);  // folded continuation (RFC 5322 2.2.3)
    } else if (!line.empty()) {
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0)
        return as2_error(code::kMalformed, "MIME header line without a name").at(at_offset(pos));
      e.headers.push_back({trim(line.substr(0, colon)), trim(line.substr(colon + 1))});
    }
    pos = eol + 1;
  }
  e.body = bytes.substr(body);
  return e;
}

std::string ContentType::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

ContentType parse_content_type(std::string_view value) {
  ContentType ct;
  std::size_t semi = value.find(';');
  ct.type = lower(trim(value.substr(0, semi)));
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    const std::size_t eq = value.find('=');
    if (eq == std::string_view::npos) break;
    std::string name = lower(trim(value.substr(0, eq)));
    value.remove_prefix(eq + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    std::string v;
    if (!value.empty() && value.front() == '"') {
      const std::size_t close = value.find('"', 1);
      v = std::string(value.substr(1, close == std::string_view::npos ? value.size() - 1 : close - 1));
      value.remove_prefix(close == std::string_view::npos ? value.size() : close + 1);
      semi = value.find(';');
    } else {
      semi = value.find(';');
      v = trim(value.substr(0, semi));
    }
    ct.params.emplace_back(std::move(name), std::move(v));
  }
  return ct;
}

Result<std::vector<std::string_view>> split_multipart(std::string_view body, std::string_view boundary) {
  if (boundary.empty()) return as2_error(code::kMalformed, "multipart Content-Type has no boundary");
  const std::string delim = "--" + std::string(boundary);
  std::vector<std::size_t> starts;  // offsets of each delimiter line (at line start)
  for (std::size_t p = body.find(delim); p != std::string_view::npos; p = body.find(delim, p + 1))
    if (p == 0 || body[p - 1] == '\n') starts.push_back(p);
  if (starts.size() < 2)
    return as2_error(code::kMalformed, "multipart body has fewer than two boundary lines").want(delim, "");
  std::vector<std::string_view> parts;
  for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
    const std::size_t line_end = body.find('\n', starts[i]);
    if (line_end == std::string_view::npos || line_end > starts[i + 1])
      return as2_error(code::kMalformed, "multipart boundary line is not terminated");
    const std::size_t begin = line_end + 1;
    std::size_t end = starts[i + 1];
    // The line break before the next delimiter belongs to the delimiter.
    if (end > begin && body[end - 1] == '\n') --end;
    if (end > begin && body[end - 1] == '\r') --end;
    parts.push_back(body.substr(begin, end - begin));
  }
  if (body.substr(starts.back() + delim.size(), 2) != "--")
    return as2_error(code::kMalformed, "multipart body has no closing boundary").want(delim + "--", "");
  return parts;
}

Result<std::string> decoded_body(const Entity& e) {
  const std::string cte = lower(e.header("Content-Transfer-Encoding"));
  if (cte.empty() || cte == "binary" || cte == "8bit" || cte == "7bit") return std::string(e.body);
  if (cte == "base64") return base64_decode(e.body);
  return as2_error(code::kMalformed, "unsupported Content-Transfer-Encoding").want("binary or base64", cte);
}

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes));
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) out += hex[c >> 4], out += hex[c & 15];
  return out;
}

}  // namespace edigate::as2
