#include "delivery/http_outcome.hpp"

#include <catch2/catch.hpp>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

using namespace edigate::delivery;
using namespace std::chrono_literals;

namespace {
const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

std::string http_date(std::chrono::system_clock::time_point t) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return Poco::DateTimeFormatter::format(Poco::Timestamp(us), Poco::DateTimeFormat::HTTP_FORMAT);
}
}  // namespace

TEST_CASE("2xx answers are delivered", "[delivery][http]") {
  for (int status : {200, 201, 202, 204}) {
    auto o = classify_http_answer(status, "OK", "", "", kNow, 3600s);
    CHECK(o.kind == DeliveryOutcome::delivered);
    CHECK(o.http_status == status);
  }
}

TEST_CASE("408, 425, 429 and 5xx answers are retried", "[delivery][http]") {
  for (int status : {408, 425, 429, 500, 502, 503, 504, 599}) {
    INFO(status);
    CHECK(classify_http_answer(status, "", "", "", kNow, 3600s).kind == DeliveryOutcome::retry);
  }
}

TEST_CASE("other 4xx, 3xx and 1xx answers are permanent with the status and the body start", "[delivery][http]") {
  for (int status : {400, 401, 403, 404, 409, 410, 413, 422, 301, 302, 101}) {
    INFO(status);
    CHECK(classify_http_answer(status, "", "", "", kNow, 3600s).kind == DeliveryOutcome::permanent);
  }
  const std::string body = std::string(200, 'x') + "TAIL";
  auto o = classify_http_answer(400, "Bad Request", "", body, kNow, 3600s);
  CHECK(o.detail == "HTTP 400 Bad Request: " + std::string(200, 'x'));
}

TEST_CASE("Retry-After in seconds is read and capped", "[delivery][http]") {
  CHECK(parse_retry_after("120", kNow, 3600s) == 120s);
  CHECK(parse_retry_after(" 0 ", kNow, 3600s) == 0s);
  CHECK(parse_retry_after("7200", kNow, 3600s) == 3600s);
  CHECK(parse_retry_after("99999999999999999999999999", kNow, 3600s) == 3600s);
  CHECK_FALSE(parse_retry_after("", kNow, 3600s));
  CHECK_FALSE(parse_retry_after("-5", kNow, 3600s));
  CHECK_FALSE(parse_retry_after("soon", kNow, 3600s));
  auto o = classify_http_answer(429, "Too Many Requests", "30", "", kNow, 3600s);
  REQUIRE(o.retry_after);
  CHECK(*o.retry_after == 30s);
}

TEST_CASE("Retry-After as an HTTP-date is measured from now, past dates are zero", "[delivery][http]") {
  CHECK(parse_retry_after(http_date(kNow + 90s), kNow, 3600s) == 90s);
  CHECK(parse_retry_after("Tue, 14 Nov 2023 22:15:27 GMT", kNow, 3600s) == 127s);  // 1,700,000,127
  CHECK(parse_retry_after(http_date(kNow - 90s), kNow, 3600s) == 0s);
  CHECK(parse_retry_after(http_date(kNow + 48h), kNow, 3600s) == 3600s);
  CHECK(parse_retry_after("Tuesday, 14-Nov-23 22:15:27 GMT", kNow, 3600s) == 127s);  // RFC 850 form
}
