// Routing by method and path pattern, without HTTP.
#include "api/router.hpp"

#include <catch2/catch.hpp>

using namespace edigate::api;

namespace {
Handler answer(int status) {
  return [status](const Request& r) {
    Response resp;
    resp.status = status;
    for (const auto& [k, v] : r.params) resp.body += k + "=" + v + ";";
    return resp;
  };
}
Request request(const char* method, const char* path) {
  Request r;
  r.method = method;
  r.path = path;
  return r;
}
}  // namespace

TEST_CASE("a pattern captures whole segments and the first matching route wins", "[api][router]") {
  Router router;
  router.add("GET", "/api/v1/messages/{id}", answer(200));
  router.add("POST", "/api/v1/messages/{id}/replay", answer(202));
  router.add("GET", "/api/v1/messages/{id}", answer(299));  // shadowed
  auto get = router.dispatch(request("GET", "/api/v1/messages/m-1"));
  CHECK(get.status == 200);
  CHECK(get.body == "id=m-1;");
  auto replay = router.dispatch(request("POST", "/api/v1/messages/abc%20d/replay"));
  CHECK(replay.status == 202);
  CHECK(replay.body == "id=abc%20d;");  // decoding is the HTTP adapter's job
  CHECK(router.dispatch(request("GET", "//api/v1//messages/m-2/")).body == "id=m-2;");
}

TEST_CASE("no match is 404, a match under other methods is 405 listing them", "[api][router]") {
  Router router;
  router.add("GET", "/a/{x}", answer(200));
  router.add("PUT", "/a/{x}", answer(200));
  CHECK(router.dispatch(request("GET", "/a")).status == 404);
  CHECK(router.dispatch(request("GET", "/a/b/c")).status == 404);
  auto m = router.match("DELETE", "/a/1");
  CHECK(m.kind == Router::Match::Kind::method_not_allowed);
  CHECK(m.allowed == std::vector<std::string>{"GET", "PUT"});
  auto r = router.dispatch(request("DELETE", "/a/1"));
  CHECK(r.status == 405);
  REQUIRE(r.headers.size() == 1);
  CHECK(r.headers[0] == std::make_pair(std::string("Allow"), std::string("GET, PUT")));
  CHECK(r.body.find("\"code\":\"admin.method_not_allowed\"") != std::string::npos);
}

TEST_CASE("paths split into non-empty segments", "[api][router]") {
  CHECK(split_path("/") == std::vector<std::string>{});
  CHECK(split_path("") == std::vector<std::string>{});
  CHECK(split_path("/a//b/") == std::vector<std::string>{"a", "b"});
  CHECK(split_path("a") == std::vector<std::string>{"a"});
}
