// `edigate db migrate|check|backup|show-input` over stores the real pipeline filled.
#include "cli/commands.hpp"
#include "cli_workspace.hpp"
#include "gateway_harness.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using test::GatewayHarness;
using test::run_cli;

namespace {

const std::filesystem::path kAcme850 = test::source_dir() / "samples" / "inbound" / "acme_850_4010.edi";

}  // namespace

TEST_CASE("db migrate creates a new data directory's schema, then finds it up to date", "[cli][db]") {
  test::TempDir dir("db");
  const std::string data = (dir.path / "data").string();
  auto first = run_cli(cli::cmd_db, {"migrate", "--data", data});
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK_THAT(first.out, Catch::Contains("migrated from schema version 0 to 2"));
  auto again = run_cli(cli::cmd_db, {"migrate", "--data", data});
  CHECK(again.code == 0);
  CHECK_THAT(again.out, Catch::Contains("schema version 2, up to date"));
  // The migrated store opens without migrating.
  CHECK(store::open_sqlite_store(dir.path / "data", {}, false).ok());
}

TEST_CASE("db commands take the data directory from the gateway configuration", "[cli][db]") {
  test::TempDir dir("db");
  std::string xml = test::read_bytes(test::source_dir() / "samples" / "gateway" / "gateway.xml");
  for (const char* folder : {"partners", "maps"}) {
    const std::string from = "\"../../" + std::string(folder) + "\"";
    xml.replace(xml.find(from), from.size(), "\"" + (test::source_dir() / folder).string() + "\"");
  }
  test::write_text(dir.path / "etc" / "gateway.xml", xml);
  const std::string config = (dir.path / "etc" / "gateway.xml").string();
  auto migrated = run_cli(cli::cmd_db, {"migrate", "--config", config});
  INFO(migrated.err);
  REQUIRE(migrated.code == 0);
  // <data dir="data"/> is relative to the configuration file.
  CHECK(std::filesystem::is_regular_file(dir.path / "etc" / "data" / "edigate.db"));
  CHECK(run_cli(cli::cmd_db, {"check", "--config", config}).code == 0);
  // --data wins over the file, as it does for serve.
  auto elsewhere = run_cli(cli::cmd_db, {"check", "--config", config, "--data", (dir.path / "none").string()});
  CHECK(elsewhere.code == cli::kExitUsage);
  CHECK_THAT(elsewhere.err, Catch::Contains("no gateway database"));
}

TEST_CASE("db check reports the rows and queues of a working store and a missing blob as a problem", "[cli][db]") {
  GatewayHarness h;
  h.receive(kAcme850);
  // Larger than the inline limit: kept as a blob file beside the database.
  const auto big = h.dir.path / "big.txt";
  test::write_text(big, std::string(1100 * 1024, 'x'));
  const auto big_id = h.receive(big);
  h.drain();
  const std::string data = h.data.string();

  auto ok = run_cli(cli::cmd_db, {"check", "--data", data});
  INFO(ok.out << ok.err);
  CHECK(ok.code == 0);
  CHECK_THAT(ok.out, Catch::Contains("schema:    version 2 (this edigate: 2)"));
  CHECK_THAT(ok.out, Catch::Contains("2 input(s), 2 message(s), 1 outbound document(s)"));
  // The text file is not EDI: its processing is a dead letter.
  CHECK_THAT(ok.out, Catch::Contains("0 ready, 0 leased, 1 dead"));
  CHECK_THAT(ok.out, Catch::Contains("integrity: ok"));

  const auto sha = h.store->input(big_id).value().sha256;
  REQUIRE(std::filesystem::remove(h.data / "blobs" / sha.substr(0, 2) / sha));
  auto broken = run_cli(cli::cmd_db, {"check", "--data", data});
  CHECK(broken.code == cli::kExitInvalid);
  CHECK_THAT(broken.out, Catch::Contains("input " + std::to_string(big_id) + ": blob"));
  CHECK_THAT(broken.out, Catch::Contains("is missing"));
}

TEST_CASE("db backup copies a store in use, the copy restores the same messages", "[cli][db]") {
  GatewayHarness h;
  h.receive(kAcme850);
  h.drain();
  const auto target = h.dir.path / "backup";
  // The harness keeps its store open, as a running gateway does.
  auto made = run_cli(cli::cmd_db, {"backup", target.string(), "--data", h.data.string()});
  INFO(made.err);
  REQUIRE(made.code == 0);
  CHECK_THAT(made.out, Catch::Contains("schema version 2, 1 input(s), 2 message(s), 1 outbound document(s)"));

  auto copy = store::open_sqlite_store(target, {}, false);
  REQUIRE(copy.ok());
  auto restored = copy.value()->messages({}).value();
  auto original = h.messages();
  REQUIRE(restored.size() == original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    CHECK(restored[i].id == original[i].id);
    CHECK(restored[i].body == original[i].body);
  }
  CHECK(copy.value()->input_bytes(1).value() == test::read_bytes(kAcme850));

  // A backup never overwrites another one.
  auto again = run_cli(cli::cmd_db, {"backup", target.string(), "--data", h.data.string()});
  CHECK(again.code == cli::kExitConfig);
  CHECK_THAT(again.err, Catch::Contains("store.backup.exists"));
}

TEST_CASE("db show-input prints a stored input's bytes exactly as received", "[cli][db]") {
  GatewayHarness h;
  const auto id = h.receive(kAcme850);
  auto shown = run_cli(cli::cmd_db, {"show-input", std::to_string(id), "--data", h.data.string()});
  CHECK(shown.code == 0);
  CHECK(shown.out == test::read_bytes(kAcme850));
  auto unknown = run_cli(cli::cmd_db, {"show-input", "99", "--data", h.data.string()});
  CHECK(unknown.code == cli::kExitInvalid);
  CHECK_THAT(unknown.err, Catch::Contains("no input 99"));
  CHECK(run_cli(cli::cmd_db, {"show-input", "x", "--data", h.data.string()}).code == cli::kExitUsage);
}

TEST_CASE("the db command is the binary's, with help, did-you-mean and I/O exit codes", "[cli][db]") {
  test::Workspace ws("db");
  auto missing = ws.run("db check --data nowhere");
  CHECK(missing.status == cli::kExitUsage);
  CHECK_THAT(missing.err, Catch::Contains("nowhere/edigate.db: no gateway database here"));
  auto typo = ws.run("db chek");
  CHECK(typo.status == cli::kExitUsage);
  CHECK_THAT(typo.err, Catch::Contains("did you mean 'check'?"));
  auto command = ws.run("replya");
  CHECK_THAT(command.err, Catch::Contains("did you mean 'replay'?"));
  auto help = ws.run("db --help");
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Catch::Contains("usage: edigate db migrate"));
  CHECK_THAT(help.out, Catch::Contains("--data DIR"));
}
