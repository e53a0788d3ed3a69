// Envelope layout, JSON Lines writing (stable order, escaping, no floats) and reading.
#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"
#include "canonical_test_support.hpp"

#include <Poco/JSON/Array.h>

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::canonical;

namespace {

Source acme_source() {
  Source s;
  s.standard = "x12";
  s.version = "004010";
  s.transaction_set = "850";
  s.interchange_control_number = "000000905";
  s.group_control_number = "905";
  s.transaction_control_number = "0001";
  s.sender = {"ZZ", "ACMERETAIL"};
  s.receiver = {"ZZ", "EDIGATEDEMO"};
  s.file = "in/acme/po_20240312.edi";
  s.byte_offset = 212;
  return s;
}

std::string line_of(const Poco::JSON::Object::Ptr& object) {
  auto r = to_json_line(object);
  INFO((r.ok() ? std::string() : r.error().to_string()));
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("make_envelope writes the envelope fields in the documented order", "[canonical][envelope]") {
  Correlation correlation;
  correlation.po_number = "4500012345";
  auto message = make_envelope("purchase_order", "acme-retail", Direction::inbound, acme_source(), correlation);
  message->set("po_number", std::string("4500012345"));
  CHECK(line_of(message) ==
        R"({"schema":"edigate.canonical/v1","type":"purchase_order","message_id":"m-76f150ef92a2196e2b27c6d09f4d4d88",)"
        R"("partner_id":"acme-retail","direction":"inbound","source":{"standard":"x12","version":"004010",)"
        R"("transaction_set":"850","interchange_control_number":"000000905","group_control_number":"905",)"
        R"("transaction_control_number":"0001","sender":{"qualifier":"ZZ","id":"ACMERETAIL"},)"
        R"("receiver":{"qualifier":"ZZ","id":"EDIGATEDEMO"},"file":"in/acme/po_20240312.edi","byte_offset":212},)"
        R"("correlation":{"po_number":"4500012345"},"po_number":"4500012345"})");
}

TEST_CASE("make_envelope agrees with the hand-written purchase_order example", "[canonical][envelope]") {
  auto example = parse_message(test::read_text(test::source_dir() / "docs/canonical/examples/purchase_order.json"));
  REQUIRE(example.ok());
  Correlation correlation;
  correlation.po_number = "4500012345";
  auto built = make_envelope("purchase_order", "acme-retail", Direction::inbound, acme_source(), correlation);
  for (const char* key : {"schema", "type", "message_id", "partner_id", "direction"}) {
    INFO(key);
    CHECK(built->get(key).toString() == example.value()->get(key).toString());
  }
  CHECK(line_of(built->getObject("source")) == line_of(example.value()->getObject("source")));
}

TEST_CASE("message ids ignore ISA space padding of the identities", "[canonical][envelope]") {
  Source trimmed = acme_source();
  Source padded = acme_source();
  padded.sender.id = "ACMERETAIL     ";
  padded.receiver = {"ZZ", "EDIGATEDEMO    "};
  CHECK(message_id(identity_of("acme", trimmed)) == message_id(identity_of("acme", padded)));
  padded.sender.id = "ACMERETAIL2    ";
  CHECK(message_id(identity_of("acme", trimmed)) != message_id(identity_of("acme", padded)));
}

TEST_CASE("make_envelope leaves out empty source fields and keeps an empty correlation", "[canonical][envelope]") {
  Source s;
  s.standard = "json";
  auto message = make_envelope("tracking_event", "ups-api", Direction::inbound, s, {}, 3,
                               "1Z999AA10123456784|2024-03-26T07:15:00Z");
  const std::string line = line_of(message);
  CHECK_THAT(line, Catch::Contains(R"("source":{"standard":"json"},"correlation":{}})"));
  CHECK(message->getValue<std::string>("message_id") !=
        make_envelope("tracking_event", "ups-api", Direction::inbound, s, {}, 4)->getValue<std::string>("message_id"));
  CHECK(is_canonical_type("ship_notice"));
  CHECK_FALSE(is_canonical_type("shipnotice"));
}

TEST_CASE("to_json_line refuses binary floats and names where they are", "[canonical][json]") {
  auto message = make_envelope("purchase_order", "acme-retail", Direction::inbound, acme_source(), {});
  Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
  auto line = make_object();
  line->set("quantity", std::string("48"));
  line->set("unit_price", 3.25);
  lines->add(line);
  message->set("lines", lines);
  auto r = to_json_line(message);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "canonical.json.binary_float");
  CHECK(r.error().found == "/lines/0/unit_price");
}

TEST_CASE("to_json_line escapes control characters and keeps the output valid UTF-8", "[canonical][json]") {
  auto object = make_object();
  object->set("b", std::string("a\"b\\c\nd\x01"));
  object->set("a", std::string("M\xC3\xBCller"));  // valid UTF-8 stays as it is
  object->set("c", std::string("M\xFCller"));      // a Latin-1 byte from an EDI file
  object->set("n", Poco::Int64(-7));
  object->set("t", true);
  CHECK(line_of(object) ==
        "{\"b\":\"a\\\"b\\\\c\\nd\\u0001\",\"a\":\"M\xC3\xBCller\",\"c\":\"M\\u00fcller\",\"n\":-7,\"t\":true}");
}

TEST_CASE("parse_message keeps key order and round-trips the examples", "[canonical][json]") {
  for (const auto& file : test::json_files(test::source_dir() / "docs/canonical/examples")) {
    INFO(file.string());
    auto first = parse_message(test::read_text(file));
    REQUIRE(first.ok());
    CHECK(first.value()->getNames().front() == "schema");
    const std::string line = line_of(first.value());
    auto second = parse_message(line);
    REQUIRE(second.ok());
    CHECK(line_of(second.value()) == line);
  }
}

TEST_CASE("parse_message rejects what is not a canonical message", "[canonical][json]") {
  Position where;
  where.file = "out.jsonl";
  where.line = 3;
  auto array = parse_message("[1,2]", where);
  REQUIRE_FALSE(array.ok());
  CHECK(array.error().code == "canonical.json.not_canonical");
  CHECK(array.error().position.line == 3);
  auto other = parse_message(R"({"schema":"edigate.canonical/v2","type":"invoice"})");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == "canonical.json.not_canonical");
  CHECK(other.error().found == "edigate.canonical/v2");
  for (std::string bad : {std::string("{"), std::string(""), std::string("{\"schema\":}"), std::string(100000, '['),
                          std::string("{\"a\":") + std::string(5000, '[')}) {
    auto r = parse_message(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "canonical.json.invalid");
  }
}

TEST_CASE("read_message_lines reads one message per line and positions a bad line", "[canonical][json]") {
  const std::string good = R"({"schema":"edigate.canonical/v1","type":"invoice"})";
  std::vector<std::string> types;
  auto count = read_message_lines(good + "\n\n" + good + "\r\n", "out.jsonl", [&](Poco::JSON::Object::Ptr m) {
    types.push_back(m->getValue<std::string>("type"));
    return true;
  });
  REQUIRE(count.ok());
  CHECK(count.value() == 2);
  CHECK(types == std::vector<std::string>{"invoice", "invoice"});

  auto bad = read_message_lines(good + "\n" + good + "\n{\"schema\":1}\n", "out.jsonl",
                                [](Poco::JSON::Object::Ptr) { return true; });
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().position.file == "out.jsonl");
  CHECK(bad.error().position.line == 3);
  CHECK(bad.error().position.has_offset);
  CHECK(bad.error().position.offset == 2 * (good.size() + 1));

  auto stopped = read_message_lines(good + "\n" + good + "\n", "x", [](Poco::JSON::Object::Ptr) { return false; });
  REQUIRE(stopped.ok());
  CHECK(stopped.value() == 1);
}
