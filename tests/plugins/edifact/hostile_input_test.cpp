// Hostile input that is well-formed enough to be read: memory stays bounded by the transaction
// limit however the bytes are cut, and a repeated interchange is an error.
#include "read_all.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::edifact::test;

TEST_CASE("empty segments (a bare terminator repeated) count toward max_transaction_bytes", "[edifact][bad][memory]") {
  // 500k bare "'" are 500 KB of input, under a 1 MiB limit by bytes, but each kept one costs a
  // record, a view and a Segment: the message must be refused, not held (50 MB took 3.9 GB).
  std::string in =
      "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'" + std::string(500000, '\'') + "UNT+500002+1'UNZ+1+9'";
  ReaderOptions o;
  o.max_transaction_bytes = 1 << 20;
  auto recs = read_all(in, o);
  REQUIRE(find_code(recs, "edifact.transaction.too_large"));
  for (const auto& r : recs) CHECK(r.segments.empty());
  // The same shape within the limit is kept.
  std::string small =
      "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'" + std::string(1000, '\'') + "UNT+1002+1'UNZ+1+9'";
  auto ok = read_all(small, o);
  CHECK_FALSE(find_code(ok, "edifact.transaction.too_large"));
}

TEST_CASE("the same interchange twice in one input is edifact.unb.duplicate_reference", "[edifact][bad]") {
  std::string one = "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'BGM+220+1+9'UNT+3+1'UNZ+1+9'";
  auto recs = read_all(one + one);
  const Error* e = find_code(recs, "edifact.unb.duplicate_reference");
  REQUIRE(e);
  CHECK_FALSE(e->is_warning());
  CHECK(e->position.offset == one.size());
  CHECK(e->found == "9");
  std::string other = "UNB+UNOA:3+S+R+240101:1200+10'UNH+1+ORDERS:D:96A:UN'BGM+220+1+9'UNT+3+1'UNZ+1+10'";
  CHECK_FALSE(find_code(read_all(one + other), "edifact.unb.duplicate_reference"));
}
