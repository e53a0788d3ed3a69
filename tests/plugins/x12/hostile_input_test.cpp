// Hostile input that is well-formed enough to be read: memory stays bounded by the transaction
// limit however the bytes are cut, and envelopes/hierarchies that cannot be right are errors.
#include "fixtures.hpp"
#include "reader_helpers.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::x12::test;

TEST_CASE("millions of tiny segments count toward max_transaction_bytes by their memory, not their bytes",
          "[x12][bad][memory]") {
  // 200k "N9~" segments are 600 KB of input, under a 1 MiB limit by bytes; kept, each costs a
  // Segment, a range and views (over 60 bytes), so the set must be refused, not held.
  std::vector<std::string> body(200000, "N9");
  ReaderOptions o;
  o.max_transaction_bytes = 1 << 20;
  auto c = read_all(interchange(Seps{}, {body}), o);
  REQUIRE(c.find("x12.transaction.too_large"));
  REQUIRE(c.count(EventKind::transaction) == 1);
  for (const auto& e : c.events)
    if (e.kind == EventKind::transaction) {
      CHECK(e.segments.size() < 20000);  // what fitted before the limit, no more
      CHECK(e.segment_count == 200002);  // counting goes on; only keeping stops
    }
  // A set of the same shape within the limit is kept whole.
  std::vector<std::string> small(1000, "N9");
  auto ok = read_all(interchange(Seps{}, {small}), o);
  CHECK_FALSE(ok.find("x12.transaction.too_large"));
  CHECK(ok.events[2].segments.size() == 1002);
}

TEST_CASE("the same interchange twice in one input is x12.isa.duplicate_control on the second", "[x12][bad]") {
  std::string one = interchange(Seps{}, {kPoBody});
  auto c = read_all(one + one);
  REQUIRE(c.count(EventKind::interchange_begin) == 2);
  const Error* e = c.find("x12.isa.duplicate_control");
  REQUIRE(e);
  CHECK_FALSE(e->is_warning());
  CHECK(e->position.offset == one.size());
  CHECK(e->position.element == 13);
  CHECK(e->found == "000000001");
  // Different control numbers are different interchanges.
  auto d = read_all(one + interchange(Seps{}, {kPoBody}, "005010", "000000002"));
  CHECK_FALSE(d.find("x12.isa.duplicate_control"));
}

TEST_CASE("an HL whose parent is itself or a later HL is x12.hl.parent", "[x12][bad][hl]") {
  auto self = read_all(interchange(Seps{}, {{"BSN*00*1*20210101*1200", "HL*1**S", "HL*2*2*O"}}));
  const Error* e = self.find("x12.hl.parent");
  REQUIRE(e);
  CHECK(e->position.segment_tag == "HL");
  CHECK(e->position.element == 2);
  CHECK(e->found == "2");

  auto forward = read_all(interchange(Seps{}, {{"BSN*00*1*20210101*1200", "HL*1*2*S", "HL*2**O"}}));
  REQUIRE(forward.find("x12.hl.parent"));
  CHECK(forward.find("x12.hl.parent")->position.segment_index == 5);

  auto repeated = read_all(interchange(Seps{}, {{"BSN*00*1*20210101*1200", "HL*1**S", "HL*1*1*O"}}));
  CHECK(repeated.find("x12.hl.duplicate_id"));

  auto good = read_all(interchange(Seps{}, {{"BSN*00*1*20210101*1200", "HL*1**S", "HL*2*1*O", "HL*3*2*I"}}));
  CHECK_FALSE(good.find("x12.hl.parent"));
  CHECK_FALSE(good.find("x12.hl.duplicate_id"));
}
