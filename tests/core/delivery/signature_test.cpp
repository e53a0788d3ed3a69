#include "delivery/signature.hpp"

#include <catch2/catch.hpp>

using edigate::delivery::sign_body;
using edigate::delivery::signature_matches;

TEST_CASE("the body signature is HMAC-SHA256 in lower-case hex (RFC 4231 test case 2)", "[delivery][signature]") {
  CHECK(sign_body("what do ya want for nothing?", "Jefe") ==
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("a signature matches only its own body and secret", "[delivery][signature]") {
  const std::string good = sign_body(R"({"a":1})", "s3cret");
  CHECK(signature_matches(good, R"({"a":1})", "s3cret"));
  CHECK_FALSE(signature_matches(good, R"({"a":2})", "s3cret"));
  CHECK_FALSE(signature_matches(good, R"({"a":1})", "other"));
  CHECK_FALSE(signature_matches("", R"({"a":1})", "s3cret"));
  CHECK_FALSE(signature_matches(good.substr(0, good.size() - 1), R"({"a":1})", "s3cret"));
}
