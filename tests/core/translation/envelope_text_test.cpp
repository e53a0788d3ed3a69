// The JSON Lines path writes the envelope and strings as text (canonical::append_envelope_json,
// append_json_string): the bytes must be what canonical::to_json_line writes for the objects.
#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::canonical;

namespace {

std::string via_objects(const Source& s, const Correlation& c, std::uint64_t position, std::string_view disc) {
  auto line = to_json_line(make_envelope("purchase_order", "acme-retail", Direction::inbound, s, c, position, disc));
  REQUIRE(line.ok());
  return *line;
}

std::string via_text(const Source& s, const Correlation& c, std::uint64_t position, std::string_view disc) {
  std::string out = "prefix";  // appends, never overwrites
  append_envelope_json(out, "purchase_order", "acme-retail", Direction::inbound, s, c, position, disc);
  REQUIRE(out.substr(0, 6) == "prefix");
  return out.substr(6);
}

// Quotes, backslashes, control bytes, DEL, valid UTF-8 (2, 3, 4 bytes) and stray Latin-1 bytes.
const std::string kAwkward =
    std::string("A\"B\\C\n\r\t\x01\x1f\x7f") + "\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xa6" + "\xe9\xff end";

}  // namespace

TEST_CASE("envelope text equals to_json_line of make_envelope, empty and full", "[translation][envelope]") {
  Source empty;
  Correlation none;
  CHECK(via_text(empty, none, 0, "") == via_objects(empty, none, 0, ""));

  Source full;
  full.standard = "x12";
  full.version = "005010";
  full.industry = "VICS";
  full.transaction_set = "850";
  full.interchange_control_number = "000000001";
  full.group_control_number = "1";
  full.transaction_control_number = "0001";
  full.sender = {"ZZ", "ACME     "};
  full.receiver = {"", "US"};  // no qualifier: left out, id kept
  full.file = "dir/po \"1\".edi";
  full.byte_offset = 0;  // present though zero
  Correlation c;
  c.po_number = "PO-1";
  c.shipment_id = "S1";
  c.bol = "B1";
  c.tracking_numbers = {"1Z1", "1Z2"};
  CHECK(via_text(full, c, 7, "1Z1@2024") == via_objects(full, c, 7, "1Z1@2024"));

  full.byte_offset = 123456789012ull;
  full.sender = {"", ""};  // no id: no sender object
  c.tracking_numbers.clear();
  CHECK(via_text(full, c, 0, "") == via_objects(full, c, 0, ""));
}

TEST_CASE("envelope text escapes every string as to_json_line does", "[translation][envelope]") {
  Source s;
  s.standard = "edifact";
  s.version = kAwkward;
  s.sender = {kAwkward, kAwkward};
  s.file = kAwkward;
  Correlation c;
  c.po_number = kAwkward;
  c.tracking_numbers = {kAwkward, "plain"};
  CHECK(via_text(s, c, 3, kAwkward) == via_objects(s, c, 3, kAwkward));
}

TEST_CASE("append_json_string escapes per byte class and copies plain runs", "[translation][envelope]") {
  std::string out;
  append_json_string(out, "");
  CHECK(out == "\"\"");
  out.clear();
  append_json_string(out, "plain text 123");
  CHECK(out == "\"plain text 123\"");
  out.clear();
  append_json_string(out, kAwkward);
  CHECK(out == "\"A\\\"B\\\\C\\n\\r\\t\\u0001\\u001f\\u007f\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xa6\\u00e9\\u00ff end\"");
  // Every single byte (a lone byte >= 0x80 is not UTF-8: written as \u00XX), between plain runs.
  static const char* hex = "0123456789abcdef";
  for (int b = 0; b < 256; ++b) {
    const auto c = static_cast<unsigned char>(b);
    std::string want;
    if (c == '"' || c == '\\')
      want = std::string("\\") + static_cast<char>(c);
    else if (c == '\n')
      want = "\\n";
    else if (c == '\r')
      want = "\\r";
    else if (c == '\t')
      want = "\\t";
    else if (c < 0x20 || c >= 0x7F)
      want = std::string("\\u00") + hex[c >> 4] + hex[c & 15];
    else
      want = std::string(1, static_cast<char>(c));
    std::string text;
    append_json_string(text, "ab" + std::string(1, static_cast<char>(c)) + "cd");
    INFO("byte " << b);
    CHECK(text == "\"ab" + want + "cd\"");
  }
}
