#include "api/http_types.hpp"

#include "canonical/json_io.hpp"

namespace edigate::api {

void append_json(std::string& out, const std::string& s) { canonical::append_json_string(out, s); }

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::vector<std::pair<std::string, std::string>>& extra) {
  Response r;
  r.status = status;
  r.body = "{\"error\":{\"code\":";
  append_json(r.body, code);
  r.body += ",\"message\":";
  append_json(r.body, message);
  for (const auto& [name, json] : extra) {
    r.body += ',';
    append_json(r.body, name);
    r.body += ':' + json;
  }
  r.body += "}}";
  return r;
}

Response backend_error(const Error& e) {
  auto ends_with = [&](const char* suffix) {
    const std::string s(suffix);
    return e.code.size() >= s.size() && e.code.compare(e.code.size() - s.size(), s.size(), s) == 0;
  };
  int status = 500;
  if (ends_with(".not_found"))
    status = 404;
  else if (ends_with(".conflict"))
    status = 409;
  else if (e.category == ErrorCategory::invalid_input)
    status = 400;
  else if (e.category == ErrorCategory::transient)
    status = 503;
  // Internal errors keep their code but not their detail: it may name files or SQL.
  const std::string message = status == 500 ? "internal error (see the gateway log)" : e.to_string(false);
  Response r = error_response(status, e.code, message);
  if (status == 500) r.log_detail = e.to_string();
  return r;
}

}  // namespace edigate::api
