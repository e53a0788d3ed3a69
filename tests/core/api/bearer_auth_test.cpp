// The admin API's bearer token: where it comes from and how it is compared.
#include "api/bearer_auth.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

using namespace edigate;
using namespace edigate::api;

TEST_CASE("the admin token comes from the environment or a file, never empty", "[api][auth]") {
  ::setenv("EDIGATE_TEST_ADMIN_TOKEN", "from-env\n", 1);
  auto env = resolve_admin_token({partners::SecretRef::Kind::env, "EDIGATE_TEST_ADMIN_TOKEN"});
  REQUIRE(env);
  CHECK(*env == "from-env");
  ::setenv("EDIGATE_TEST_ADMIN_TOKEN", "", 1);
  CHECK(resolve_admin_token({partners::SecretRef::Kind::env, "EDIGATE_TEST_ADMIN_TOKEN"}).error().code ==
        "admin.token.missing");
  ::unsetenv("EDIGATE_TEST_ADMIN_TOKEN");
  CHECK(resolve_admin_token({partners::SecretRef::Kind::env, "EDIGATE_TEST_ADMIN_TOKEN"}).error().code ==
        "admin.token.missing");

  test::TempDir dir("token");
  test::write_text(dir.path / "admin.token", "from-file\r\n");
  auto file = resolve_admin_token({partners::SecretRef::Kind::file, (dir.path / "admin.token").string()});
  REQUIRE(file);
  CHECK(*file == "from-file");
  test::write_text(dir.path / "empty.token", "\n");
  CHECK(resolve_admin_token({partners::SecretRef::Kind::file, (dir.path / "empty.token").string()}).error().code ==
        "admin.token.missing");
  CHECK(resolve_admin_token({partners::SecretRef::Kind::file, (dir.path / "none").string()}).error().code ==
        "admin.token.unreadable");
  test::write_text(dir.path / "huge.token", std::string(5000, 'a'));
  CHECK(resolve_admin_token({partners::SecretRef::Kind::file, (dir.path / "huge.token").string()}).error().code ==
        "admin.token.unreadable");
}

TEST_CASE("bearer tokens compare exactly, the scheme is case-insensitive", "[api][auth]") {
  CHECK(bearer_matches("Bearer abc", "abc"));
  CHECK(bearer_matches("bearer abc", "abc"));
  CHECK_FALSE(bearer_matches("Bearer abd", "abc"));
  CHECK_FALSE(bearer_matches("Bearer ab", "abc"));
  CHECK_FALSE(bearer_matches("Bearer abcd", "abc"));
  CHECK_FALSE(bearer_matches("Bearer ABC", "abc"));
  CHECK_FALSE(bearer_matches("Basic abc", "abc"));
  CHECK_FALSE(bearer_matches("Bearer ", "abc"));
  CHECK_FALSE(bearer_matches("abc", "abc"));
  CHECK_FALSE(bearer_matches("Bearer ", ""));
}
