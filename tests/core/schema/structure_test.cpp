// Segment order, loops and usage (X12 loop semantics; EDIFACT groups behave the same).
#include "schema_test_support.hpp"

#include <edigate/codes.hpp>

using edigate::test::check_edifact;
using edigate::test::check_x12;
using edigate::test::describe;
namespace codes = edigate::codes;

namespace {

// 13 segments; every one valid against fixtures/x12_test_850.xml.
const char* kHead = "ST*850*0001~BEG*00*SA*PO1*20240101~REF*IA*12345~DTM*002*20240115~N1*ST*ACME~N3*1 MAIN ST~";
const char* kLines = "PO1*1*10*EA*2.5*VP*ABC~MEA*5*EA~PO1*2*1*CA*3*BP*X~N1*SE*BOB~AMT*1234~";
const char* kTail = "CTT*2~SE*13*0001~";

std::string po(const std::string& head = kHead, const std::string& lines = kLines, const std::string& tail = kTail) {
  return head + lines + tail;
}

/// Byte offset of the n-th segment (1-based) in X12 text with '~' terminators.
std::uint64_t offset_of(const std::string& text, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t i = 1; i < n; ++i) pos = text.find('~', pos) + 1;
  return pos;
}

}  // namespace

TEST_CASE("a conforming 850 produces no errors", "[schema][structure]") {
  auto errors = check_x12(po());
  INFO(describe(errors));
  CHECK(errors.empty());
}

TEST_CASE("a missing mandatory segment is reported under its own id where its absence shows", "[schema][structure]") {
  std::string text = "ST*850*0001~REF*IA*12345~" + std::string(kLines) + kTail;
  auto errors = check_x12(text);
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_missing);
  CHECK(errors[0].position.segment_tag == "BEG");
  CHECK(errors[0].expected == "BEG");
  CHECK(errors[0].position.segment_index == 2);  // detected at REF
  CHECK(errors[0].position.offset == offset_of(text, 2));
  CHECK(errors[0].position.has_offset);
  CHECK(errors[0].position.file == "t.edi");
}

TEST_CASE("a missing header is reported at the first segment", "[schema][structure]") {
  auto errors = check_x12(po().substr(std::string("ST*850*0001~").size()));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_missing);
  CHECK(errors[0].position.segment_tag == "ST");
  CHECK(errors[0].position.segment_index == 1);
}

TEST_CASE("a missing mandatory loop is reported with its trigger id", "[schema][structure]") {
  auto errors = check_x12(po(kHead, ""));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_missing);
  CHECK(errors[0].position.segment_tag == "PO1");
  CHECK(errors[0].message.find("loop PO1") != std::string::npos);
  CHECK(errors[0].position.segment_index == 7);  // CTT
}

TEST_CASE("a mandatory segment missing inside a loop is reported when the loop repeats", "[schema][structure]") {
  std::string head = "ST*850*0001~BEG*00*SA*PO1*20240101~N1*ST*ACME~N1*BT*BILL~N3*X~";
  auto errors = check_x12(po(head));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_missing);
  CHECK(errors[0].position.segment_tag == "N3");
  CHECK(errors[0].position.segment_index == 4);  // the second N1 closes the first repetition
}

TEST_CASE("mandatory segments missing at the end are reported at the last segment", "[schema][structure]") {
  std::string text = std::string(kHead) + kLines + "CTT*2~";
  auto errors = check_x12(text);
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_missing);
  CHECK(errors[0].position.segment_tag == "SE");
  CHECK(errors[0].position.segment_index == 12);
  CHECK(errors[0].position.offset == offset_of(text, 12));
}

TEST_CASE("a segment over its maximum use is segment.too_many", "[schema][structure]") {
  std::string head = "ST*850*0001~BEG*00*SA*PO1*20240101~REF*IA*1~REF*IA*2~REF*IA*3~";
  auto errors = check_x12(po(head));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_too_many);
  CHECK(errors[0].position.segment_index == 5);
  CHECK(errors[0].position.segment_tag == "REF");
  CHECK(errors[0].expected == "at most 2 uses");
}

TEST_CASE("a loop over its maximum repeats is loop.too_many", "[schema][structure]") {
  std::string head = "ST*850*0001~BEG*00*SA*PO1*20240101~";
  for (int i = 0; i < 4; ++i) head += "N1*ST*A~N3*B~";
  auto errors = check_x12(po(head));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::loop_too_many);
  CHECK(errors[0].position.segment_index == 9);  // the 4th N1
  CHECK(errors[0].expected == "at most 3 repetitions");
}

TEST_CASE("a segment of the set out of place is unexpected, once, without a cascade", "[schema][structure]") {
  std::string head = "ST*850*0001~BEG*00*SA*PO1*20240101~DTM*002*20240115~REF*IA*12345~N1*ST*ACME~N3*X~";
  auto errors = check_x12(po(head));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_unexpected);
  CHECK(errors[0].position.segment_index == 4);
  CHECK(errors[0].found == "REF");
}

TEST_CASE("a segment only valid inside a loop is unexpected outside it", "[schema][structure]") {
  std::string lines = "PO1*1*10*EA*2.5*VP*ABC~AMT*1234~";
  auto errors = check_x12(po(kHead, lines));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_unexpected);
  CHECK(errors[0].position.segment_tag == "AMT");
}

TEST_CASE("a dictionary segment never placed is not_in_set, an unknown tag is unrecognized", "[schema][structure]") {
  std::string lines = std::string(kLines) + "NTE*hello~ZZZ*1~";
  auto errors = check_x12(po(kHead, lines));
  INFO(describe(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].code == codes::segment_not_in_set);
  CHECK(errors[0].position.segment_index == 12);
  CHECK(errors[1].code == codes::segment_unrecognized);
  CHECK(errors[1].found == "ZZZ");
  CHECK(errors[1].position.segment_index == 13);
}

TEST_CASE("a segment of an enclosing level closes inner loops, a trigger starts a new repetition",
          "[schema][structure]") {
  // N1 right after PO1 opens the nested PO1_N1 loop; the next PO1 closes it; a second N1 in
  // the nested loop is a new repetition, a third exceeds its max of 2.
  std::string lines = "PO1*1*1~N1*SE*A~AMT*1~N1*SE*B~PO1*2*1~N1*SE*C~N1*SE*D~N1*SE*E~";
  auto errors = check_x12(po(kHead, lines));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::loop_too_many);
  CHECK(errors[0].position.segment_index == 14);
}

TEST_CASE("header N1 loops are closed by the detail PO1 loop and not re-entered", "[schema][structure]") {
  // N1 after the PO1 loop has started belongs to PO1_N1, never to the header N1 loop.
  std::string lines = "PO1*1*1~N1*SE*A~N3*not here~";
  auto errors = check_x12(po(kHead, lines));
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::segment_unexpected);
  CHECK(errors[0].position.segment_tag == "N3");
}

TEST_CASE("repeating loops up to their max are accepted", "[schema][structure]") {
  std::string lines;
  for (int i = 0; i < 5; ++i) lines += "PO1*" + std::to_string(i) + "*1~MEA*1*EA~MEA*2*CA~";
  auto errors = check_x12(po(kHead, lines));
  INFO(describe(errors));
  CHECK(errors.empty());
  lines += "PO1*6*1~";
  errors = check_x12(po(kHead, lines));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::loop_too_many);
}

TEST_CASE("EDIFACT segment groups follow the same rules", "[schema][structure][edifact]") {
  auto ok = check_edifact("UNH+1+ORDERS:D:96A:UN'BGM+220+PO1'NAD+BY+ACME'NAD+SU+BOB'LIN+1'QTY+21:5'LIN+2'UNT+8+1'");
  INFO(describe(ok));
  CHECK(ok.empty());
  auto bad = check_edifact("UNH+1+ORDERS:D:96A:UN'NAD+BY+ACME'LIN+1'NAD+SU+BOB'UNT+5+1'");
  INFO(describe(bad));
  REQUIRE(bad.size() == 2);
  CHECK(bad[0].code == codes::segment_missing);
  CHECK(bad[0].position.segment_tag == "BGM");
  CHECK(bad[0].position.segment_index == 2);
  CHECK(bad[1].code == codes::segment_unexpected);
  CHECK(bad[1].position.segment_index == 4);
}

TEST_CASE("garbage input yields a bounded number of errors", "[schema][structure][robustness]") {
  std::string text = "ST*850*0001~";
  for (int i = 0; i < 5000; ++i) text += (i % 3 ? "ZZ*1~" : "BEG*\x01*~");
  auto errors = check_x12(text);
  CHECK(errors.size() <= edigate::schema::ErrorSink::kMaxErrors + 1);
  CHECK(errors.back().code == "schema.too_many_errors");
}

TEST_CASE("a missing mandatory segment names the segment found in its place", "[schema][structure]") {
  std::string text = "ST*850*0001~REF*IA*12345~" + std::string(kLines) + kTail;
  auto errors = check_x12(text);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].expected == "BEG");
  CHECK(errors[0].found == "REF");
  CHECK_THAT(errors[0].to_string(), Catch::Contains("expected BEG, found \"REF\""));
}

TEST_CASE("a loop or segment over its maximum says which repetition went over", "[schema][structure]") {
  std::string head = "ST*850*0001~BEG*00*SA*PO1*20240101~";
  for (int i = 0; i < 4; ++i) head += "N1*ST*A~N3*B~";
  auto loop = check_x12(po(head));
  REQUIRE(loop.size() == 1);
  CHECK(loop[0].found == "N1, the 4th");
  CHECK_THAT(loop[0].to_string(), Catch::Contains("expected at most 3 repetitions, found \"N1, the 4th\""));
  auto errors = check_x12(po("ST*850*0001~BEG*00*SA*PO1*20240101~BEG*00*SA*PO1*20240101~"));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].code == codes::segment_too_many);
  CHECK(errors[0].expected == "at most 1 use");
  CHECK(errors[0].found == "BEG, the 2nd");
}
