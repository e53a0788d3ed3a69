#include "api/router.hpp"

#include <algorithm>

namespace edigate::api {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    if (slash > i) out.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

void Router::add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back({std::move(method), split_path(pattern), std::move(handler)});
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  const std::vector<std::string> segments = split_path(path);
  for (const Route& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; ok && i < segments.size(); ++i) {
      const std::string& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}')
        params[p.substr(1, p.size() - 2)] = segments[i];
      else
        ok = p == segments[i];
    }
    if (!ok) continue;
    if (r.method != method) {
      if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
      continue;
    }
    m.kind = Match::Kind::found;
    m.handler = &r.handler;
    m.params = std::move(params);
    m.allowed.clear();
    return m;
  }
  if (!m.allowed.empty()) m.kind = Match::Kind::method_not_allowed;
  return m;
}

Response Router::dispatch(Request request) const {
  Match m = match(request.method, request.path);
  if (m.kind == Match::Kind::not_found)
    return error_response(404, "admin.not_found", "no such resource: " + request.path);
  if (m.kind == Match::Kind::method_not_allowed) {
    std::string allow;
    for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
    Response r = error_response(405, "admin.method_not_allowed",
                                request.method + " is not allowed on " + request.path + " (allowed: " + allow + ")");
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  request.params = std::move(m.params);
  return (*m.handler)(request);
}

}  // namespace edigate::api
