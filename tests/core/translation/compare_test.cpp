// Round-trip equality: where two canonical messages first differ, and what a message written by
// an ERP may lack compared with the same message translated back from EDI.
#include "translation/compare.hpp"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

using edigate::translation::first_difference;

namespace {

Poco::JSON::Object::Ptr json(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

TEST_CASE("first_difference names the JSON path and both values", "[translation][compare]") {
  auto a = json(R"({"po_number":"1","lines":[{"quantity":"2"},{"quantity":"11.5"}]})");
  auto b = json(R"({"lines":[{"quantity":"2"},{"quantity":"10.5"}],"po_number":"1"})");
  CHECK(first_difference(a, b, {}) == std::optional<std::string>(R"(/lines/1/quantity: "11.5" vs "10.5")"));
  CHECK_FALSE(first_difference(a, a, {}));
  auto shorter = json(R"({"po_number":"1","lines":[{"quantity":"2"}]})");
  CHECK(first_difference(a, shorter, {}) == std::optional<std::string>("/lines: 2 elements vs 1"));
  CHECK(first_difference(json(R"({"x":"1","message_id":"m-1"})"), json(R"({"x":"1","message_id":"m-2"})"),
                         {"message_id"}) == std::nullopt);
}

TEST_CASE("derived members only the translated message has are accepted only when asked", "[translation][compare]") {
  auto erp = json(R"({"po_number":"1","lines":[{"status":"accepted"}]})");
  auto back = json(
      R"({"po_number":"1","correlation":{"po_number":"1"},"lines":[{"status":"accepted","original_status_code":"IA"}]})");
  CHECK(first_difference(erp, back, {}) ==
        std::optional<std::string>(R"(/lines/0/original_status_code: missing vs "IA")"));
  CHECK_FALSE(first_difference(erp, back, {}, true));

  // Anything else the ERP message lacks, or a derived member that differs, is still a difference.
  auto extra = json(R"({"po_number":"1","lines":[{"status":"accepted","quantity":"3"}]})");
  CHECK(first_difference(erp, extra, {}, true) == std::optional<std::string>("/lines/0/quantity: missing vs \"3\""));
  auto erp_with_code = json(R"({"po_number":"1","lines":[{"status":"accepted","original_status_code":"IC"}]})");
  CHECK(first_difference(erp_with_code, back, {}, true) ==
        std::optional<std::string>(R"(/lines/0/original_status_code: "IC" vs "IA")"));
  // Lost on the way back is never accepted.
  CHECK(first_difference(back, erp, {}, true) == std::optional<std::string>("/correlation: an object vs missing"));
}
