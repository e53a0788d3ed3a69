// How an input's bytes are read (NewInput::content) is stored with them, survives a reopen, and
// a database written before the column existed (schema version 1) gains it on migration with its
// old inputs read as detected content.
#include "store/store.hpp"

#include <sqlite3.h>
#include <catch2/catch.hpp>

#include "open_store.hpp"
#include "temp_dir.hpp"

using namespace edigate;
using namespace edigate::store;
using edigate::test::open_store;

namespace {
void exec(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  INFO((message ? message : ""));
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("an input's content kind is stored with its bytes and read back after a reopen", "[store]") {
  test::TempDir dir("store");
  std::int64_t canonical = 0, detected = 0;
  {
    auto store = open_store(dir.path);
    NewInput in{"http-api",
                "req-1",
                "acme-retail",
                "po.json",
                R"({"schema":"edigate.canonical/v1"})",
                "canonical:purchase_order"};
    auto receipt = store->receive(in);
    REQUIRE(receipt.ok());
    canonical = receipt.value().input_id;
    auto plain = store->receive({"folder", "po.edi", "acme-retail", "po.edi", "ISA*00*...~"});
    REQUIRE(plain.ok());
    detected = plain.value().input_id;
  }
  auto store = open_store(dir.path);
  CHECK(store->input(canonical).value().content == "canonical:purchase_order");
  CHECK(store->input(detected).value().content.empty());
  CHECK(store->input_bytes(canonical).value() == R"({"schema":"edigate.canonical/v1"})");
}

TEST_CASE("a version 1 database gains the content column on migration, old inputs read as detected", "[store]") {
  test::TempDir dir("store");
  std::int64_t old_id = 0;
  {
    auto store = open_store(dir.path);
    old_id = store->receive({"folder", "po.edi", "acme-retail", "po.edi", "ISA*00*...~"}).value().input_id;
  }
  // Back to what version 1 wrote: no content column, no record of migration 2.
  exec(dir.path / "edigate.db",
       "ALTER TABLE inputs DROP COLUMN content; DELETE FROM schema_migrations WHERE version >= 2;");
  auto unmigrated = open_sqlite_store(dir.path, {}, /*migrate=*/false);
  REQUIRE_FALSE(unmigrated.ok());
  CHECK(unmigrated.error().code == "store.version.old");

  auto store = open_store(dir.path);
  auto old = store->input(old_id);
  REQUIRE(old.ok());
  CHECK(old.value().content.empty());
  CHECK(store->input_bytes(old_id).value() == "ISA*00*...~");
  NewInput in{"http-api", "req-2", "acme-retail", "ts.json", "{}", "canonical:tracking_event"};
  auto fresh = store->receive(in);
  REQUIRE(fresh.ok());
  CHECK(store->input(fresh.value().input_id).value().content == "canonical:tracking_event");
}
