// Writer: escaping, UNA, counts, and parse -> SegmentData::from -> write byte-identical round trips.
#include "writer.hpp"
#include "read_all.hpp"

#include <catch2/catch.hpp>

#include "../../support/corpus.hpp"

using namespace edigate;
using namespace edigate::edifact;
using namespace edigate::edifact::test;

namespace {

/// Interchanges rebuilt from reader events.
std::vector<InterchangeData> rebuild(const std::vector<Rec>& recs, bool una) {
  std::vector<InterchangeData> out;
  for (const auto& r : recs) {
    switch (r.kind) {
      case EventKind::interchange_begin:
        out.emplace_back();
        out.back().header = r.envelope;
        out.back().service_advice = una;
        break;
      case EventKind::group_begin:
        out.back().groups.emplace_back();
        out.back().groups.back().header = r.envelope;
        break;
      case EventKind::transaction:
        out.back().groups.back().transactions.push_back(TransactionData{r.segments});
        out.back().delimiters = r.delimiters;
        break;
      case EventKind::group_end:
        out.back().groups.back().trailer = r.envelope;
        break;
      case EventKind::interchange_end:
        out.back().trailer = r.envelope;
        out.back().delimiters = r.delimiters;
        break;
      case EventKind::issue:
        break;
    }
  }
  return out;
}

std::string round_trip(const std::string& input, bool compute_counts) {
  bool una = input.rfind("UNA", 0) == 0;
  std::string out;
  for (const auto& doc : rebuild(read_all(input), una)) {
    auto w = write_interchange(doc, WriteOptions{compute_counts});
    REQUIRE(w.ok());
    out += *w;
  }
  return out;
}

}  // namespace

TEST_CASE("writer escapes delimiters with the release character", "[edifact][writer]") {
  InterchangeData doc;
  doc.delimiters = Delimiters::edifact_default();
  doc.header = SegmentData::of("UNB", {"", "S", "R", "", "9"});
  doc.header->elements[0] = Element{{"UNOA", "3"}};
  doc.header->elements[3] = Element{{"240101", "1200"}};
  GroupData g;
  g.transactions.push_back(
      TransactionData{{SegmentData::of("UNH", {"1", ""}), SegmentData::of("FTX", {"AAI", "", "", "A+B:C?D'E"})}});
  g.transactions[0].segments[0].elements[1] = Element{{"ORDERS", "D", "96A", "UN"}};
  doc.groups.push_back(g);
  auto w = write_interchange(doc, WriteOptions{});
  REQUIRE(w.ok());
  CHECK(*w == "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'FTX+AAI+++A?+B?:C??D?'E'UNT+3+1'UNZ+1+9'");
  // Without a release character the same value cannot be written.
  doc.delimiters.release = 0;
  auto bad = write_interchange(doc, WriteOptions{});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "edifact.write.unescapable");
  CHECK(bad.error().position.segment_tag == "FTX");
  CHECK(bad.error().position.element == 4);
}

TEST_CASE("writer emits UNA for non-default delimiters and computes counts", "[edifact][writer]") {
  InterchangeData doc;
  doc.delimiters = Delimiters{'*', '=', 0, '?', ',', "~", "\n", ""};
  doc.header = SegmentData::of("UNB", {"UNOA", "S", "R", "240101", "77"});
  GroupData g;
  g.header = SegmentData::of("UNG", {"INVOIC", "S", "R", "240101", "G7"});
  g.transactions.push_back(TransactionData{
      {SegmentData::of("UNH", {"5", "INVOIC"}), SegmentData::of("BGM", {"380"}), SegmentData::of("UNT", {"99", "4"})}});
  doc.groups.push_back(g);
  auto w = write_interchange(doc, WriteOptions{true});
  REQUIRE(w.ok());
  CHECK(*w ==
        "UNA=*,? "
        "~\nUNB*UNOA*S*R*240101*77~\nUNG*INVOIC*S*R*240101*G7~\nUNH*5*INVOIC~\nBGM*380~\nUNT*3*5~\nUNE*1*G7~\nUNZ*1*77~"
        "\n");
  auto raw = write_interchange(doc, WriteOptions{false});
  REQUIRE(raw.ok());
  CHECK(raw->find("UNT*99*4~") != std::string::npos);
}

TEST_CASE("own fixtures round-trip byte for byte", "[edifact][writer]") {
  for (std::string in : {
           std::string("UNB+UNOA:3+S:14+R:14+240101:1200+9'UNH+1+ORDERS:D:96A:UN'NAD+SU+123::9++'FTX+AAI+++A?+B'UNT+4+"
                       "1'UNZ+1+9'"),
           std::string(
               "UNA:+.? '\r\nUNB+UNOC:3+S+R+240101:1200+9'\r\nUNH+1+ORDERS:D:96A:UN'\r\nUNT+2+1'\r\nUNZ+1+9'\r\n"),
           std::string("UNA=*.? "
                       "~\nUNB*UNOA=3*S*R*240101=1200*9~\nUNG*ORDERS*S*R*240101=1200*G*UN*D=96A~\nUNH*1*ORDERS=D=96A="
                       "UN~\nUNT*2*1~\nUNE*1*G~\nUNZ*1*9~\n"),
           std::string("UNB+UNOC:4+S+R+20240101:1200+9'UNH+1+PAXLST:D:03B:UN'NAT+2+FRA*DEU'UNT+3+1'UNZ+1+9'"),
       }) {
    CHECK(round_trip(in, false) == in);
    CHECK(round_trip(in, true) == in);
  }
}

TEST_CASE("corpus files with different UNA round-trip byte for byte", "[edifact][writer][corpus]") {
  auto dir = edigate::test::corpus_dir_or_skip();
  for (const char* f :
       {"edifact/bots/1.edi", "edifact/bots/dutchic_aperak1.edi", "edifact/staedi/other_dialect_term_segments.edi",
        "edifact/smooks/invoic.txt", "edifact/smooks-examples/PAXLST.edi", "edifact/smooks/recadv.txt",
        "edifact/staedi/empty-segment-loop-example.edi", "edifact/bots/edi__orders02.edi"}) {
    std::string in = edigate::test::read_file(dir / f);
    INFO(f);
    CHECK(round_trip(in, false) == in);
    CHECK(round_trip(in, true) == in);
  }
  // UNA "*@.? #" with wrong counts: identical when counts are not recomputed.
  std::string odd = edigate::test::read_file(dir / "edifact/smooks/no_ung_unedifact-msg-02.edi");
  CHECK(round_trip(odd, false) == odd);
  CHECK(round_trip(odd, true) != odd);
}
