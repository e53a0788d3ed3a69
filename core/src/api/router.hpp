#pragma once
// Method + path pattern routing for the admin API. Patterns are literal segments and {name}
// captures of one whole segment: "/api/v1/messages/{id}/replay". A path that matches a pattern
// under another method is 405 (with the methods that would work), one that matches nothing 404.
#include "api/http_types.hpp"

#include <functional>
#include <string>
#include <vector>

namespace edigate::api {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  /// Routes are tried in the order added; the first match wins.
  void add(std::string method, const std::string& pattern, Handler handler);

  struct Match {
    enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
    const Handler* handler = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;  ///< for method_not_allowed: e.g. {"GET"}
  };
  Match match(const std::string& method, const std::string& path) const;

  /// match() then the handler, or the 404/405 JSON error; params are filled into `request`.
  Response dispatch(Request request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{id}" for a capture
    Handler handler;
  };
  std::vector<Route> routes_;
};

/// "/a/b/" -> {"a","b"}; empty segments dropped ("/a//b" is "/a/b").
std::vector<std::string> split_path(const std::string& path);

}  // namespace edigate::api
