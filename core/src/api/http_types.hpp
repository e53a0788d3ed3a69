#pragma once
// The admin API's request and response, independent of the HTTP library, so routes are plain
// functions (admin_routes.cpp) and the Poco adapter (admin_server.cpp) is the only HTTP code.
#include <edigate/error.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace edigate::api {

struct Request {
  std::string method;
  std::string path;                               ///< decoded, without the query
  std::multimap<std::string, std::string> query;  ///< decoded
  std::string body;
  std::map<std::string, std::string> params;  ///< {id} and friends, from the route pattern
  /// The first value of query parameter `name`, or nullptr.
  const std::string* query_value(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? nullptr : &it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// For the server's log, never sent: the full error behind a 500 whose body hides it.
  std::string log_detail;
};

/// {"error":{"code":"...","message":"..."}} with `status`; `extra` fields (already JSON
/// encoded, e.g. {"pointer","\"/lines/0\""}) follow code and message inside "error".
Response error_response(int status, const std::string& code, const std::string& message,
                        const std::vector<std::pair<std::string, std::string>>& extra = {});

/// The status for a backend error (see admin_backend.hpp) and its JSON body.
Response backend_error(const Error& e);

/// Appends `s` as a JSON string literal.
void append_json(std::string& out, const std::string& s);

}  // namespace edigate::api
